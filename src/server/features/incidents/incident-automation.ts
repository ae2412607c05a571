import type { Transaction } from 'kysely';
import { walkBreadthFirst } from '../../../shared/domain/impact';
import type { Database } from '../../db/schema';
import { impactRelationKinds } from '../inventory/relations.service';
import { addTimelineEvent, markResolved, regia } from './incident-lifecycle';
import { flappingWindowMs, stateOfMoments } from './incident-moments';
import { queueIncidentNotification } from './incident-notifications';
import { getIncidentSettings } from './incident-settings';
import {
  countFailingSources,
  findIncidentRow,
  findLastResolutionEvent,
  findOpenIncidentOnItem,
  findRecentlyResolvedGathering,
  gatherSource,
  type IncidentRow,
  insertIncidentRow,
  listDependantsOf,
  listDependenciesOf,
  listFailingCheckIncidentsOnItems,
  listOpenIncidentsGathering,
  markSourceRecovered,
  type Source,
  updateIncidentRow,
} from './incidents.repository';

// Incidents opened, gathered, grouped, restored and reopened by facts (a check or a procedure test
// changing state), inside the transaction that records the fact: no network I/O here.

/** A check or procedure test that just failed, with what the incident takes from it and its item. */
export interface Failure {
  source: Source;
  /** the check's or procedure test's name */
  name: string;
  itemId: number | null;
  itemName: string | null;
  /** the item's criticality; 3 without an item */
  severity: number;
  /** the item's owner team, else the check's or test's */
  teamId: number | null;
  at: number;
  message: string;
}

/** The biggest part of the dependency chain searched for an incident to group under. */
const groupingWalkLimit = 500;

const downKind = { check: 'checkDown', procedure: 'procedureDown' } as const;
const upKind = { check: 'checkUp', procedure: 'procedureUp' } as const;
const noun = { check: 'Check', procedure: 'Procedure test' } as const;

function titleOf(failure: Failure): string {
  const what =
    failure.source.kind === 'check' ? `${failure.name} down` : `procedure test ${failure.name} failed`;
  return (failure.itemName ? `${failure.itemName}: ${what}` : what).slice(0, 300);
}

function downBody(failure: Failure): string {
  return `${noun[failure.source.kind]} "${failure.name}" down: ${failure.message}`.slice(0, 2000);
}

/**
 * A source went down: gather it into the open incident of its item (or, without an item, the one
 * already gathering it); else reopen the incident Regia resolved within the flapping window; else
 * open a new incident, grouped under an open incident further along the dependency chain when
 * there is one, announced otherwise.
 */
export async function recordFailure(
  trx: Transaction<Database>,
  failure: Failure,
  now: number,
): Promise<void> {
  const open =
    failure.itemId !== null
      ? await findOpenIncidentOnItem(trx, failure.itemId)
      : (await listOpenIncidentsGathering(trx, failure.source))[0];
  if (open) return gatherInto(trx, open, failure, now);
  const recent = await findReopenable(trx, failure);
  if (recent) return reopen(trx, recent, failure, now);
  return openIncident(trx, failure, now);
}

async function gatherInto(
  trx: Transaction<Database>,
  incident: IncidentRow,
  failure: Failure,
  now: number,
): Promise<void> {
  await gatherSource(trx, incident.id, failure.source, failure.at);
  await addTimelineEvent(
    trx,
    incident.id,
    failure.at,
    downKind[failure.source.kind],
    downBody(failure),
    regia,
    {
      [failure.source.kind === 'check' ? 'checkId' : 'procedureTestId']: failure.source.id,
    },
  );
  // Restored but not yet closed by a person, and failing again: the service is down once more.
  if (incident.restoredAt !== null) {
    const moments = { ...incident, restoredAt: null };
    await updateIncidentRow(trx, incident.id, {
      restoredAt: null,
      state: stateOfMoments(moments),
      updatedAt: now,
    });
  }
}

/** The incident Regia itself resolved within the flapping window, which this failure reopens. */
async function findReopenable(
  trx: Transaction<Database>,
  failure: Failure,
): Promise<IncidentRow | undefined> {
  const recent = await findRecentlyResolvedGathering(trx, failure.source, failure.at - flappingWindowMs);
  if (!recent || recent.origin === 'manual' || recent.itemId !== failure.itemId) return undefined;
  const resolution = await findLastResolutionEvent(trx, recent.id);
  return resolution && isAutomaticResolution(resolution.details) ? recent : undefined;
}

function isAutomaticResolution(details: string): boolean {
  try {
    return (JSON.parse(details) as { isAutomatic?: unknown }).isAutomatic === true;
  } catch {
    return false;
  }
}

async function reopen(
  trx: Transaction<Database>,
  incident: IncidentRow,
  failure: Failure,
  now: number,
): Promise<void> {
  const moments = { ...incident, restoredAt: null, resolvedAt: null };
  await updateIncidentRow(trx, incident.id, {
    restoredAt: null,
    resolvedAt: null,
    state: stateOfMoments(moments),
    reopenCount: incident.reopenCount + 1,
    updatedAt: now,
  });
  await gatherSource(trx, incident.id, failure.source, failure.at);
  // No new "opened": whoever heard of it heard once; the flapping shows on the timeline.
  await addTimelineEvent(trx, incident.id, failure.at, 'reopened', `Reopened: ${downBody(failure)}`, regia, {
    reopenCount: incident.reopenCount + 1,
  });
}

