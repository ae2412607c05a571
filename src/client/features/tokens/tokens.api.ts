import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiToken, CreatedApiToken, NewApiToken } from '../../../shared/contracts/auth';
import type { Ok } from '../../../shared/contracts/common';
import { http } from '../../api/http';
import { queryKeys } from '../../api/queryClient';

/** The signed-in user's API tokens (never their secrets). */
export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: ({ signal }) => http.get<{ rows: ApiToken[] }>('/tokens', undefined, signal),
  });
}

/** Creates a token; the answer carries its secret, once. */
export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiToken) => http.post<CreatedApiToken>('/tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

/** Revokes a token. */
export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => http.delete<z.infer<typeof Ok>>(`/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}
