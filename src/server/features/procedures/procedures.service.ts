import type { z } from 'zod';
import {
  NewProcedureTest,
  type NewProcedureTestInput,
  type ProcedureOutcome,
  type ProcedureState,
  type ProcedureTest,
  type ProcedureTestKind,
  ProcedureTestListQuery,
  type ProcedureTestPage,
  UpdateProcedureTest,
} from '../../../shared/contracts/procedures';
import type { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { isUniqueViolation } from '../inventory/inventory.repository';
import { removeStoredFiles } from './attachment-files';
import { calendarDayOf, computeDueAt, computeGraceEndsAt } from './procedure-schedule';
import {
  assertCanChangeProcedureTest,
  assertCanOwnProcedureTest,
  assertCanReadProcedures,
  type ProcedureActor,
} from './procedures.policy';
import {
  deleteProcedureTestRow,
  findProcedureTestIdByName,
  findProcedureTestRow,
  hasItem,
  hasTeam,
  insertProcedureTestRow,
  listProcedureTestRows,
  listStoredNamesOfTest,
  type ProcedureTestChange,
  type ProcedureTestWithNamesRow,
  updateProcedureTestRow,
} from './procedures.repository';

/** Parses a JSON array of strings stored as text; anything else reads as empty. */
export function parseStringList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** The API shape of a stored test, with what depends on the time of asking (overdue). */
export function toProcedureTest(
  row: ProcedureTestWithNamesRow,
  now: number,
  timeZone: string,
): ProcedureTest {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ProcedureTestKind,
    description: row.description,
    itemId: row.itemId,
    itemName: row.itemName,
    ownerTeamId: row.ownerTeamId,
    ownerTeamName: row.ownerTeamName,
    schedule: row.schedule,
    timezone: timeZone,
    graceDays: row.graceDays,
    checklist: parseStringList(row.checklist),
    state: row.state as ProcedureState,
    stateChangedAt: row.stateChangedAt,
    stateMessage: row.stateMessage,
    dueAt: row.dueAt,
    dueDate: row.dueAt === null ? null : calendarDayOf(row.dueAt, timeZone),
    graceEndsAt: row.graceEndsAt,
    isOverdue: row.dueAt !== null && row.dueAt < now,
    isMissed: Boolean(row.isMissed),
    lastRun:
      row.lastRunId === null || row.lastOutcome === null
        ? null
        : {
            id: row.lastRunId,
            outcome: row.lastOutcome as ProcedureOutcome,
            effectiveDate: row.lastEffectiveDate ?? '',
            recordedAt: row.lastRecordedAt ?? 0,
          },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Reads one test inside a transaction or outside it; 404 when there is none. */
export async function findProcedureTestIn(ctx: AppContext, db: Db, id: number): Promise<ProcedureTest> {
  const row = await findProcedureTestRow(db, id);
  if (!row) throw notFound('procedureTest');
  return toProcedureTest(row, ctx.now(), ctx.config.timezone);
}

/** The due date and the end of its grace, as stored; refuses a schedule that never occurs again. */
function dueFields(
  ctx: AppContext,
  schedule: string,
  graceDays: number,
  lastEffectiveDate: string | null,
  createdAt: number,
): Pick<ProcedureTestChange, 'dueAt' | 'graceEndsAt' | 'isMissed'> {
  const timeZone = ctx.config.timezone;
  const dueAt = computeDueAt(schedule, timeZone, lastEffectiveDate, createdAt);
  if (dueAt === null) {
    throw appError('validation_failed', phrase('procedures.scheduleNeverOccurs'), [
      { path: 'body.schedule', message: phrase('procedures.issueNoFutureOccurrence') },
    ]);
  }
  return { dueAt, graceEndsAt: computeGraceEndsAt(dueAt, graceDays, timeZone), isMissed: 0 };
}

function nameTaken(name: string): AppError {
  return appError('conflict', phrase('procedures.nameUsed', { name }), [
    { path: 'body.name', message: phrase('procedures.issueNameUsed') },
  ]);
}

/** Runs a change and turns a unique-name race lost in the database into the same 409 as the early check. */
async function withNameConflict<T>(name: string | undefined, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

async function assertReferencesExist(
  db: Db,
  references: { ownerTeamId?: number | undefined; itemId?: number | null | undefined },
): Promise<void> {
  const { ownerTeamId, itemId } = references;
  if (ownerTeamId !== undefined && !(await hasTeam(db, ownerTeamId))) {
    throw appError('validation_failed', phrase('procedures.ownerTeamMissing'), [
      { path: 'body.ownerTeamId', message: phrase('issue.noTeamWithId', { id: ownerTeamId }) },
    ]);
  }
  if (itemId !== undefined && itemId !== null && !(await hasItem(db, itemId))) {
    throw appError('validation_failed', phrase('procedures.itemMissing'), [
      { path: 'body.itemId', message: phrase('issue.noItemWithId', { id: itemId }) },
    ]);
  }
}

async function assertNameFree(db: Db, name: string, exceptId?: number): Promise<void> {
  const existing = await findProcedureTestIdByName(db, name);
  if (existing && existing.id !== exceptId) throw nameTaken(name);
}

/** One page of procedure tests matching the query, with the total over all pages. */
export async function listProcedureTests(
  ctx: AppContext,
  actor: ProcedureActor,
  query: z.input<typeof ProcedureTestListQuery> = {},
): Promise<ProcedureTestPage> {
  assertCanReadProcedures(actor);
  const { page, pageSize, sort, direction, ...filter } = parseInput(
    ProcedureTestListQuery,
    query,
    'querystring',
  );
  const now = ctx.now();
  const { rows, total } = await listProcedureTestRows(
    ctx.db,
    filter,
    { sort, direction },
    { limit: pageSize, offset: (page - 1) * pageSize },
    now,
  );
  return {
    rows: rows.map((row) => toProcedureTest(row, now, ctx.config.timezone)),
    total,
    page,
    pageSize,
  };
}

/** One procedure test with its due date, state and last outcome; 404 when there is none. */
export async function getProcedureTest(
  ctx: AppContext,
  actor: ProcedureActor,
  id: number,
): Promise<ProcedureTest> {
  assertCanReadProcedures(actor);
  return findProcedureTestIn(ctx, ctx.db, id);
}

/** Creates a procedure test, due at the schedule's next occurrence; audited as created. */
export async function createProcedureTest(
  ctx: AppContext,
  actor: ProcedureActor,
  input: NewProcedureTestInput,
): Promise<ProcedureTest> {
  const test = parseInput(NewProcedureTest, input, 'body');
  assertCanOwnProcedureTest(actor, test.ownerTeamId);
  const now = ctx.now();
  const due = dueFields(ctx, test.schedule, test.graceDays, null, now);
  return withNameConflict(test.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await assertReferencesExist(trx, test);
      await assertNameFree(trx, test.name);
      const id = await insertProcedureTestRow(trx, {
        ...test,
        checklist: JSON.stringify(test.checklist),
        state: 'unknown',
        stateChangedAt: now,
        stateMessage: 'no outcome recorded yet',
        ...due,
        lastRunId: null,
        createdAt: now,
        updatedAt: now,
      });
      const created = await findProcedureTestIn(ctx, trx, id);
      await recordChange(ctx, trx, actor, {
        action: 'procedureTest.create',
        entityType: 'procedureTest',
        entityId: id,
        after: created,
      });
      return created;
    }),
  );
}

/**
 * Changes the given fields. The actor must be allowed to change the test as it is and, when the
 * owner changes, to give it to the new team. A new schedule or grace recomputes the due date; the
 * state stays what the outcomes (and misses) made it. A change that changes nothing is not written.
 */
export async function updateProcedureTest(
  ctx: AppContext,
  actor: ProcedureActor,
  id: number,
  input: z.input<typeof UpdateProcedureTest>,
): Promise<ProcedureTest> {
  const change = parseInput(UpdateProcedureTest, input, 'body');
  return withNameConflict(change.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await findProcedureTestIn(ctx, trx, id);
      assertCanChangeProcedureTest(actor, before.ownerTeamId);
      const values: ProcedureTestChange = {};
      if (change.name !== undefined && change.name !== before.name) {
        await assertNameFree(trx, change.name, id);
        values.name = change.name;
      }
      if (change.kind !== undefined && change.kind !== before.kind) values.kind = change.kind;
      if (change.description !== undefined && change.description !== before.description) {
        values.description = change.description;
      }
      if (change.itemId !== undefined && change.itemId !== before.itemId) {
        await assertReferencesExist(trx, { itemId: change.itemId });
        values.itemId = change.itemId;
      }
      if (change.ownerTeamId !== undefined && change.ownerTeamId !== before.ownerTeamId) {
        assertCanOwnProcedureTest(actor, change.ownerTeamId);
        await assertReferencesExist(trx, { ownerTeamId: change.ownerTeamId });
        values.ownerTeamId = change.ownerTeamId;
      }
      if (
        change.checklist !== undefined &&
        JSON.stringify(change.checklist) !== JSON.stringify(before.checklist)
      ) {
        values.checklist = JSON.stringify(change.checklist);
      }
      const schedule = change.schedule ?? before.schedule;
      const graceDays = change.graceDays ?? before.graceDays;
      if (schedule !== before.schedule || graceDays !== before.graceDays) {
        Object.assign(values, { schedule, graceDays });
        Object.assign(
          values,
          dueFields(ctx, schedule, graceDays, before.lastRun?.effectiveDate ?? null, before.createdAt),
        );
      }
      if (Object.keys(values).length === 0) return before;
      await updateProcedureTestRow(trx, id, { ...values, updatedAt: ctx.now() });
      const after = await findProcedureTestIn(ctx, trx, id);
      await recordChange(ctx, trx, actor, {
        action: 'procedureTest.update',
        entityType: 'procedureTest',
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
}

/**
 * Deletes a test with its runs, attachments and state changes; the audit record keeps the test.
 * The evidence files go once the deletion is committed.
 */
export async function deleteProcedureTest(ctx: AppContext, actor: ProcedureActor, id: number): Promise<void> {
  const storedNames = await ctx.db.transaction().execute(async (trx) => {
    const before = await findProcedureTestIn(ctx, trx, id);
    assertCanChangeProcedureTest(actor, before.ownerTeamId);
    const names = await listStoredNamesOfTest(trx, id);
    await deleteProcedureTestRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'procedureTest.delete',
      entityType: 'procedureTest',
      entityId: id,
      before: { ...before, attachmentCount: names.length },
    });
    return names;
  });
  try {
    await removeStoredFiles(ctx.config.dataDir, storedNames);
  } catch (error) {
    // The rows are gone; a file left behind is an orphan to clean, not a failed deletion.
    ctx.log.warn(
      { err: error, procedureTestId: id },
      'could not remove the files of a deleted procedure test',
    );
  }
}
