import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  AssignIncident,
  type IncidentDetail,
  type IncidentEventKind,
  IncidentListQuery,
  type IncidentOrigin,
  type IncidentPage,
  IncidentReview,
  type IncidentState,
  type IncidentSummary,
  IncidentTransition,
  NewIncident,
  NewIncidentComment,
  type NewIncidentInput,
  UpdateIncident,
} from '../../../shared/contracts/incidents';
import type { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { isUniqueViolation } from '../inventory/inventory.repository';
import { computeImpact } from '../inventory/relations.service';
import { addTimelineEvent, markResolved } from './incident-lifecycle';
import { durationsOf, stateOfMoments } from './incident-moments';
import { queueIncidentNotification } from './incident-notifications';
import {
  assertCanChangeIncident,
  assertCanOpenIncidentFor,
  assertCanReadIncidents,
  canChangeIncident,
  type IncidentActor,
  timelineActorOf,
} from './incidents.policy';
import {
  findEnabledUser,
  findIncidentRow,
  findItemBriefRow,
  findOpenIncidentOnItem,
  hasTeam,
  type IncidentChange,
  type IncidentRow,
  insertIncidentRow,
  listChildRows,
  listIncidentCheckRows,
  listIncidentEventRows,
  listIncidentProcedureRows,
  listIncidentRows,
  updateIncidentRow,
} from './incidents.repository';

/** The API shape of an incident in a list. */
export function toIncidentSummary(row: IncidentRow): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    itemId: row.itemId,
    itemName: row.itemName,
    teamId: row.teamId,
    teamName: row.teamName,
    severity: row.severity,
    origin: row.origin as IncidentOrigin,
    state: row.state as IncidentState,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    parentIncidentId: row.parentIncidentId,
    detectedAt: row.detectedAt,
    acknowledgedAt: row.acknowledgedAt,
    restoredAt: row.restoredAt,
    resolvedAt: row.resolvedAt,
    reopenCount: row.reopenCount,
    updatedAt: row.updatedAt,
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

async function findIncidentIn(db: Db, id: number): Promise<IncidentRow> {
  const row = await findIncidentRow(db, id);
  if (!row) throw notFound('incident');
  return row;
}

/** An incident with its gathered checks, impacted items, grouped incidents and timeline. */
async function toIncidentDetail(
  ctx: AppContext,
  actor: IncidentActor,
  row: IncidentRow,
): Promise<IncidentDetail> {
  const [checks, procedures, events, children, parent, impact] = await Promise.all([
    listIncidentCheckRows(ctx.db, row.id),
    listIncidentProcedureRows(ctx.db, row.id),
    listIncidentEventRows(ctx.db, row.id),
    listChildRows(ctx.db, row.id),
    row.parentIncidentId === null ? undefined : findIncidentRow(ctx.db, row.parentIncidentId),
    row.itemId === null ? undefined : computeImpact(ctx, actor, row.itemId).catch(() => undefined),
  ]);
  return {
    ...toIncidentSummary(row),
    description: row.description,
    publicSummary: row.publicSummary,
    autoResolve: Boolean(row.autoResolve),
    createdById: row.createdById,
    reviewCause: row.reviewCause,
    reviewActions: row.reviewActions,
    reviewedAt: row.reviewedAt,
    reviewedById: row.reviewedById,
    reviewedByName: row.reviewedByName,
    durations: durationsOf(row),
    parent: parent ? { id: parent.id, title: parent.title, state: parent.state as IncidentState } : null,
    children: children.map(toIncidentSummary),
    checks: checks.map((check) => ({
      checkId: check.checkId,
      name: check.name,
      kind: check.kind,
      state: check.state ?? 'unknown',
      message: check.lastMessage ?? '',
      failingSince: check.failingSince,
      recoveredAt: check.recoveredAt,
    })),
    procedures,
    impacted: impact?.impacted ?? [],
    events: events.map((event) => ({
      id: event.id,
      at: event.at,
      kind: event.kind as IncidentEventKind,
      actorId: event.actorId,
      actorLabel: event.actorLabel,
      body: event.body,
      details: parseObject(event.details),
    })),
    canChange: canChangeIncident(actor, row.teamId),
  };
}

/** One page of incidents matching the query, with the total over all pages. */
export async function listIncidents(
  ctx: AppContext,
  actor: IncidentActor,
  query: z.input<typeof IncidentListQuery> = {},
): Promise<IncidentPage> {
  assertCanReadIncidents(actor);
  const { page, pageSize, sort, direction, ...filter } = parseInput(IncidentListQuery, query, 'querystring');
  const { rows, total } = await listIncidentRows(
    ctx.db,
    filter,
    { sort, direction },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  return { rows: rows.map(toIncidentSummary), total, page, pageSize };
}

/** One incident with everything the detail page shows; 404 when there is none. */
export async function getIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
): Promise<IncidentDetail> {
  assertCanReadIncidents(actor);
  return toIncidentDetail(ctx, actor, await findIncidentIn(ctx.db, id));
}

function openOnItemConflict(existingId: number | undefined): AppError {
  return appError('conflict', phrase('incidents.openOnItem'), [
    { path: 'body.itemId', message: phrase('incidents.issueOpenOnItem', { id: existingId ?? '?' }) },
  ]);
}

/**
 * Runs a change to one incident in a transaction: loads it (404), checks the actor may act on it,
 * lets `change` write, then announces the change after the commit and answers the detail.
 */
async function changeIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
  change: (trx: Transaction<Database>, before: IncidentRow) => Promise<void>,
): Promise<IncidentDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findIncidentIn(trx, id);
    assertCanChangeIncident(actor, before.teamId);
    await change(trx, before);
  });
  ctx.events.emit('incident.changed', { incidentId: id });
  return toIncidentDetail(ctx, actor, await findIncidentIn(ctx.db, id));
}

