import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  AcceptRequest,
  DeclineRequest,
  MergeRequest,
  type MergeTargetList,
  type MergeTargetQuery,
  NewRequest,
  type NewRequestInput,
  type RequestChoices,
  type RequestDetail,
  RequestListQuery,
  type RequestPage,
  type RequestStatus,
  type RequestSummary,
} from '../../../shared/contracts/requests';
import { runTransaction } from '../../after-commit';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { numberTyped } from '../../db/text-search';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { notifyUsers } from '../collaboration/personal-notifications';
import { watch } from '../collaboration/watchers';
import { createWorkItemIn } from '../work-items/work-items.service';
import {
  assertCanReadAllRequests,
  assertCanTriageRequest,
  canReadAllRequests,
  canSeeRequest,
  canTriageRequest,
} from './requests.policy';
import {
  addFollowers,
  findRequestRow,
  firstOtherCommentTimes,
  insertRequestEvent,
  insertRequestRow,
  listFollowerIds,
  listRequestEvents,
  listRequestRows,
  type RequestRow,
  searchMergeTargets,
  updateRequestRow,
} from './requests.repository';

/** The status a person sees: an accepted request whose work item is done reads "resolved". */
export function statusOf(row: Pick<RequestRow, 'status' | 'completedAt'>): RequestStatus {
  if (row.status === 'accepted' && row.completedAt !== null) return 'resolved';
  return row.status as RequestStatus;
}

/** The first response: the earlier of the first triage step and the first comment by someone else. */
function firstResponseOf(row: RequestRow, firstComment: number | undefined): number | null {
  const times = [row.firstResponseAt, firstComment ?? null].filter((at): at is number => at !== null);
  return times.length === 0 ? null : Math.min(...times);
}

/** The API shape of a request row. */
export function toRequestSummary(row: RequestRow, firstComment: number | undefined): RequestSummary {
  return {
    id: row.id,
    kind: row.kind as RequestSummary['kind'],
    title: row.title,
    priority: row.priority,
    status: statusOf(row),
    teamId: row.teamId,
    teamName: row.teamName,
    itemId: row.itemId,
    itemName: row.itemName,
    requesterId: row.requesterId,
    requesterName: row.requesterName,
    workItemId: row.workItemId,
    mergedIntoRequestId: row.mergedIntoRequestId,
    declineReason: row.declineReason,
    submittedAt: row.submittedAt,
    firstResponseAt: firstResponseOf(row, firstComment),
    acceptedAt: row.acceptedAt,
    declinedAt: row.declinedAt,
    mergedAt: row.mergedAt,
    resolvedAt: row.status === 'accepted' ? row.completedAt : null,
  };
}

/** The request if the person may see it; otherwise "not found", so ids reveal nothing. */
async function findVisibleRequest(db: Db, actor: Actor, id: number): Promise<RequestRow> {
  const row = await findRequestRow(db, id);
  if (!row || !canSeeRequest(actor, await listFollowerIds(db, id))) throw notFound('request');
  return row;
}

/** A request with its history and where its thread lives. */
export async function getRequest(ctx: AppContext, actor: Actor, id: number): Promise<RequestDetail> {
  const row = await findVisibleRequest(ctx.db, actor, id);
  const [events, firsts] = await Promise.all([
    listRequestEvents(ctx.db, id),
    firstOtherCommentTimes(ctx.db, [row]),
  ]);
  const history: RequestDetail['history'] = events.map((event) => ({
    status: event.status as RequestDetail['history'][number]['status'],
    note: event.note,
    actorName: event.actorName,
    at: event.at,
  }));
  if (row.status === 'accepted' && row.completedAt !== null && !events.some((e) => e.status === 'resolved')) {
    history.push({ status: 'resolved', note: '', actorName: null, at: row.completedAt });
  }
  // Once accepted, the conversation continues on the work item, where the comments were moved.
  const isOnWorkItem = row.status === 'accepted' && row.workItemId !== null;
  return {
    ...toRequestSummary(row, firsts.get(id)),
    details: row.details,
    history,
    thread: isOnWorkItem
      ? { entityType: 'workItem', entityId: row.workItemId as number }
      : { entityType: 'request', entityId: id },
    canTriage: row.status === 'triage' && canTriageRequest(actor, row.teamId),
  };
}

