import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Board,
  NewWorkItemInput,
  UpdateWorkItem,
  WorkItemDetail,
  WorkItemListQuery,
  WorkItemPage,
} from '../../../shared/contracts/work-items';
import type { Workflow } from '../../../shared/contracts/workflows';
import { http } from '../../api/http';

/** Query keys of the work pages. */
export const workKeys = {
  all: ['work'] as const,
  lists: ['work', 'list'] as const,
  board: (teamId: number) => ['work', 'board', teamId] as const,
  workflow: (teamId: number) => ['work', 'workflow', teamId] as const,
  one: (id: number) => ['work', 'one', id] as const,
};

/** The list query as the pages keep it. */
export type WorkFilter = Partial<Omit<WorkItemListQuery, 'isOpen' | 'isMine'>> & {
  isOpen?: boolean;
  isMine?: boolean;
};

/** One page of work items. */
export function useWorkItems(filter: WorkFilter, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...workKeys.lists, filter],
    queryFn: ({ signal }) => http.get<WorkItemPage>('/work-items', filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.isEnabled ?? true,
  });
}

/** A team's board. */
export function useBoard(teamId: number | null) {
  return useQuery({
    queryKey: workKeys.board(teamId ?? 0),
    queryFn: ({ signal }) => http.get<Board>(`/teams/${teamId}/board`, { perState: 100 }, signal),
    enabled: teamId !== null,
  });
}

/** A team's workflow. */
export function useWorkflow(teamId: number | null) {
  return useQuery({
    queryKey: workKeys.workflow(teamId ?? 0),
    queryFn: ({ signal }) => http.get<Workflow>(`/teams/${teamId}/workflow`, undefined, signal),
    enabled: teamId !== null,
  });
}

/** One work item with children, dependencies and links. */
export function useWorkItem(id: number) {
  return useQuery({
    queryKey: workKeys.one(id),
    queryFn: ({ signal }) => http.get<WorkItemDetail>(`/work-items/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Creates a work item. */
export function useCreateWorkItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWorkItemInput) => http.post<WorkItemDetail>('/work-items', body),
    onSuccess: () => client.invalidateQueries({ queryKey: workKeys.all }),
  });
}

/** Moves an item to another state; the board is refreshed either way (a refused move puts the card back). */
export function useMoveWorkItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, stateId }: { id: number; stateId: number }) =>
      http.post<WorkItemDetail>(`/work-items/${id}/move`, { stateId }),
    onSettled: () => client.invalidateQueries({ queryKey: workKeys.all }),
  });
}

/** The changes to one item; each answers the new detail, which replaces the cached one. */
export function useWorkItemActions(id: number) {
  const client = useQueryClient();
  const onSuccess = (item: WorkItemDetail) => {
    client.setQueryData(workKeys.one(id), item);
    return client.invalidateQueries({ queryKey: workKeys.lists });
  };
  const base = `/work-items/${id}`;
  return {
    update: useMutation({
      mutationFn: (body: UpdateWorkItem) => http.patch<WorkItemDetail>(base, body),
      onSuccess,
    }),
    addBlocker: useMutation({
      mutationFn: (blockerId: number) => http.post<WorkItemDetail>(`${base}/blocked-by`, { blockerId }),
      onSuccess,
    }),
    removeBlocker: useMutation({
      mutationFn: (blockerId: number) => http.delete<WorkItemDetail>(`${base}/blocked-by/${blockerId}`),
      onSuccess,
    }),
  };
}
