import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditListQuery, AuditPage, AuditVerification } from '../../../shared/contracts/audit';
import { http } from '../../api/http';
import { queryKeys } from '../../api/queryClient';

/** One page of the audit log, newest first. */
export function useAuditLog(filter: Partial<AuditListQuery>) {
  return useQuery({
    queryKey: [...queryKeys.audit, filter],
    queryFn: ({ signal }) => http.get<z.infer<typeof AuditPage>>('/audit', filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** Walks the hash chain on the server (a read, run on demand). */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: () => http.get<AuditVerification>('/audit/verify'),
  });
}
