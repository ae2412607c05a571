import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Ok } from '../../../shared/contracts/common';
import type {
  MaintenanceListQuery,
  MaintenanceWindow,
  MaintenanceWindowPage,
  NewMaintenanceWindow,
  OccurrenceList,
  UpdateMaintenanceWindow,
} from '../../../shared/contracts/maintenance';
import { http } from '../../api/http';

type OkAnswer = z.infer<typeof Ok>;

/** Query keys of the maintenance pages. */
export const maintenanceKeys = {
  all: ['maintenance'] as const,
  lists: ['maintenance', 'list'] as const,
  occurrences: (from: number, to: number) => ['maintenance', 'occurrences', from, to] as const,
  one: (id: number) => ['maintenance', 'one', id] as const,
};

export type MaintenanceFilter = Partial<MaintenanceListQuery>;

/** One page of windows; the previous page stays while the next loads. */
export function useMaintenanceWindows(filter: MaintenanceFilter) {
  return useQuery({
    queryKey: [...maintenanceKeys.lists, filter],
    queryFn: ({ signal }) => http.get<MaintenanceWindowPage>('/maintenance-windows', filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** The occurrences in a calendar range (at most 100 days). */
export function useOccurrences(from: number, to: number) {
  return useQuery({
    queryKey: maintenanceKeys.occurrences(from, to),
    queryFn: ({ signal }) =>
      http.get<OccurrenceList>('/maintenance-windows/occurrences', { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One window. */
export function useMaintenanceWindow(id: number) {
  return useQuery({
    queryKey: maintenanceKeys.one(id),
    queryFn: ({ signal }) => http.get<MaintenanceWindow>(`/maintenance-windows/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: maintenanceKeys.all });
}

/** Plans a window. */
export function useCreateMaintenanceWindow() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewMaintenanceWindow) => http.post<MaintenanceWindow>('/maintenance-windows', body),
    onSuccess: () => invalidate(),
  });
}

/** Changes a window. */
export function useUpdateMaintenanceWindow(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: UpdateMaintenanceWindow) =>
      http.patch<MaintenanceWindow>(`/maintenance-windows/${id}`, body),
    onSuccess: () => invalidate(),
  });
}

/** Deletes a window. */
export function useDeleteMaintenanceWindow() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/maintenance-windows/${id}`),
    onSuccess: () => invalidate(),
  });
}
