import type { Transaction } from 'kysely';
import {
  type ChecklistStepResult,
  NewProcedureRun,
  type NewProcedureRunInput,
  type ProcedureOutcome,
  type ProcedureRun,
  type ProcedureState,
} from '../../../shared/contracts/procedures';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { calendarDayOf, computeDueAt, computeGraceEndsAt } from './procedure-schedule';
import {
  assertCanChangeProcedureTest,
  assertCanReadProcedures,
  type ProcedureActor,
} from './procedures.policy';
import {
  findLatestRunRow,
  insertEventRow,
  insertRunRow,
  listAttachmentRows,
  listEventRows,
  listMissCandidateRows,
  listRunRows,
  lockProcedureTestRow,
  markMissedRow,
  type ProcedureAttachmentRow,
  type ProcedureRunRow,
  updateProcedureTestRow,
} from './procedures.repository';
import { findProcedureTestIn } from './procedures.service';

/** A procedure test's state change, as written in `procedureEvents` and handed to handlers. */
export interface ProcedureStateChange {
  procedureTestId: number;
  fromState: ProcedureState;
  toState: ProcedureState;
  at: number;
  message: string;
  /** the run whose outcome caused it; null for a missed due date */
  runId: number | null;
}

/** A state change as stored, with its id (a cursor for consumers). */
export type ProcedureEvent = ProcedureStateChange & { id: number };

/**
 * Something another feature writes in the same transaction as a state change (incidents open one
 * here), so that a crash never keeps one without the other.
 */
export type ProcedureStateChangeHandler = (
  trx: Transaction<Database>,
  change: ProcedureStateChange,
) => Promise<void>;

export interface StateChangeOptions {
  /** by default, the handlers installed in the context's reactions */
  handlers?: readonly ProcedureStateChangeHandler[];
}

/** The state an outcome puts a test in. */
export const stateOfOutcome: Record<ProcedureOutcome, ProcedureState> = {
  pass: 'up',
  partial: 'degraded',
  fail: 'down',
};

type StoredStep = { step: string; result: ChecklistStepResult; note: string };

function parseSteps(text: string): StoredStep[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as StoredStep[]) : [];
  } catch {
    return [];
  }
}

function toAttachment(row: ProcedureAttachmentRow): ProcedureRun['attachments'][number] {
  return {
    id: row.id,
    runId: row.runId,
    filename: row.filename,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedByLabel: row.uploadedByLabel,
    createdAt: row.createdAt,
  };
}

/** The API shape of runs, each with its attachments. */
export async function toProcedureRuns(db: Db, rows: readonly ProcedureRunRow[]): Promise<ProcedureRun[]> {
  const attachments = await listAttachmentRows(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    procedureTestId: row.procedureTestId,
    outcome: row.outcome as ProcedureOutcome,
    effectiveDate: row.effectiveDate,
    notes: row.notes,
    checklist: parseSteps(row.checklist),
    recordedById: row.recordedById,
    recordedByLabel: row.recordedByLabel,
    recordedAt: row.recordedAt,
    attachments: attachments.filter((a) => a.runId === row.id).map(toAttachment),
  }));
}

async function writeStateChange(
  trx: Transaction<Database>,
  change: ProcedureStateChange,
  handlers: readonly ProcedureStateChangeHandler[],
): Promise<void> {
  await insertEventRow(trx, change);
  for (const handler of handlers) await handler(trx, change);
}

/** The recorded outcomes of a test, newest effective date first, with their evidence. */
export async function listProcedureRuns(
  ctx: AppContext,
  actor: ProcedureActor,
  procedureTestId: number,
): Promise<ProcedureRun[]> {
  assertCanReadProcedures(actor);
  await findProcedureTestIn(ctx, ctx.db, procedureTestId);
  return toProcedureRuns(ctx.db, await listRunRows(ctx.db, procedureTestId));
}

/**
 * Records an outcome. When it is the latest by effective date, it sets the state (pass up, partial
 * degraded, fail down) and the next due date; a state change is written as an event, with what
 * the handlers write, in the same transaction as the outcome and its audit record. An outcome
 * back-dated before the latest one is kept in the history and changes nothing else.
 */
