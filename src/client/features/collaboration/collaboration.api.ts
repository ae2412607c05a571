import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActivityPage,
  CollaborationSettings,
  Comment,
  CommentEntityType,
  CommentPage,
  NotificationPreferences,
  PeopleList,
  PersonalNotificationPage,
  UnreadCount,
  WatchState,
} from '../../../shared/contracts/collaboration';
import { http } from '../../api/http';

/** Query keys of the collaboration parts. */
export const collaborationKeys = {
  comments: (entityType: CommentEntityType, entityId: number) => ['comments', entityType, entityId] as const,
  watch: (entityType: CommentEntityType, entityId: number) => ['watchers', entityType, entityId] as const,
  activity: (entityType: CommentEntityType, entityId: number) => ['activity', entityType, entityId] as const,
  teamActivity: (teamId: number) => ['activity', 'team', teamId] as const,
  inbox: ['me', 'notifications'] as const,
  unread: ['me', 'notifications', 'unread'] as const,
  preferences: ['me', 'notification-preferences'] as const,
  settings: ['collaboration', 'settings'] as const,
};

/** The unread count is polled every 30 s (works the same behind any proxy and with several servers). */
export const unreadPollMs = 30_000;

/** One page of an entity's comments, oldest first. */
export function useComments(entityType: CommentEntityType, entityId: number, page: number) {
  return useQuery({
    queryKey: [...collaborationKeys.comments(entityType, entityId), page],
    queryFn: ({ signal }) =>
      http.get<CommentPage>('/comments', { entityType, entityId, page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Create, edit and delete comments of one entity; each refreshes its thread and feed. */
export function useCommentActions(entityType: CommentEntityType, entityId: number) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: collaborationKeys.comments(entityType, entityId) }),
      client.invalidateQueries({ queryKey: collaborationKeys.watch(entityType, entityId) }),
      client.invalidateQueries({ queryKey: collaborationKeys.activity(entityType, entityId) }),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: string) => http.post<Comment>('/comments', { entityType, entityId, body }),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: string }) =>
        http.patch<Comment>(`/comments/${id}`, { body }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: number) => http.delete<void>(`/comments/${id}`),
      onSuccess: refresh,
    }),
  };
}

/**
 * People whose name or handle contains the text, for "@" suggestions; on an entity, those the
 * server offers there (a requester gets only the people of their own request).
 */
export function usePeople(
  query: string,
  isEnabled: boolean,
  entity?: { entityType: CommentEntityType; entityId: number },
) {
  return useQuery({
    queryKey: ['collaboration', 'people', query, entity?.entityType, entity?.entityId],
    queryFn: ({ signal }) => http.get<PeopleList>('/collaboration/people', { query, ...entity }, signal),
    enabled: isEnabled,
    staleTime: 60_000,
  });
}

/** Whether the caller watches the entity, and the toggles. */
export function useWatch(entityType: CommentEntityType, entityId: number) {
  const client = useQueryClient();
  const key = collaborationKeys.watch(entityType, entityId);
  const state = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => http.get<WatchState>('/watchers', { entityType, entityId }, signal),
  });
  const toggle = useMutation({
    mutationFn: (isWatching: boolean) =>
      isWatching
        ? http.put<WatchState>('/watchers', { entityType, entityId })
        : http.delete<WatchState>(`/watchers?entityType=${entityType}&entityId=${entityId}`),
    onSuccess: (next) => client.setQueryData(key, next),
  });
  return { state, toggle };
}

/** The caller's unread count, polled (more slowly while a live stream keeps it current). */
export function useUnreadCount(pollMs = unreadPollMs) {
  return useQuery({
    queryKey: collaborationKeys.unread,
    queryFn: ({ signal }) => http.get<UnreadCount>('/me/notifications/unread-count', undefined, signal),
    refetchInterval: pollMs,
  });
}

/** A page of the caller's notifications. */
export function useInbox(page: number, isUnread: boolean) {
  return useQuery({
    queryKey: [...collaborationKeys.inbox, 'list', page, isUnread],
    queryFn: ({ signal }) =>
      http.get<PersonalNotificationPage>('/me/notifications', { page, pageSize: 25, isUnread }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: unreadPollMs,
  });
}

/** Mark one or all notifications read; refreshes the list and the bell. */
export function useMarkRead() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: collaborationKeys.inbox });
  return {
    one: useMutation({
      mutationFn: (id: number) => http.post<{ marked: number }>(`/me/notifications/${id}/read`),
      onSuccess: refresh,
    }),
    all: useMutation({
      mutationFn: () => http.post<{ marked: number }>('/me/notifications/read-all'),
      onSuccess: refresh,
    }),
  };
}

/** The caller's notification preferences and their update. */
export function usePreferences() {
  const client = useQueryClient();
  const preferences = useQuery({
    queryKey: collaborationKeys.preferences,
    queryFn: ({ signal }) =>
      http.get<NotificationPreferences>('/me/notification-preferences', undefined, signal),
  });
  const update = useMutation({
    mutationFn: (next: NotificationPreferences) =>
      http.put<NotificationPreferences>('/me/notification-preferences', next),
    onSuccess: (next) => client.setQueryData(collaborationKeys.preferences, next),
  });
  return { preferences, update };
}

/** Which email channel carries personal email, and the digest hour. */
export function useCollaborationSettings() {
  return useQuery({
    queryKey: collaborationKeys.settings,
    queryFn: ({ signal }) => http.get<CollaborationSettings>('/collaboration/settings', undefined, signal),
  });
}

/** An entity's activity feed, or a team's. */
export function useActivity(
  target: { entityType: CommentEntityType; entityId: number } | { teamId: number },
  page: number,
) {
  const isTeam = 'teamId' in target;
  return useQuery({
    queryKey: [
      ...(isTeam
        ? collaborationKeys.teamActivity(target.teamId)
        : collaborationKeys.activity(target.entityType, target.entityId)),
      page,
    ],
    queryFn: ({ signal }) =>
      isTeam
        ? http.get<ActivityPage>(`/activity/teams/${target.teamId}`, { page, pageSize: 20 }, signal)
        : http.get<ActivityPage>('/activity', { ...target, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}
