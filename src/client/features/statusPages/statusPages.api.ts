import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Ok } from '../../../shared/contracts/common';
import type { ServiceHealth } from '../../../shared/contracts/service-health';
import type {
  NewStatusPage,
  PublicStatusPage,
  StatusPage,
  StatusPagePage,
  UpdateStatusPage,
} from '../../../shared/contracts/status-pages';
import { http, request } from '../../api/http';

type OkAnswer = z.infer<typeof Ok>;

/** Query keys of the status page editors and the public page. */
export const statusPageKeys = {
  all: ['statusPages'] as const,
  lists: ['statusPages', 'list'] as const,
  one: (id: number) => ['statusPages', 'one', id] as const,
  preview: (id: number) => ['statusPages', 'one', id, 'preview'] as const,
  public: (slug: string) => ['statusPages', 'public', slug] as const,
  health: (itemId: number) => ['serviceHealth', itemId] as const,
};

/** One page of status pages. */
export function useStatusPages(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...statusPageKeys.lists, page, pageSize],
    queryFn: ({ signal }) => http.get<StatusPagePage>('/status-pages', { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One status page with its services. */
export function useStatusPage(id: number) {
  return useQuery({
    queryKey: statusPageKeys.one(id),
    queryFn: ({ signal }) => http.get<StatusPage>(`/status-pages/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** What the public would see of a saved page (its incidents and maintenance feed the live preview). */
export function useStatusPagePreview(id: number | null) {
  return useQuery({
    queryKey: statusPageKeys.preview(id ?? 0),
    queryFn: ({ signal }) => http.get<PublicStatusPage>(`/status-pages/${id}/preview`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

/** The health of one item: its state through its relations and 90 days of availability. */
export function useServiceHealth(itemId: number) {
  return useQuery({
    queryKey: statusPageKeys.health(itemId),
    queryFn: ({ signal }) => http.get<ServiceHealth>(`/service-health/${itemId}`, undefined, signal),
    staleTime: 60_000,
  });
}

/** The health of several items (state and 90 days), for the editor's live preview. */
export function useServiceHealths(itemIds: readonly number[]) {
  return useQueries({
    queries: itemIds.map((itemId) => ({
      queryKey: statusPageKeys.health(itemId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        http.get<ServiceHealth>(`/service-health/${itemId}`, undefined, signal),
      staleTime: 60_000,
    })),
  });
}

/** A published page, read without signing in: a 401 here is not a lost session. */
export function usePublicStatusPage(slug: string) {
  return useQuery({
    queryKey: statusPageKeys.public(slug),
    queryFn: ({ signal }) =>
      request<PublicStatusPage>(`/public/status-pages/${encodeURIComponent(slug)}`, {
        isSessionRequired: false,
        signal,
      }),
    retry: false,
    refetchInterval: 60_000,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: statusPageKeys.all });
}

/** Creates a status page. */
export function useCreateStatusPage() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewStatusPage) => http.post<StatusPage>('/status-pages', body),
    onSuccess: () => invalidate(),
  });
}

/** Changes a status page. */
export function useUpdateStatusPage(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: UpdateStatusPage) => http.patch<StatusPage>(`/status-pages/${id}`, body),
    onSuccess: () => invalidate(),
  });
}

/** Deletes a status page. */
export function useDeleteStatusPage() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/status-pages/${id}`),
    onSuccess: () => invalidate(),
  });
}