/** A page of requests: the caller's own (mine), those waiting in triage, or all of them (readers). */
export async function listRequests(
  ctx: AppContext,
  actor: Actor,
  input: z.input<typeof RequestListQuery> = {},
): Promise<RequestPage> {
  const query = parseInput(RequestListQuery, input, 'querystring');
  if (query.scope !== 'mine') assertCanReadAllRequests(actor);
  const { rows, total } = await listRequestRows(
    ctx.db,
    {
      followerId: query.scope === 'mine' ? actor.userId : undefined,
      teamId: query.teamId,
      status: query.scope === 'triage' ? 'triage' : query.status,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const firsts = await firstOtherCommentTimes(ctx.db, rows);
  return {
    rows: rows.map((row) => toRequestSummary(row, firsts.get(row.id))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Teams to ask and systems to name in the form: names only, for every role that may submit. */
export async function getRequestChoices(ctx: AppContext, q: string): Promise<RequestChoices> {
  const teams = await ctx.db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
  let systems = ctx.db.selectFrom('items').select(['id', 'name', 'ownerTeamId']).orderBy('name').limit(20);
  if (q !== '') {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    systems = systems.where((eb) => eb(eb.fn('lower', ['name']), 'like', pattern));
  }
  return { teams, systems: await systems.execute() };
}

/** The team to ask: the one chosen, else the owner team of the system; one of them is needed. */
async function teamOfRequest(db: Db, request: NewRequest): Promise<number> {
  let ownerTeamId: number | null = null;
  if (request.itemId !== null) {
    const item = await db
      .selectFrom('items')
      .select('ownerTeamId')
      .where('id', '=', request.itemId)
      .executeTakeFirst();
    if (!item) {
      throw appError('validation_failed', phrase('requests.noSuchSystem'), [
        { path: 'body.itemId', message: phrase('issue.noSuchItem') },
      ]);
    }
    ownerTeamId = item.ownerTeamId;
  }
  const teamId = request.teamId ?? ownerTeamId;
  const team =
    teamId === null
      ? undefined
      : await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) {
    throw appError('validation_failed', phrase('requests.chooseTeam'), [
      { path: 'body.teamId', message: phrase(teamId === null ? 'issue.required' : 'issue.noSuchTeam') },
    ]);
  }
  return team.id;
}

/** Submits a request or problem into the chosen team's triage; the requester follows it. */
export async function submitRequest(
  ctx: AppContext,
  actor: Actor,
  input: NewRequestInput,
): Promise<RequestDetail> {
  const request = parseInput(NewRequest, input, 'body');
  const teamId = await teamOfRequest(ctx.db, request);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const id = await insertRequestRow(trx, {
      teamId,
      kind: request.kind,
      title: request.title,
      details: request.details,
      priority: request.priority,
      itemId: request.itemId,
      requesterId: actor.userId,
      status: 'triage',
      workItemId: null,
      mergedIntoRequestId: null,
      declineReason: null,
      submittedAt: now,
      firstResponseAt: null,
      acceptedAt: null,
      declinedAt: null,
      mergedAt: null,
      updatedAt: now,
    });
    await addFollowers(trx, id, [actor.userId], now);
    await watch(trx, actor.userId, 'request', id, 'reporter', now);
    await insertRequestEvent(trx, {
      requestId: id,
      status: 'submitted',
      actorId: actor.userId,
      note: '',
      at: now,
    });
    await recordChange(ctx, trx, actor, {
      action: 'request.submit',
      entityType: 'request',
      entityId: id,
      after: { ...request, id, teamId },
    });
    return id;
  });
  return getRequest(ctx, actor, id);
}

/** One triage step: in a transaction, on a request still in triage, audited and told to followers. */
async function triageRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  step: { action: string; status: RequestStatus; note: (after: { workItemId: number | null }) => string },
  change: (trx: Transaction<Database>, before: RequestRow, now: number) => Promise<Record<string, unknown>>,
): Promise<RequestDetail> {
  let workChange: { workItemId: number; teamId: number } | null = null;
  await runTransaction(ctx, async (trx) => {
    const before = await findVisibleRequest(trx, actor, id);
    assertCanTriageRequest(actor, before.teamId);
    if (before.status !== 'triage') {
      throw appError(
        'conflict',
        phrase('requests.notInTriage', { status: phrase(`requests.status.${statusOf(before)}`) }),
      );
    }
    const now = ctx.now();
    const after = await change(trx, before, now);
    // A triage step by anyone but the requester is a response to them.
    const isResponse = actor.userId !== before.requesterId && before.firstResponseAt === null;
    await updateRequestRow(trx, id, {
      status: step.status,
      updatedAt: now,
      ...(isResponse ? { firstResponseAt: now } : {}),
    });
    const workItemId = (after.workItemId as number | undefined) ?? null;
    if (step.status === 'accepted' && workItemId !== null) workChange = { workItemId, teamId: before.teamId };
    const note = step.note({ workItemId });
    await insertRequestEvent(trx, {
      requestId: id,
      status: step.status,
      actorId: actor.userId,
      note,
      at: now,
    });
    await recordChange(ctx, trx, actor, {
      action: step.action,
      entityType: 'request',
      entityId: id,
      before: { status: before.status },
      after: { status: step.status, ...after },
    });
    await notifyUsers(trx, {
      userIds: await listFollowerIds(trx, id),
      kind: 'stateChange',
      entityType: 'request',
      entityId: id,
      title: before.title,
      body: note === '' ? step.status : `${step.status}: ${note}`,
      actorId: actor.userId,
      at: now,
      link: `/requests/${id}`,
    });
  });
  if (workChange) ctx.events.emit('work.changed', workChange);
  return getRequest(ctx, actor, id);
}

/** Moves the request's comments and watchers onto its work item, so the thread goes on there. */
async function moveThread(trx: Transaction<Database>, requestId: number, workItemId: number, now: number) {
  await trx
    .updateTable('comments')
    .set({ entityType: 'workItem', entityId: workItemId })
    .where('entityType', '=', 'request')
    .where('entityId', '=', requestId)
    .execute();
  const watchers = await trx
    .selectFrom('watchers')
    .select(['userId', 'reason'])
    .where('entityType', '=', 'request')
    .where('entityId', '=', requestId)
    .execute();
  for (const watcher of watchers) {
    await watch(trx, watcher.userId, 'workItem', workItemId, watcher.reason as 'reporter', now);
  }
}

/**
 * Accepts a request: it becomes a work item of type request in the team's first non-triage state,
 * linked to the system it names, and the thread moves onto the work item.
 */
export function acceptRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.input<typeof AcceptRequest> = {},
): Promise<RequestDetail> {
  const { assigneeId } = parseInput(AcceptRequest, input, 'body');
  return triageRequest(
    ctx,
    actor,
    id,
    { action: 'request.accept', status: 'accepted', note: ({ workItemId }) => `#${workItemId}` },
    async (trx, before, now) => {
      const workItemId = await createWorkItemIn(ctx, trx, actor, {
        teamId: before.teamId,
        title: before.title,
        description: before.details,
        type: 'request',
        priority: before.priority,
        assigneeId,
      });
      if (before.itemId !== null) {
        await trx
          .insertInto('workItemLinks')
          .values({ workItemId, targetType: 'item', targetId: before.itemId })
          .execute();
      }
      await moveThread(trx, id, workItemId, now);
      await updateRequestRow(trx, id, { workItemId, acceptedAt: now });
      return { workItemId };
    },
  );
}

