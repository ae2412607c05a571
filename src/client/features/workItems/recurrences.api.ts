import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  NewRecurrenceInput,
  Recurrence,
  RecurrencePage,
  UpdateRecurrence,
} from '../../../shared/contracts/work-items';
import { http } from '../../api/http';

const recurrenceKeys = {
  all: ['work', 'recurrences'] as const,
  team: (teamId: number) => ['work', 'recurrences', teamId] as const,
};

/** A team's recurring work (the largest page: a team keeps a few dozen at most). */
export function useRecurrences(teamId: number) {
  return useQuery({
    queryKey: recurrenceKeys.team(teamId),
    queryFn: ({ signal }) => http.get<RecurrencePage>('/work-recurrences', { teamId, pageSize: 100 }, signal),
  });
}

/** Creating, changing and deleting recurring work; each refreshes the lists. */
export function useRecurrenceActions() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: recurrenceKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: NewRecurrenceInput) => http.post<Recurrence>('/work-recurrences', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, change }: { id: number; change: UpdateRecurrence }) =>
        http.patch<Recurrence>(`/work-recurrences/${id}`, change),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: number) => http.delete<void>(`/work-recurrences/${id}`),
      onSuccess,
    }),
  };
}