async function audit(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: IncidentActor,
  action: string,
  id: number,
  before: unknown,
): Promise<void> {
  const after = await findIncidentRow(trx, id);
  await recordChange(ctx, trx, actor, {
    action: `incident.${action}`,
    entityType: 'incident',
    entityId: id,
    before: before ?? undefined,
    after: after ? toIncidentSummary(after) : undefined,
  });
}

/** Opens an incident by hand, on an item (its team and criticality by default) or on none. */
export async function createIncident(
  ctx: AppContext,
  actor: IncidentActor,
  input: NewIncidentInput,
): Promise<IncidentDetail> {
  const incident = parseInput(NewIncident, input, 'body');
  const now = ctx.now();
  let id: number;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const item = incident.itemId === null ? undefined : await findItemBriefRow(trx, incident.itemId);
      if (incident.itemId !== null && !item) {
        throw appError('validation_failed', phrase('incidents.itemMissing'), [
          { path: 'body.itemId', message: phrase('issue.noItemWithId', { id: incident.itemId }) },
        ]);
      }
      const teamId = incident.teamId !== undefined ? incident.teamId : (item?.ownerTeamId ?? null);
      assertCanOpenIncidentFor(actor, teamId);
      if (teamId !== null && !(await hasTeam(trx, teamId))) {
        throw appError('validation_failed', phrase('incidents.teamMissing'), [
          { path: 'body.teamId', message: phrase('issue.noTeamWithId', { id: teamId }) },
        ]);
      }
      if (item) {
        const open = await findOpenIncidentOnItem(trx, item.id);
        if (open) throw openOnItemConflict(open.id);
      }
      const person = timelineActorOf(actor);
      const newId = await insertIncidentRow(trx, {
        title: incident.title,
        description: incident.description,
        publicSummary: incident.publicSummary,
        itemId: incident.itemId,
        teamId,
        severity: incident.severity ?? item?.criticality ?? 3,
        origin: 'manual',
        state: 'open',
        // A person opened it, so a person closes it, even if checks join and recover.
        autoResolve: 0,
        assigneeId: null,
        parentIncidentId: null,
        detectedAt: now,
        acknowledgedAt: null,
        restoredAt: null,
        resolvedAt: null,
        reviewCause: null,
        reviewActions: null,
        reviewedAt: null,
        reviewedById: null,
        createdById: person.id,
        updatedAt: now,
      });
      await addTimelineEvent(trx, newId, now, 'created', `Opened by hand: ${incident.title}`, person);
      const created = await findIncidentIn(trx, newId);
      await queueIncidentNotification(trx, 'incident.opened', created, now, now);
      await recordChange(ctx, trx, actor, {
        action: 'incident.create',
        entityType: 'incident',
        entityId: newId,
        after: toIncidentSummary(created),
      });
      return newId;
    });
  } catch (error) {
    // Another server (or a check) opened one on the item meanwhile: the unique index said no.
    if (isUniqueViolation(error)) throw openOnItemConflict(undefined);
    throw error;
  }
  ctx.events.emit('incident.changed', { incidentId: id });
  return toIncidentDetail(ctx, actor, await findIncidentIn(ctx.db, id));
}

