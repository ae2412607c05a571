import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me, SetupRequest, SetupStatus } from '../../../shared/contracts/auth';
import { request } from '../../api/http';
import { queryKeys } from '../../api/queryClient';

/** Whether first-run setup is still open. */
export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: ({ signal }) =>
      request<z.infer<typeof SetupStatus>>('/setup', { isSessionRequired: false, signal }),
    staleTime: 60_000,
  });
}

/** Creates the first admin and signs them in. */
export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupRequest) =>
      request<Me>('/setup', { method: 'POST', body, isSessionRequired: false }),
    onSuccess: (me) => {
      client.setQueryData(queryKeys.setup, { isOpen: false });
      client.setQueryData(queryKeys.me, me);
    },
  });
}
