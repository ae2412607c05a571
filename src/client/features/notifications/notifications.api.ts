import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Ok } from '../../../shared/contracts/common';
import type {
  Channel,
  ChannelPage,
  ChannelTestOutcome,
  Delivery,
  DeliveryPage,
  DeliveryStatus,
  NewChannel,
  NewRule,
  Rule,
  RulePage,
  UpdateChannel,
  UpdateRule,
} from '../../../shared/contracts/notifications';
import { http } from '../../api/http';

type OkAnswer = z.infer<typeof Ok>;

/** Query keys of the notifications pages. */
export const notificationKeys = {
  all: ['notifications'] as const,
  channels: ['notifications', 'channels'] as const,
  rules: ['notifications', 'rules'] as const,
  deliveries: ['notifications', 'deliveries'] as const,
};

/** Every channel (a few dozen at most): the tabs and pickers need them all. */
export function useChannels() {
  return useQuery({
    queryKey: notificationKeys.channels,
    queryFn: ({ signal }) => http.get<ChannelPage>('/notifications/channels', { pageSize: 200 }, signal),
  });
}

/** Every rule. */
export function useRules() {
  return useQuery({
    queryKey: notificationKeys.rules,
    queryFn: ({ signal }) => http.get<RulePage>('/notifications/rules', { pageSize: 200 }, signal),
  });
}

/** The delivery log as the page filters it. */
export type DeliveryFilter = { status?: DeliveryStatus; channelId?: number; page: number; pageSize: number };

/** One page of the delivery log; refreshed every few seconds while shown, so retries are seen. */
export function useDeliveries(filter: DeliveryFilter) {
  return useQuery({
    queryKey: [...notificationKeys.deliveries, filter],
    queryFn: ({ signal }) => http.get<DeliveryPage>('/notifications/deliveries', filter, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: notificationKeys.all });
}

/** Creates a channel. */
export function useCreateChannel() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewChannel) => http.post<Channel>('/notifications/channels', body),
    onSuccess: () => invalidate(),
  });
}

/** Changes a channel; secrets left as ******** keep their stored value. */
export function useUpdateChannel() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: UpdateChannel }) =>
      http.patch<Channel>(`/notifications/channels/${id}`, change),
    onSuccess: () => invalidate(),
  });
}

/** Deletes a channel and its delivery log. */
export function useDeleteChannel() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/notifications/channels/${id}`),
    onSuccess: () => invalidate(),
  });
}

/** Sends a test message now and answers with the outcome. */
export function useTestChannel() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => http.post<ChannelTestOutcome>(`/notifications/channels/${id}/test`),
    onSettled: () => invalidate(),
  });
}

/** Creates a rule. */
export function useCreateRule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewRule) => http.post<Rule>('/notifications/rules', body),
    onSuccess: () => invalidate(),
  });
}

/** Changes a rule. */
export function useUpdateRule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: UpdateRule }) =>
      http.patch<Rule>(`/notifications/rules/${id}`, change),
    onSuccess: () => invalidate(),
  });
}

/** Deletes a rule. */
export function useDeleteRule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/notifications/rules/${id}`),
    onSuccess: () => invalidate(),
  });
}

/** Queues a dead delivery again. */
export function useRetryDelivery() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => http.post<Delivery>(`/notifications/deliveries/${id}/retry`),
    onSuccess: () => invalidate(),
  });
}