/** Changes the title, description, severity, public summary or automatic resolution. */
export async function updateIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
  input: z.input<typeof UpdateIncident>,
): Promise<IncidentDetail> {
  const change = parseInput(UpdateIncident, input, 'body');
  return changeIncident(ctx, actor, id, async (trx, before) => {
    const now = ctx.now();
    const person = timelineActorOf(actor);
    const values: IncidentChange = {};
    if (change.title !== undefined && change.title !== before.title) values.title = change.title;
    if (change.description !== undefined && change.description !== before.description) {
      values.description = change.description;
    }
    if (values.title !== undefined || values.description !== undefined) {
      await addTimelineEvent(trx, id, now, 'edited', 'Title or description changed', person);
    }
    if (change.severity !== undefined && change.severity !== before.severity) {
      values.severity = change.severity;
      await addTimelineEvent(
        trx,
        id,
        now,
        'severity',
        `Severity ${before.severity} → ${change.severity}`,
        person,
        {
          from: before.severity,
          to: change.severity,
        },
      );
    }
    if (change.publicSummary !== undefined && change.publicSummary !== before.publicSummary) {
      values.publicSummary = change.publicSummary;
      await addTimelineEvent(trx, id, now, 'publicSummary', change.publicSummary, person);
    }
    if (change.autoResolve !== undefined && change.autoResolve !== Boolean(before.autoResolve)) {
      values.autoResolve = change.autoResolve ? 1 : 0;
      const body = change.autoResolve
        ? 'Resolves by itself once restored'
        : 'Waits for a person to resolve it';
      await addTimelineEvent(trx, id, now, 'autoResolve', body, person);
    }
    if (Object.keys(values).length === 0) return;
    await updateIncidentRow(trx, id, { ...values, updatedAt: now });
    await audit(ctx, trx, actor, 'update', id, toIncidentSummary(before));
  });
}

/** A person takes the incident: `acknowledgedAt` is set once; acknowledging again changes nothing. */
export async function acknowledgeIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
): Promise<IncidentDetail> {
  return changeIncident(ctx, actor, id, async (trx, before) => {
    if (before.acknowledgedAt !== null) return;
    if (before.resolvedAt !== null) {
      throw appError('conflict', phrase('incidents.resolvedReopenFirst'));
    }
    const now = ctx.now();
    const person = timelineActorOf(actor);
    await updateIncidentRow(trx, id, {
      acknowledgedAt: now,
      state: stateOfMoments({ ...before, acknowledgedAt: now }),
      updatedAt: now,
    });
    await addTimelineEvent(trx, id, now, 'acknowledged', `Acknowledged by ${person.label}`, person);
    await queueIncidentNotification(trx, 'incident.acknowledged', before, now, now, {
      acknowledgedBy: person.label,
    });
    await audit(ctx, trx, actor, 'acknowledge', id, toIncidentSummary(before));
  });
}

