import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Board,
  NewWorkItemInput,
  NewWorkViewInput,
  Timeline,
  UpdateWorkItem,
  UpdateWorkView,
  WorkItemDetail,
  WorkItemListQuery,
  WorkItemPage,
  WorkView,
  WorkViewPage,
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
  timeline: (teamId: number, from: string, to: string) => ['work', 'timeline', teamId, from, to] as const,
  views: (teamId: number) => ['work', 'views', teamId] as const,
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

/** How many cards a board column shows first, and the most the server gives per column. */
export const boardPageSize = 25;
export const boardMaxPerState = 200;

/** A team's board, with at most `perState` cards per column (the counts cover them all). */
export function useBoard(teamId: number | null, perState = boardPageSize) {
  return useQuery({
    queryKey: [...workKeys.board(teamId ?? 0), perState],
    queryFn: ({ signal }) => http.get<Board>(`/teams/${teamId}/board`, { perState }, signal),
    enabled: teamId !== null,
    placeholderData: keepPreviousData,
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

/** A team's timeline over a window of days. */
export function useTimeline(teamId: number, from: string, to: string) {
  return useQuery({
    queryKey: workKeys.timeline(teamId, from, to),
    queryFn: ({ signal }) => http.get<Timeline>(`/teams/${teamId}/timeline`, { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Records "blockerId blocks blockedId"; a loop is refused by the server with a 409 naming it. */
export function useAddDependency() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ blockerId, blockedId }: { blockerId: number; blockedId: number }) =>
      http.post<WorkItemDetail>(`/work-items/${blockedId}/blocked-by`, { blockerId }),
    onSuccess: () => client.invalidateQueries({ queryKey: workKeys.all }),
  });
}

/** The saved views of a team's list the caller sees (theirs and the team's shared ones). */
export function useWorkViews(teamId: number) {
  return useQuery({
    queryKey: workKeys.views(teamId),
    queryFn: ({ signal }) => http.get<WorkViewPage>('/work-views', { teamId, pageSize: 200 }, signal),
  });
}

/** Saves, changes and deletes saved views. */
export function useWorkViewActions(teamId: number) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: workKeys.views(teamId) });
  return {
    create: useMutation({
      mutationFn: (body: NewWorkViewInput) => http.post<WorkView>('/work-views', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: UpdateWorkView & { id: number }) =>
        http.patch<WorkView>(`/work-views/${id}`, body),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: number) => http.delete<{ ok: true }>(`/work-views/${id}`),
      onSuccess,
    }),
  };
}