export async function recordProcedureOutcome(
  ctx: AppContext,
  actor: ProcedureActor,
  procedureTestId: number,
  input: NewProcedureRunInput,
  options: StateChangeOptions = {},
): Promise<ProcedureRun> {
  const run = parseInput(NewProcedureRun, input, 'body');
  const now = ctx.now();
  const timeZone = ctx.config.timezone;
  const today = calendarDayOf(now, timeZone);
  if (run.effectiveDate > today) {
    throw appError('validation_failed', phrase('procedures.effectiveDateFuture'), [
      { path: 'body.effectiveDate', message: phrase('procedures.issueEffectiveDate', { today }) },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    await lockProcedureTestRow(trx, ctx.dialect, procedureTestId);
    const test = await findProcedureTestIn(ctx, trx, procedureTestId);
    assertCanChangeProcedureTest(actor, test.ownerTeamId);
    if (run.checklist.length !== test.checklist.length) {
      throw appError('validation_failed', phrase('procedures.checklistResults'), [
        {
          path: 'body.checklist',
          message: phrase('procedures.issueChecklistResults', { count: test.checklist.length }),
        },
      ]);
    }
    const steps: StoredStep[] = test.checklist.map((step, index) => ({
      step,
      result: run.checklist[index]!.result,
      note: run.checklist[index]!.note,
    }));
    const row = await insertRunRow(trx, {
      procedureTestId,
      outcome: run.outcome,
      effectiveDate: run.effectiveDate,
      notes: run.notes,
      checklist: JSON.stringify(steps),
      recordedById: actor.userId,
      recordedByLabel: actor.label,
      recordedAt: now,
    });
    const latest = await findLatestRunRow(trx, procedureTestId);
    if (latest?.id === row.id) {
      const toState = stateOfOutcome[run.outcome];
      const message = `${run.outcome}, performed ${run.effectiveDate}`;
      const dueAt = computeDueAt(test.schedule, timeZone, run.effectiveDate, test.createdAt);
      await updateProcedureTestRow(trx, procedureTestId, {
        state: toState,
        stateChangedAt: toState === test.state ? test.stateChangedAt : now,
        stateMessage: message,
        dueAt,
        graceEndsAt: computeGraceEndsAt(dueAt, test.graceDays, timeZone),
        isMissed: 0,
        lastRunId: row.id,
      });
      if (toState !== test.state) {
        await writeStateChange(
          trx,
          { procedureTestId, fromState: test.state, toState, at: now, message, runId: row.id },
          options.handlers ?? ctx.reactions.procedureStateChanged,
        );
      }
    }
    const [recorded] = await toProcedureRuns(trx, [row]);
    await recordChange(ctx, trx, actor, {
      action: 'procedureTest.outcome',
      entityType: 'procedureTest',
      entityId: procedureTestId,
      after: recorded,
    });
    return recorded!;
  });
}

/**
 * Records, once, every procedure test whose due date and grace have passed with no outcome: the
 * test goes down with "missed: due YYYY-MM-DD" and, when that changes its state, an event is
 * written. Calling it again changes nothing until a new due date passes; safe to run on several
 * servers at once. Returns the state changes written.
 */
export async function markMissedProcedureTests(
  ctx: AppContext,
  now: number,
  options: StateChangeOptions = {},
): Promise<ProcedureStateChange[]> {
  const changes: ProcedureStateChange[] = [];
  for (const candidate of await listMissCandidateRows(ctx.db, now)) {
    if (candidate.dueAt === null) continue;
    const dueAt = candidate.dueAt;
    const message = `missed: due ${calendarDayOf(dueAt, ctx.config.timezone)}`;
    const change = await ctx.db.transaction().execute(async (trx) => {
      await lockProcedureTestRow(trx, ctx.dialect, candidate.id);
      const test = await findProcedureTestIn(ctx, trx, candidate.id);
      const isChange = test.state !== 'down';
      const isMarked = await markMissedRow(trx, candidate.id, dueAt, {
        state: 'down',
        stateChangedAt: isChange ? now : test.stateChangedAt,
        stateMessage: message,
      });
      if (!isMarked || !isChange) return null;
      const stateChange: ProcedureStateChange = {
        procedureTestId: candidate.id,
        fromState: test.state,
        toState: 'down',
        at: now,
        message,
        runId: null,
      };
      await writeStateChange(trx, stateChange, options.handlers ?? ctx.reactions.procedureStateChanged);
      return stateChange;
    });
    if (change) changes.push(change);
  }
  return changes;
}

/**
 * State changes of procedure tests from `since` on (epoch ms, inclusive), oldest first, for the
 * incidents, compliance and KPI features; at most `limit` (default 1,000) at a time.
 */
export async function listProcedureEvents(
  ctx: AppContext,
  filter: { since: number; procedureTestId?: number; limit?: number },
): Promise<ProcedureEvent[]> {
  const rows = await listEventRows(ctx.db, {
    since: filter.since,
    procedureTestId: filter.procedureTestId,
    limit: Math.min(Math.max(filter.limit ?? 1000, 1), 10_000),
  });
  return rows.map((row) => ({
    id: row.id,
    procedureTestId: row.procedureTestId,
    fromState: row.fromState as ProcedureState,
    toState: row.toState as ProcedureState,
    at: row.at,
    message: row.message,
    runId: row.runId,
  }));
}