/** Hands the incident to an enabled user, or to nobody. */
export async function assignIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
  input: z.input<typeof AssignIncident>,
): Promise<IncidentDetail> {
  const { assigneeId } = parseInput(AssignIncident, input, 'body');
  return changeIncident(ctx, actor, id, async (trx, before) => {
    if (assigneeId === before.assigneeId) return;
    const assignee = assigneeId === null ? undefined : await findEnabledUser(trx, assigneeId);
    if (assigneeId !== null && !assignee) {
      throw appError('validation_failed', phrase('incidents.assigneeMissing'), [
        { path: 'body.assigneeId', message: phrase('incidents.issueNoEnabledUser', { id: assigneeId }) },
      ]);
    }
    const now = ctx.now();
    await updateIncidentRow(trx, id, { assigneeId, updatedAt: now });
    const body = assignee ? `Assigned to ${assignee.name}` : 'Unassigned';
    await addTimelineEvent(trx, id, now, 'assigned', body, timelineActorOf(actor), { assigneeId });
    await audit(ctx, trx, actor, 'assign', id, toIncidentSummary(before));
  });
}

/** Adds a plain-text comment to the timeline. */
export async function commentOnIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
  input: z.input<typeof NewIncidentComment>,
): Promise<IncidentDetail> {
  const { body } = parseInput(NewIncidentComment, input, 'body');
  return changeIncident(ctx, actor, id, async (trx) => {
    const now = ctx.now();
    await addTimelineEvent(trx, id, now, 'comment', body, timelineActorOf(actor));
    await updateIncidentRow(trx, id, { updatedAt: now });
    await recordChange(ctx, trx, actor, {
      action: 'incident.comment',
      entityType: 'incident',
      entityId: id,
      after: { body },
    });
  });
}

/** Closes the incident by hand; when nothing recorded the service as restored, now counts as that too. */
export async function resolveIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
  input: z.input<typeof IncidentTransition> = {},
): Promise<IncidentDetail> {
  const { note } = parseInput(IncidentTransition, input, 'body');
  return changeIncident(ctx, actor, id, async (trx, before) => {
    if (before.resolvedAt !== null) throw appError('conflict', phrase('incidents.resolvedAlready'));
    const now = ctx.now();
    await markResolved(trx, before, now, now, timelineActorOf(actor), note);
    await audit(ctx, trx, actor, 'resolve', id, toIncidentSummary(before));
  });
}

/** Reopens a resolved incident by hand: it is neither restored nor resolved any more. */
export async function reopenIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
  input: z.input<typeof IncidentTransition> = {},
): Promise<IncidentDetail> {
  const { note } = parseInput(IncidentTransition, input, 'body');
  try {
    return await changeIncident(ctx, actor, id, async (trx, before) => {
      if (before.resolvedAt === null) throw appError('conflict', phrase('incidents.notResolved'));
      if (before.itemId !== null) {
        const open = await findOpenIncidentOnItem(trx, before.itemId);
        if (open) throw openOnItemConflict(open.id);
      }
      const now = ctx.now();
      await updateIncidentRow(trx, id, {
        restoredAt: null,
        resolvedAt: null,
        state: stateOfMoments({ ...before, restoredAt: null, resolvedAt: null }),
        reopenCount: before.reopenCount + 1,
        updatedAt: now,
      });
      await addTimelineEvent(trx, id, now, 'reopened', note || 'Reopened by hand', timelineActorOf(actor), {
        reopenCount: before.reopenCount + 1,
      });
      await audit(ctx, trx, actor, 'reopen', id, toIncidentSummary(before));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw openOnItemConflict(undefined);
    throw error;
  }
}

/** Records the post-incident review: the cause, the actions, who reviewed it and when. */
export async function reviewIncident(
  ctx: AppContext,
  actor: IncidentActor,
  id: number,
  input: z.input<typeof IncidentReview>,
): Promise<IncidentDetail> {
  const review = parseInput(IncidentReview, input, 'body');
  return changeIncident(ctx, actor, id, async (trx, before) => {
    const now = ctx.now();
    const person = timelineActorOf(actor);
    await updateIncidentRow(trx, id, {
      reviewCause: review.cause,
      reviewActions: review.actions,
      reviewedAt: now,
      reviewedById: person.id,
      updatedAt: now,
    });
    await addTimelineEvent(
      trx,
      id,
      now,
      'review',
      `Review recorded. Cause: ${review.cause}`.slice(0, 2000),
      person,
    );
    await recordChange(ctx, trx, actor, {
      action: 'incident.review',
      entityType: 'incident',
      entityId: id,
      before: { cause: before.reviewCause, actions: before.reviewActions },
      after: review,
    });
  });
}