/**
 * Merges a request into another request or a work item: its followers follow the target from then
 * on, and they are told where it went.
 */
export function mergeRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.input<typeof MergeRequest>,
): Promise<RequestDetail> {
  const target = parseInput(MergeRequest, input, 'body');
  const label = `${target.targetType === 'request' ? 'request' : 'work item'} #${target.targetId}`;
  return triageRequest(
    ctx,
    actor,
    id,
    { action: 'request.merge', status: 'merged', note: () => label },
    async (trx, _before, now) => {
      const followers = await listFollowerIds(trx, id);
      if (target.targetType === 'request') {
        const into = await findRequestRow(trx, target.targetId);
        if (!into || into.id === id) {
          throw appError('validation_failed', phrase('requests.chooseAnother'), [
            { path: 'body.targetId', message: phrase('issue.noSuchRequest') },
          ]);
        }
        if (into.status === 'merged' || into.status === 'declined') {
          throw appError(
            'conflict',
            phrase('requests.mergeIntoLive', {
              id: into.id,
              status: phrase(`requests.status.${into.status}`),
            }),
          );
        }
        await addFollowers(trx, into.id, followers, now);
        // The followers watch wherever the target's thread lives now.
        const isOnWorkItem = into.status === 'accepted' && into.workItemId !== null;
        for (const userId of followers) {
          await watch(
            trx,
            userId,
            isOnWorkItem ? 'workItem' : 'request',
            isOnWorkItem ? (into.workItemId as number) : into.id,
            'reporter',
            now,
          );
        }
        await updateRequestRow(trx, id, { mergedIntoRequestId: into.id, mergedAt: now });
        return { mergedIntoRequestId: into.id };
      }
      const item = await trx
        .selectFrom('workItems')
        .select('id')
        .where('id', '=', target.targetId)
        .executeTakeFirst();
      if (!item) {
        throw appError('validation_failed', phrase('work.noSuchWorkItem'), [
          { path: 'body.targetId', message: phrase('issue.noSuchWorkItem') },
        ]);
      }
      for (const userId of followers) await watch(trx, userId, 'workItem', item.id, 'reporter', now);
      await updateRequestRow(trx, id, { workItemId: item.id, mergedAt: now });
      return { mergedIntoWorkItemId: item.id };
    },
  );
}

