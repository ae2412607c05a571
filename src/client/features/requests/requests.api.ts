import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MergeRequest,
  MergeTargetList,
  NewRequestInput,
  RequestChoices,
  RequestDetail,
  RequestPage,
} from '../../../shared/contracts/requests';
import { http } from '../../api/http';

/** Query keys of the request pages. */
export const requestKeys = {
  all: ['requests'] as const,
  list: (scope: string, teamId: number | null) => ['requests', 'list', scope, teamId] as const,
  one: (id: number) => ['requests', 'one', id] as const,
  choices: (q: string) => ['requests', 'choices', q] as const,
  mergeTargets: (id: number, q: string) => ['requests', 'merge-targets', id, q] as const,
};

/** A page of requests: one's own, or those waiting in triage. */
export function useRequests(scope: 'mine' | 'triage', teamId: number | null = null, isEnabled = true) {
  return useQuery({
    queryKey: requestKeys.list(scope, teamId),
    queryFn: ({ signal }) =>
      http.get<RequestPage>('/requests', { scope, pageSize: 100, ...(teamId ? { teamId } : {}) }, signal),
    enabled: isEnabled,
  });
}

/** One request with its history. */
export function useRequest(id: number) {
  return useQuery({
    queryKey: requestKeys.one(id),
    queryFn: ({ signal }) => http.get<RequestDetail>(`/requests/${id}`, undefined, signal),
  });
}

/** Teams and systems for the form. */
export function useRequestChoices(q: string) {
  return useQuery({
    queryKey: requestKeys.choices(q),
    queryFn: ({ signal }) => http.get<RequestChoices>('/requests/choices', { q }, signal),
  });
}

/** What a request may be merged into, by words of the title or a number; the last list stays while typing. */
export function useMergeTargets(id: number, q: string, isEnabled: boolean) {
  return useQuery({
    queryKey: requestKeys.mergeTargets(id, q),
    queryFn: ({ signal }) => http.get<MergeTargetList>(`/requests/${id}/merge-targets`, { q }, signal),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

/** Submitting a request. */
export function useSubmitRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRequestInput) => http.post<RequestDetail>('/requests', body),
    onSuccess: () => client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** Accept, merge and decline. */
export function useTriageActions() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: requestKeys.all });
  return {
    accept: useMutation({
      mutationFn: (id: number) => http.post<RequestDetail>(`/requests/${id}/accept`, {}),
      onSuccess,
    }),
    merge: useMutation({
      mutationFn: ({ id, ...body }: MergeRequest & { id: number }) =>
        http.post<RequestDetail>(`/requests/${id}/merge`, body),
      onSuccess,
    }),
    decline: useMutation({
      mutationFn: ({ id, reason }: { id: number; reason: string }) =>
        http.post<RequestDetail>(`/requests/${id}/decline`, { reason }),
      onSuccess,
    }),
  };
}
