import type { z } from 'zod';
import {
  NewRecurrence,
  type NewRecurrenceInput,
  type Recurrence,
  RecurrenceListQuery,
  type RecurrencePage,
  UpdateRecurrence,
  type WorkItemType,
} from '../../../shared/contracts/work-items';
import { isValidRecurrence, isValidTimezone } from '../../../shared/domain/maintenance-occurrences';
import { dueOccurrences, nextOccurrence } from '../../../shared/domain/work-recurrence';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { WorkRecurrencesTable } from '../../db/schema';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { isUniqueViolation } from '../inventory/inventory.repository';
import { initialStateOf } from '../workflows/workflows.service';
import { assertCanManageWorkflow, assertCanReadWork, type WorkActor } from './work.policy';
import { insertOccurrenceRow } from './work-items.repository';

type RecurrenceRow = Omit<WorkRecurrencesTable, 'id'> & { id: number };

const regia = { userId: null, label: 'regia' };

function toRecurrence(row: RecurrenceRow): Recurrence {
  const next = nextOccurrence(row);
  return {
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    schedule: row.schedule,
    timezone: row.timezone,
    title: row.title,
    description: row.description,
    type: row.type as WorkItemType,
    priority: row.priority,
    assigneeId: row.assigneeId,
    leadDays: row.leadDays,
    isEnabled: Boolean(row.isEnabled),
    lastOccurrenceAt: row.lastOccurrenceAt,
    nextDueDate: next?.dueDate ?? null,
  };
}

function assertSchedule(schedule: string | undefined, timezone: string | undefined): void {
  if (schedule !== undefined && !isValidRecurrence(schedule)) {
    throw appError('validation_failed', phrase('work.cronInvalid'), [
      { path: 'body.schedule', message: phrase('work.issueCronExample') },
    ]);
  }
  if (timezone !== undefined && !isValidTimezone(timezone)) {
    throw appError('validation_failed', phrase('work.timezoneUnknown'), [
      { path: 'body.timezone', message: phrase('work.issueTimezoneExample') },
    ]);
  }
}

async function findRecurrenceRow(db: Db, id: number): Promise<RecurrenceRow> {
  const row = await db.selectFrom('workRecurrences').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('recurrence');
  return row;
}

function conflictOnName(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw appError('conflict', phrase('work.recurrenceNameUsed'), [
      { path: 'body.name', message: phrase('issue.alreadyUsed') },
    ]);
  }
  throw error;
}

/** A page of recurrences, of one team or all. */
export async function listRecurrences(
  ctx: AppContext,
  actor: WorkActor,
  query: z.input<typeof RecurrenceListQuery> = {},
): Promise<RecurrencePage> {
  assertCanReadWork(actor);
  const { page, pageSize, teamId } = parseInput(RecurrenceListQuery, query, 'querystring');
  let rows = ctx.db.selectFrom('workRecurrences').selectAll();
  let count = ctx.db.selectFrom('workRecurrences').select((eb) => eb.fn.countAll<number>().as('n'));
  if (teamId !== undefined) {
    rows = rows.where('teamId', '=', teamId);
    count = count.where('teamId', '=', teamId);
  }
  const [found, total] = await Promise.all([
    rows
      .orderBy('name')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows: found.map(toRecurrence), total: Number(total.n), page, pageSize };
}

/** Creates a recurrence (team leads, managers, admins; audited). Its first deadline is the first after now. */
export async function createRecurrence(
  ctx: AppContext,
  actor: WorkActor,
  input: NewRecurrenceInput,
): Promise<Recurrence> {
  const { timezone, ...fields } = parseInput(NewRecurrence, input, 'body');
  assertCanManageWorkflow(actor, fields.teamId);
  assertSchedule(fields.schedule, timezone);
  const now = ctx.now();
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto('workRecurrences')
        .values({
          ...fields,
          timezone: timezone ?? ctx.config.timezone,
          isEnabled: fields.isEnabled ? 1 : 0,
          lastOccurrenceAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(ctx, trx, actor, {
        action: 'workRecurrence.create',
        entityType: 'workRecurrence',
        entityId: row.id,
        after: fields,
      });
      return row.id;
    })
    .catch(conflictOnName);
  return toRecurrence(await findRecurrenceRow(ctx.db, id));
}

/** Changes a recurrence; items already created keep their fields. */
export async function updateRecurrence(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  input: z.input<typeof UpdateRecurrence>,
): Promise<Recurrence> {
  const { isEnabled, ...change } = parseInput(UpdateRecurrence, input, 'body');
  const before = await findRecurrenceRow(ctx.db, id);
  assertCanManageWorkflow(actor, before.teamId);
  assertSchedule(change.schedule, change.timezone);
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('workRecurrences')
        .set({
          ...change,
          ...(isEnabled === undefined ? {} : { isEnabled: isEnabled ? 1 : 0 }),
          updatedAt: ctx.now(),
        })
        .where('id', '=', id)
        .execute();
      await recordChange(ctx, trx, actor, {
        action: 'workRecurrence.update',
        entityType: 'workRecurrence',
        entityId: id,
        before,
        after: input,
      });
    })
    .catch(conflictOnName);
  return toRecurrence(await findRecurrenceRow(ctx.db, id));
}