/**
 * What the request may be merged into, for the triage dialog: the team's requests in triage and
 * open work items by words of their title, and whatever has the number typed (with or without #).
 */
export async function listMergeTargets(
  ctx: AppContext,
  actor: Actor,
  id: number,
  query: MergeTargetQuery,
): Promise<MergeTargetList> {
  const request = await findVisibleRequest(ctx.db, actor, id);
  assertCanTriageRequest(actor, request.teamId);
  // A number ("12" or "#12") names one target, whatever its team; words search the team's titles,
  // and so does a bare number (a title may say "2022"), but not "#12".
  const number = numberTyped(query.q) ?? null;
  const found = await searchMergeTargets(ctx.db, {
    teamId: request.teamId,
    requestId: id,
    text: number !== null && query.q.startsWith('#') ? null : query.q,
    number,
    limit: 10,
  });
  return {
    rows: [
      ...found.requests.map((row) => ({
        targetType: 'request' as const,
        targetId: row.id,
        title: row.title,
        state: row.status,
        teamName: row.teamName,
      })),
      ...found.workItems.map((row) => ({
        targetType: 'workItem' as const,
        targetId: row.id,
        title: row.title,
        state: row.stateName,
        teamName: row.teamName,
      })),
    ],
  };
}

/** Declines a request with the reason its requester will read. */
export function declineRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.input<typeof DeclineRequest>,
): Promise<RequestDetail> {
  const { reason } = parseInput(DeclineRequest, input, 'body');
  return triageRequest(
    ctx,
    actor,
    id,
    { action: 'request.decline', status: 'declined', note: () => reason },
    async (trx, _before, now) => {
      await updateRequestRow(trx, id, { declineReason: reason, declinedAt: now });
      return { declineReason: reason };
    },
  );
}

/**
 * After a work item changed: the accepted requests whose work item just reached a done state are
 * resolved; their followers are told once (the history row makes it idempotent).
 */
export async function recordRequestResolutions(ctx: AppContext, workItemId: number): Promise<void> {
  const rows = await ctx.db
    .selectFrom('requests')
    .innerJoin('workItems', 'workItems.id', 'requests.workItemId')
    .select(['requests.id', 'requests.title', 'workItems.completedAt'])
    .where('requests.workItemId', '=', workItemId)
    .where('requests.status', '=', 'accepted')
    .where('workItems.completedAt', 'is not', null)
    .execute();
  for (const row of rows) {
    await runTransaction(ctx, async (trx) => {
      const last = await trx
        .selectFrom('requestEvents')
        .select('status')
        .where('requestId', '=', row.id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (last?.status === 'resolved') return;
      const at = row.completedAt as number;
      await insertRequestEvent(trx, { requestId: row.id, status: 'resolved', actorId: null, note: '', at });
      await notifyUsers(trx, {
        userIds: await listFollowerIds(trx, row.id),
        kind: 'stateChange',
        entityType: 'request',
        entityId: row.id,
        title: row.title,
        body: 'resolved',
        actorId: null,
        at: ctx.now(),
        link: `/requests/${row.id}`,
      });
    });
  }
}

export { canReadAllRequests };