async function openIncident(trx: Transaction<Database>, failure: Failure, now: number): Promise<void> {
  const { autoResolve } = await getIncidentSettings(trx);
  // Procedure tests are not outages: only checks group under (and are grouped by) check incidents.
  const parent =
    failure.itemId !== null && failure.source.kind === 'check'
      ? await findGroupParent(trx, failure.itemId)
      : undefined;
  const incident = {
    title: titleOf(failure),
    description: failure.message.slice(0, 2000),
    publicSummary: '',
    itemId: failure.itemId,
    teamId: failure.teamId,
    severity: failure.severity,
    origin: failure.source.kind,
    state: 'open',
    autoResolve: autoResolve ? 1 : 0,
    assigneeId: null,
    parentIncidentId: parent?.id ?? null,
    detectedAt: failure.at,
    acknowledgedAt: null,
    restoredAt: null,
    resolvedAt: null,
    reviewCause: null,
    reviewActions: null,
    reviewedAt: null,
    reviewedById: null,
    createdById: null,
    updatedAt: now,
  };
  const id = await insertIncidentRow(trx, incident);
  await gatherSource(trx, id, failure.source, failure.at);
  await addTimelineEvent(trx, id, failure.at, 'detected', `Detected: ${titleOf(failure)}`);
  await addTimelineEvent(trx, id, failure.at, downKind[failure.source.kind], downBody(failure), regia, {
    [failure.source.kind === 'check' ? 'checkId' : 'procedureTestId']: failure.source.id,
  });
  if (parent) {
    await addTimelineEvent(
      trx,
      id,
      failure.at,
      'grouped',
      `Grouped under incident #${parent.id} (${parent.title}) on the same dependency chain`,
      regia,
      { parentIncidentId: parent.id },
    );
    await addTimelineEvent(
      trx,
      parent.id,
      failure.at,
      'childGrouped',
      `Incident #${id} (${incident.title}) grouped under this one`,
      regia,
      { childIncidentId: id },
    );
    return;
  }
  await queueIncidentNotification(
    trx,
    'incident.opened',
    {
      id,
      title: incident.title,
      severity: incident.severity,
      teamId: incident.teamId,
      itemName: failure.itemName,
    },
    failure.at,
    now,
    { sourceName: failure.name, message: failure.message.slice(0, 500) },
  );
}

/**
 * The open, still failing check incident to group a new one under: on an item the new one's item
 * depends on (nearest first), else on an item that depends on it. The group's top incident is
 * returned, so a storm below one down item ends up under that one incident.
 */
async function findGroupParent(trx: Transaction<Database>, itemId: number): Promise<IncidentRow | undefined> {
  const kinds = impactRelationKinds;
  const [upstream, downstream] = await Promise.all([
    walkBreadthFirst(itemId, (frontier) => listDependenciesOf(trx, frontier, kinds), {
      maxNodes: groupingWalkLimit,
    }),
    walkBreadthFirst(itemId, (frontier) => listDependantsOf(trx, frontier, kinds), {
      maxNodes: groupingWalkLimit,
    }),
  ]);
  upstream.depthOf.delete(itemId);
  downstream.depthOf.delete(itemId);
  // Rank: every upstream item before any downstream one, nearer before farther.
  const rank = new Map<number, number>();
  for (const [id, depth] of upstream.depthOf) rank.set(id, depth);
  for (const [id, depth] of downstream.depthOf) if (!rank.has(id)) rank.set(id, groupingWalkLimit + depth);
  const candidates = await listFailingCheckIncidentsOnItems(trx, [...rank.keys()]);
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => (rank.get(a.itemId ?? 0) ?? 0) - (rank.get(b.itemId ?? 0) ?? 0) || a.id - b.id);
  let top = candidates[0]!.id;
  let parentId = candidates[0]!.parentIncidentId;
  // Climb to the group's top; a few steps at most, as grouping keeps groups one level deep.
  for (let step = 0; parentId !== null && step < 5; step += 1) {
    const parent = await trx
      .selectFrom('incidents')
      .select(['id', 'parentIncidentId', 'resolvedAt'])
      .where('id', '=', parentId)
      .executeTakeFirst();
    if (!parent || parent.resolvedAt !== null) break;
    top = parent.id;
    parentId = parent.parentIncidentId;
  }
  return findIncidentRow(trx, top);
}

/**
 * A source is no longer down: mark it recovered on every open incident gathering it. When every
 * gathered source of an incident is back, the service is restored; Regia then resolves it, unless
 * the incident waits for a person (`autoResolve` off).
 */
export async function recordRecovery(
  trx: Transaction<Database>,
  source: Source,
  name: string,
  at: number,
  message: string,
  now: number,
): Promise<void> {
  for (const incident of await listOpenIncidentsGathering(trx, source)) {
    if (!(await markSourceRecovered(trx, incident.id, source, at))) continue;
    await addTimelineEvent(
      trx,
      incident.id,
      at,
      upKind[source.kind],
      `${noun[source.kind]} "${name}" back: ${message}`.slice(0, 2000),
      regia,
      { [source.kind === 'check' ? 'checkId' : 'procedureTestId']: source.id },
    );
    if (incident.restoredAt !== null || (await countFailingSources(trx, incident.id)) > 0) continue;
    await addTimelineEvent(
      trx,
      incident.id,
      at,
      'restored',
      'Service restored: every gathered check is up again',
    );
    if (incident.autoResolve) {
      await markResolved(trx, { ...incident, restoredAt: at }, at, now, regia);
      continue;
    }
    const moments = { ...incident, restoredAt: at };
    await updateIncidentRow(trx, incident.id, {
      restoredAt: at,
      state: stateOfMoments(moments),
      updatedAt: now,
    });
  }
}