/** Deletes a recurrence; the items it created stay. */
export async function deleteRecurrence(ctx: AppContext, actor: WorkActor, id: number): Promise<void> {
  const before = await findRecurrenceRow(ctx.db, id);
  assertCanManageWorkflow(actor, before.teamId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('workRecurrences').where('id', '=', id).execute();
    await recordChange(ctx, trx, actor, {
      action: 'workRecurrence.delete',
      entityType: 'workRecurrence',
      entityId: id,
      before,
    });
  });
}

/**
 * Creates the items of every recurrence whose next deadline is within its lead time, once each:
 * the unique (recurrence, occurrence) key makes a second server or a replay after a restart a
 * no-op. Items go to the team's first state regardless of its WIP limit (scheduled work must
 * exist). Returns the ids created.
 */
export async function createDueRecurringItems(ctx: AppContext): Promise<number[]> {
  const recurrences = await ctx.db
    .selectFrom('workRecurrences')
    .selectAll()
    .where('isEnabled', '=', 1)
    .execute();
  const created: number[] = [];
  for (const recurrence of recurrences) {
    for (const occurrence of dueOccurrences(recurrence, ctx.now())) {
      const id = await ctx.db.transaction().execute(async (trx) => {
        const now = ctx.now();
        const state = await initialStateOf(trx, recurrence.teamId, now);
        const itemId = await insertOccurrenceRow(trx, {
          teamId: recurrence.teamId,
          stateId: state.id,
          category: state.category,
          type: recurrence.type,
          title: recurrence.title,
          description: recurrence.description,
          priority: recurrence.priority,
          assigneeId: recurrence.assigneeId,
          reporterId: null,
          parentId: null,
          startDate: occurrence.createOn,
          dueDate: occurrence.dueDate,
          estimateMinutes: null,
          spentMinutes: 0,
          startedAt: null,
          completedAt: null,
          stateChangedAt: now,
          recurrenceId: recurrence.id,
          occurrenceAt: occurrence.occurrenceAt,
          createdAt: now,
          updatedAt: now,
        });
        // Moving the bookmark forwards only: a slower server never moves it back.
        await trx
          .updateTable('workRecurrences')
          .set({ lastOccurrenceAt: occurrence.occurrenceAt })
          .where('id', '=', recurrence.id)
          .where((eb) =>
            eb.or([eb('lastOccurrenceAt', 'is', null), eb('lastOccurrenceAt', '<', occurrence.occurrenceAt)]),
          )
          .execute();
        if (itemId !== null) {
          await recordChange(ctx, trx, regia, {
            action: 'workItem.create',
            entityType: 'workItem',
            entityId: itemId,
            after: {
              recurrenceId: recurrence.id,
              occurrenceAt: occurrence.occurrenceAt,
              dueDate: occurrence.dueDate,
            },
          });
        }
        return itemId;
      });
      if (id !== null) {
        created.push(id);
        ctx.events.emit('work.changed', { workItemId: id, teamId: recurrence.teamId });
      }
    }
  }
  return created;
}
