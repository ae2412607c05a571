import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AvailabilityReport,
  Check,
  CheckListQuery,
  CheckPage,
  CheckWithPushUrl,
  NewCheck,
  ResultPage,
  RunNowResult,
  Series,
  TestCheckRequest,
  UpdateCheck,
} from '../../../shared/contracts/checks';
import type { Ok } from '../../../shared/contracts/common';
import { http } from '../../api/http';

type OkAnswer = z.infer<typeof Ok>;
export type CheckPageAnswer = z.infer<typeof CheckPage>;
export type RunResult = z.infer<typeof RunNowResult>;
export type ResultPageAnswer = z.infer<typeof ResultPage>;
export type AvailabilityAnswer = z.infer<typeof AvailabilityReport>;
export type SeriesAnswer = z.infer<typeof Series>;
export type Period = '24h' | '7d' | '30d' | '90d';
export type DegradedCountsAs = 'up' | 'down' | 'half';
export type MaintenanceRule = 'excluded' | 'included';
export type CheckEvent = { id: number; at: number; fromState: string; toState: string; message: string };

/** Query keys of the checks pages; everything about one check sits under `checkKeys.one(id)`. */
export const checkKeys = {
  all: ['checks'] as const,
  lists: ['checks', 'list'] as const,
  list: (filter: CheckFilter) => ['checks', 'list', filter] as const,
  one: (id: number) => ['checks', 'one', id] as const,
};

/** The list query as the page keeps it; absent fields use the server's defaults. */
export type CheckFilter = Partial<CheckListQuery>;

/** One page of checks with state and a 24 h sparkline; the previous page stays while the next loads. */
export function useChecks(filter: CheckFilter, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: checkKeys.list(filter),
    queryFn: ({ signal }) => http.get<CheckPageAnswer>('/checks', filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.isEnabled ?? true,
  });
}

/** One check. */
export function useCheck(id: number) {
  return useQuery({
    queryKey: checkKeys.one(id),
    queryFn: ({ signal }) => http.get<Check>(`/checks/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Availability for 24 h, 7 d, 30 d, 90 d under a counting rule. */
export function useCheckAvailability(
  id: number,
  degradedCountsAs: DegradedCountsAs,
  minimumSamples: number,
  maintenance: MaintenanceRule,
) {
  return useQuery({
    queryKey: [...checkKeys.one(id), 'availability', degradedCountsAs, minimumSamples, maintenance],
    queryFn: ({ signal }) =>
      http.get<AvailabilityAnswer>(
        `/checks/${id}/availability`,
        { degradedCountsAs, minimumSamples, maintenance },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Latency and outcomes over a period. */
export function useCheckSeries(id: number, period: Period) {
  return useQuery({
    queryKey: [...checkKeys.one(id), 'series', period],
    queryFn: ({ signal }) => http.get<SeriesAnswer>(`/checks/${id}/series`, { period }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Raw results, newest first, one page. */
export function useCheckResults(
  id: number,
  query: { page: number; pageSize: number; status?: 'up' | 'degraded' | 'down' },
) {
  return useQuery({
    queryKey: [...checkKeys.one(id), 'results', query],
    queryFn: ({ signal }) => http.get<ResultPageAnswer>(`/checks/${id}/results`, query, signal),
    placeholderData: keepPreviousData,
  });
}

/** State changes, newest first. */
export function useCheckEvents(id: number) {
  return useQuery({
    queryKey: [...checkKeys.one(id), 'events'],
    queryFn: ({ signal }) => http.get<{ rows: CheckEvent[] }>(`/checks/${id}/events`, undefined, signal),
  });
}

function useInvalidateChecks() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: checkKeys.all });
}

/** Creates a check; a heartbeat answers its push URL, once. */
export function useCreateCheck() {
  const invalidate = useInvalidateChecks();
  return useMutation({
    mutationFn: (body: NewCheck) => http.post<CheckWithPushUrl>('/checks', body),
    onSuccess: () => invalidate(),
  });
}

/** Changes a check (also pauses and resumes it). */
export function useUpdateCheck(id: number) {
  const client = useQueryClient();
  const invalidate = useInvalidateChecks();
  return useMutation({
    mutationFn: (body: UpdateCheck) => http.patch<Check>(`/checks/${id}`, body),
    onSuccess: (check) => {
      client.setQueryData(checkKeys.one(id), check);
      return invalidate();
    },
  });
}

/** Deletes a check with its results. */
export function useDeleteCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/checks/${id}`),
    onSuccess: (_answer, id) => {
      client.removeQueries({ queryKey: checkKeys.one(id) });
      return client.invalidateQueries({ queryKey: checkKeys.lists });
    },
  });
}

/** Runs a saved check now; the result is answered, not stored. */
export function useRunCheck(id: number) {
  return useMutation({ mutationFn: () => http.post<RunResult>(`/checks/${id}/run`) });
}

/** Runs unsaved settings once (the form's "Run now"). */
export function useTestCheck() {
  return useMutation({
    mutationFn: (body: z.input<typeof TestCheckRequest>) => http.post<RunResult>('/checks/test', body),
  });
}

/** Makes a new push URL for a heartbeat check; the old one stops working. */
export function useRenewPushToken(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<CheckWithPushUrl>(`/checks/${id}/push-token`),
    onSuccess: ({ pushUrl: _pushUrl, ...check }) => client.setQueryData(checkKeys.one(id), check),
  });
}
