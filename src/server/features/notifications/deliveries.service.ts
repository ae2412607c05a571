import type { z } from 'zod';
import {
  type Delivery,
  DeliveryListQuery,
  type DeliveryPage,
  type DeliveryStatus,
} from '../../../shared/contracts/notifications';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { announceNotificationChange } from './channels.service';
import { assertCanManageNotifications, type NotificationActor } from './notifications.policy';
import {
  type AttemptRow,
  type DeliveryRow,
  findDeliveryRow,
  listAttemptRows,
  listDeliveryRows,
  requeueDeadDelivery,
} from './notifications.repository';

const attemptsShown = 20;

function subjectOf(payload: string): string {
  try {
    const event = JSON.parse(payload) as { subject?: { name?: unknown } };
    return typeof event.subject?.name === 'string' ? event.subject.name : '';
  } catch {
    return '';
  }
}

function toDelivery(row: DeliveryRow, attempts: AttemptRow[]): Delivery {
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: row.channelName,
    eventKind: row.eventKind,
    subject: subjectOf(row.payload),
    idempotencyKey: row.idempotencyKey,
    status: row.status as DeliveryStatus,
    attemptCount: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
    attempts: attempts.map((attempt) => ({
      id: attempt.id,
      at: attempt.at,
      isSuccess: attempt.isSuccess === 1,
      statusCode: attempt.statusCode,
      message: attempt.message,
      durationMs: attempt.durationMs,
    })),
  };
}

/** The delivery log, newest first: filter by status (`dead` is the dead-letter list) and channel. */
export async function listDeliveries(
  ctx: AppContext,
  actor: NotificationActor,
  query: z.input<typeof DeliveryListQuery> = {},
): Promise<DeliveryPage> {
  assertCanManageNotifications(actor);
  const { page, pageSize, ...filter } = parseInput(DeliveryListQuery, query, 'querystring');
  const { rows, total } = await listDeliveryRows(ctx.db, filter, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const attempts = await listAttemptRows(
    ctx.db,
    rows.map((row) => row.id),
    attemptsShown,
  );
  return { rows: rows.map((row) => toDelivery(row, attempts.get(row.id) ?? [])), total, page, pageSize };
}

/** One delivery with its tries; 404 when there is none. */
export async function getDelivery(ctx: AppContext, actor: NotificationActor, id: number): Promise<Delivery> {
  assertCanManageNotifications(actor);
  const row = await findDeliveryRow(ctx.db, id);
  if (!row) throw notFound('delivery');
  const attempts = await listAttemptRows(ctx.db, [id], attemptsShown);
  return toDelivery(row, attempts.get(id) ?? []);
}

/** Puts a dead delivery back in the outbox for a new round of tries, with the same key; audited. */
export async function retryDelivery(
  ctx: AppContext,
  actor: NotificationActor,
  id: number,
): Promise<Delivery> {
  assertCanManageNotifications(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findDeliveryRow(trx, id);
    if (!row) throw notFound('delivery');
    if (!(await requeueDeadDelivery(trx, id, ctx.now()))) {
      throw appError('conflict', phrase('notifications.onlyDeadRetried', { status: row.status }));
    }
    await recordChange(ctx, trx, actor, {
      action: 'notificationDelivery.retry',
      entityType: 'notificationDelivery',
      entityId: id,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: 'pending', attempts: 0 },
    });
  });
  announceNotificationChange(ctx);
  return getDelivery(ctx, actor, id);
}
