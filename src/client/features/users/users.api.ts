import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { NewUser, UpdateUser, User, UserListQuery, UserPage } from '../../../shared/contracts/users';
import { http } from '../../api/http';
import { queryKeys } from '../../api/queryClient';

/** One page of users matching a filter. */
export function useUsers(filter: Partial<UserListQuery>, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.users, filter],
    queryFn: ({ signal }) => http.get<z.infer<typeof UserPage>>('/users', filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.isEnabled ?? true,
  });
}

/** Creates a user. */
export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => http.post<User>('/users', body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

/** Changes a user's name, role, status or password. */
export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUser & { id: number }) => http.patch<User>(`/users/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
