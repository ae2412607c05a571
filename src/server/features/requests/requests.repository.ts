import type { Insertable, Updateable } from 'kysely';
import type { RequestStatus } from '../../../shared/contracts/requests';
import type { Db } from '../../db/connect';
import type { RequestsTable } from '../../db/schema';
import { containsText } from '../../db/text-search';

/** A request row with the names and the work item moment the API shows. */
export interface RequestRow {
  id: number;
  teamId: number;
  teamName: string;
  kind: string;
  title: string;
  details: string;
  priority: number;
  itemId: number | null;
  itemName: string | null;
  requesterId: number | null;
  requesterName: string | null;
  status: string;
  workItemId: number | null;
  mergedIntoRequestId: number | null;
  declineReason: string | null;
  submittedAt: number;
  firstResponseAt: number | null;
  acceptedAt: number | null;
  declinedAt: number | null;
  mergedAt: number | null;
  /** the work item's completion: an accepted request is resolved when its work item is done */
  completedAt: number | null;
}

/** Which requests to list: followed by a person, by team, by stored or derived status. */
export interface RequestFilter {
  followerId?: number;
  teamId?: number;
  status?: RequestStatus;
  submittedFrom?: number;
  submittedTo?: number;
}

function selectRequests(db: Db) {
  return db
    .selectFrom('requests')
    .innerJoin('teams', 'teams.id', 'requests.teamId')
    .leftJoin('items', 'items.id', 'requests.itemId')
    .leftJoin('users', 'users.id', 'requests.requesterId')
    .leftJoin('workItems', 'workItems.id', 'requests.workItemId')
    .selectAll('requests')
    .select([
      'teams.name as teamName',
      'items.name as itemName',
      'users.name as requesterName',
      'workItems.completedAt as completedAt',
    ]);
}

function filtered(db: Db, filter: RequestFilter) {
  let query = selectRequests(db);
  if (filter.followerId !== undefined) {
    const followerId = filter.followerId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('requestFollowers')
          .select('requestFollowers.requestId')
          .whereRef('requestFollowers.requestId', '=', 'requests.id')
          .where('requestFollowers.userId', '=', followerId),
      ),
    );
  }
  if (filter.teamId !== undefined) query = query.where('requests.teamId', '=', filter.teamId);
  if (filter.submittedFrom !== undefined)
    query = query.where('requests.submittedAt', '>=', filter.submittedFrom);
  if (filter.submittedTo !== undefined) query = query.where('requests.submittedAt', '<', filter.submittedTo);
  // "accepted" and "resolved" are one stored status told apart by the work item's completion.
  if (filter.status === 'resolved') {
    query = query.where('requests.status', '=', 'accepted').where('workItems.completedAt', 'is not', null);
  } else if (filter.status === 'accepted') {
    query = query.where('requests.status', '=', 'accepted').where('workItems.completedAt', 'is', null);
  } else if (filter.status !== undefined) {
    query = query.where('requests.status', '=', filter.status);
  }
  return query;
}

