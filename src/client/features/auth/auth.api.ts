import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ChangePasswordRequest,
  LoginRequest,
  Me,
  UpdateMeRequest,
} from '../../../shared/contracts/auth';
import type { Ok } from '../../../shared/contracts/common';
import { ApiError, clearSessionEnded, http, request } from '../../api/http';
import { queryKeys } from '../../api/queryClient';

type OkAnswer = z.infer<typeof Ok>;

/** Who is signed in: the user, or null when nobody is (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await request<Me>('/auth/me', { isSessionRequired: false, signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The signed-in user; only for pages under the signed-in layout. */
export function useSignedInUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInUser outside the signed-in layout');
  return data;
}

/** Signs in with email and password. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) =>
      request<Me>('/auth/login', { method: 'POST', body, isSessionRequired: false }),
    onSuccess: (me) => {
      clearSessionEnded();
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      client.setQueryData(queryKeys.me, me);
    },
  });
}

/** Signs out and forgets every cached answer. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      request<OkAnswer>('/auth/logout', { method: 'POST', body: {}, isSessionRequired: false }),
    onSettled: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      client.setQueryData(queryKeys.me, null);
    },
  });
}

/** Changes the signed-in user's name or language. */
export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeRequest) => http.patch<Me>('/auth/me', body),
    onSuccess: (me) => client.setQueryData(queryKeys.me, me),
  });
}

/** Changes the signed-in user's password. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => http.post<OkAnswer>('/auth/password', body),
  });
}
