import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignIncident,
  IncidentDetail,
  IncidentListQuery,
  IncidentPage,
  IncidentReview,
  NewIncidentInput,
  UpdateIncident,
} from '../../../shared/contracts/incidents';
import { http } from '../../api/http';

/** Query keys of the incident pages. */
export const incidentKeys = {
  all: ['incidents'] as const,
  lists: ['incidents', 'list'] as const,
  one: (id: number) => ['incidents', 'one', id] as const,
};

/** The list query as the page keeps it. */
export type IncidentFilter = Partial<Omit<IncidentListQuery, 'isOpen'>> & { isOpen?: boolean };

/** One page of incidents; refreshed every 30 s, since checks open and close them on their own. */
export function useIncidents(filter: IncidentFilter, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...incidentKeys.lists, filter],
    queryFn: ({ signal }) => http.get<IncidentPage>('/incidents', filter, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
    enabled: options.isEnabled ?? true,
  });
}

/** One incident with its checks, impacted items and timeline. */
export function useIncident(id: number) {
  return useQuery({
    queryKey: incidentKeys.one(id),
    queryFn: ({ signal }) => http.get<IncidentDetail>(`/incidents/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: 30_000,
  });
}

/** Opens an incident by hand. */
export function useCreateIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewIncidentInput) => http.post<IncidentDetail>('/incidents', body),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentKeys.lists }),
  });
}

/** The actions on one incident; each answers the new detail, which replaces the cached one. */
export function useIncidentActions(id: number) {
  const client = useQueryClient();
  const onSuccess = (incident: IncidentDetail) => {
    client.setQueryData(incidentKeys.one(id), incident);
    return client.invalidateQueries({ queryKey: incidentKeys.lists });
  };
  const base = `/incidents/${id}`;
  return {
    acknowledge: useMutation({
      mutationFn: () => http.post<IncidentDetail>(`${base}/acknowledge`),
      onSuccess,
    }),
    resolve: useMutation({
      mutationFn: (note: string) => http.post<IncidentDetail>(`${base}/resolve`, { note }),
      onSuccess,
    }),
    reopen: useMutation({
      mutationFn: (note: string) => http.post<IncidentDetail>(`${base}/reopen`, { note }),
      onSuccess,
    }),
    assign: useMutation({
      mutationFn: (body: AssignIncident) => http.post<IncidentDetail>(`${base}/assign`, body),
      onSuccess,
    }),
    comment: useMutation({
      mutationFn: (body: string) => http.post<IncidentDetail>(`${base}/comments`, { body }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: (body: UpdateIncident) => http.patch<IncidentDetail>(base, body),
      onSuccess,
    }),
    review: useMutation({
      mutationFn: (body: IncidentReview) => http.put<IncidentDetail>(`${base}/review`, body),
      onSuccess,
    }),
  };
}