/** One page of requests, newest first, with the total. */
export async function listRequestRows(
  db: Db,
  filter: RequestFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter).orderBy('requests.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    filtered(db, filter)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every request matching the filter (figures). */
export function listAllRequestRows(db: Db, filter: RequestFilter): Promise<RequestRow[]> {
  return filtered(db, filter).orderBy('requests.id').execute();
}

export function findRequestRow(db: Db, id: number): Promise<RequestRow | undefined> {
  return selectRequests(db).where('requests.id', '=', id).executeTakeFirst();
}

export async function insertRequestRow(db: Db, row: Omit<Insertable<RequestsTable>, 'id'>): Promise<number> {
  const inserted = await db.insertInto('requests').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateRequestRow(db: Db, id: number, change: Updateable<RequestsTable>): Promise<void> {
  await db.updateTable('requests').set(change).where('id', '=', id).execute();
}

/** The people who follow a request. */
export async function listFollowerIds(db: Db, requestId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('requestFollowers')
    .select('userId')
    .where('requestId', '=', requestId)
    .orderBy('userId')
    .execute();
  return rows.map((row) => row.userId);
}

/**
 * The people who follow any request that became, or was merged into, a work item, each with the
 * request they follow it by (the oldest, when they follow several).
 */
export async function listFollowersOfWorkItem(
  db: Db,
  workItemId: number,
): Promise<{ userId: number; requestId: number }[]> {
  return db
    .selectFrom('requestFollowers')
    .innerJoin('requests', 'requests.id', 'requestFollowers.requestId')
    .select(['requestFollowers.userId', (eb) => eb.fn.min('requests.id').as('requestId')])
    .where('requests.workItemId', '=', workItemId)
    .groupBy('requestFollowers.userId')
    .execute();
}

export async function addFollowers(db: Db, requestId: number, userIds: readonly number[], now: number) {
  if (userIds.length === 0) return;
  await db
    .insertInto('requestFollowers')
    .values(userIds.map((userId) => ({ requestId, userId, createdAt: now })))
    .onConflict((oc) => oc.columns(['requestId', 'userId']).doNothing())
    .execute();
}

export async function insertRequestEvent(
  db: Db,
  event: { requestId: number; status: string; actorId: number | null; note: string; at: number },
): Promise<void> {
  await db.insertInto('requestEvents').values(event).execute();
}

/** A request's status history, oldest first. */
export function listRequestEvents(db: Db, requestId: number) {
  return db
    .selectFrom('requestEvents')
    .leftJoin('users', 'users.id', 'requestEvents.actorId')
    .select([
      'requestEvents.status',
      'requestEvents.note',
      'requestEvents.at',
      'requestEvents.actorId',
      'users.name as actorName',
    ])
    .where('requestEvents.requestId', '=', requestId)
    .orderBy('requestEvents.id')
    .execute();
}

/**
 * The first comment by someone other than the requester on each request's thread (on the request,
 * or on its work item after it was submitted), by request id.
 */
export async function firstOtherCommentTimes(
  db: Db,
  rows: readonly RequestRow[],
): Promise<Map<number, number>> {
  const firsts = new Map<number, number>();
  if (rows.length === 0) return firsts;
  const requestIds = rows.map((row) => row.id);
  const workItemIds = rows.map((row) => row.workItemId).filter((id): id is number => id !== null);
  const comments = await db
    .selectFrom('comments')
    .select(['entityType', 'entityId', 'authorId', (eb) => eb.fn.min<number>('createdAt').as('firstAt')])
    .where((eb) =>
      eb.or([
        eb.and([eb('entityType', '=', 'request'), eb('entityId', 'in', requestIds)]),
        ...(workItemIds.length > 0
          ? [eb.and([eb('entityType', '=', 'workItem'), eb('entityId', 'in', workItemIds)])]
          : []),
      ]),
    )
    .groupBy(['entityType', 'entityId', 'authorId'])
    .execute();
  // By thread, so that each request looks at its own threads' comments, not at every comment read.
  const byThread = new Map<string, typeof comments>();
  for (const comment of comments) {
    const key = `${comment.entityType}:${comment.entityId}`;
    byThread.set(key, [...(byThread.get(key) ?? []), comment]);
  }
  for (const row of rows) {
    const threads = [
      ...(byThread.get(`request:${row.id}`) ?? []),
      ...(row.workItemId === null ? [] : (byThread.get(`workItem:${row.workItemId}`) ?? [])),
    ];
    for (const comment of threads) {
      const at = Number(comment.firstAt);
      if (comment.authorId === null || comment.authorId === row.requesterId) continue;
      if (at < row.submittedAt) continue;
      firsts.set(row.id, Math.min(firsts.get(row.id) ?? at, at));
    }
  }
  return firsts;
}

/** What to look for among merge targets: words of a title in one team, or an exact number anywhere. */
export interface MergeTargetSearch {
  teamId: number;
  /** the request being merged, never its own target */
  requestId: number;
  /** text to find in the team's titles ('' lists its latest); null: look only for the number */
  text: string | null;
  /** a number typed with or without "#": that request or work item, whatever its team */
  number: number | null;
  limit: number;
}

/**
 * Requests still in triage and open work items of the team whose title holds the text, and the
 * request or work item with the typed number; exact numbers first, then the newest.
 */
export async function searchMergeTargets(db: Db, search: MergeTargetSearch) {
  const { number, text } = search;
  const requests = await db
    .selectFrom('requests')
    .innerJoin('teams', 'teams.id', 'requests.teamId')
    .select(['requests.id', 'requests.title', 'requests.status', 'teams.name as teamName'])
    .where('requests.id', '!=', search.requestId)
    .where((eb) =>
      eb.or([
        ...(text === null
          ? []
          : [
              eb.and([
                eb('requests.teamId', '=', search.teamId),
                eb('requests.status', '=', 'triage'),
                ...containsText([eb.ref('requests.title')], text),
              ]),
            ]),
        // Merging into an accepted request is allowed too: its followers join the work item.
        ...(number === null
          ? []
          : [eb.and([eb('requests.id', '=', number), eb('requests.status', 'in', ['triage', 'accepted'])])]),
      ]),
    )
    .orderBy('requests.id', 'desc')
    .limit(search.limit)
    .execute();
  const workItems = await db
    .selectFrom('workItems')
    .innerJoin('teams', 'teams.id', 'workItems.teamId')
    .innerJoin('workflowStates', 'workflowStates.id', 'workItems.stateId')
    .select(['workItems.id', 'workItems.title', 'workflowStates.name as stateName', 'teams.name as teamName'])
    .where((eb) =>
      eb.or([
        ...(text === null
          ? []
          : [
              eb.and([
                eb('workItems.teamId', '=', search.teamId),
                eb('workItems.category', '!=', 'done'),
                ...containsText([eb.ref('workItems.title')], text),
              ]),
            ]),
        ...(number === null ? [] : [eb('workItems.id', '=', number)]),
      ]),
    )
    .orderBy('workItems.id', 'desc')
    .limit(search.limit)
    .execute();
  return { requests, workItems };
}
