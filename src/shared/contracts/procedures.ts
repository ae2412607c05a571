import { Cron } from 'croner';
import { z } from 'zod';
import { EpochMs, PageQuery, pageOf, SortDirection } from './common';
import { isRealIsoDate } from './inventory';

/** What a procedure test exercises. */
export const procedureTestKinds = [
  'backupRestore',
  'disasterRecoveryDrill',
  'failover',
  'accessReview',
  'patchAudit',
  'other',
] as const;
export const ProcedureTestKind = z.enum(procedureTestKinds);
export type ProcedureTestKind = z.infer<typeof ProcedureTestKind>;

/** The outcome a person records after performing the test. */
export const procedureOutcomes = ['pass', 'partial', 'fail'] as const;
export const ProcedureOutcome = z.enum(procedureOutcomes);
export type ProcedureOutcome = z.infer<typeof ProcedureOutcome>;

/** A procedure test's state: the last outcome's (pass up, partial degraded, fail down), down when missed. */
export const procedureStates = ['up', 'degraded', 'down', 'unknown'] as const;
export const ProcedureState = z.enum(procedureStates);
export type ProcedureState = z.infer<typeof ProcedureState>;

/** How one checklist step went in a run. */
export const checklistStepResults = ['done', 'notDone', 'notApplicable'] as const;
export const ChecklistStepResult = z.enum(checklistStepResults);
export type ChecklistStepResult = z.infer<typeof ChecklistStepResult>;

/** Attachment limits: the decoded file, and the JSON body that carries it in base64. */
export const maxAttachmentBytes = 10 * 1024 * 1024;
export const attachmentBodyLimitBytes = 15 * 1024 * 1024;

/** True for a five-field cron expression that croner accepts. */
export function isValidSchedule(expression: string): boolean {
  if (expression.trim().split(/\s+/).length !== 5) return false;
  try {
    new Cron(expression, { paused: true });
    return true;
  } catch {
    return false;
  }
}

const Schedule = z
  .string()
  .trim()
  .min(9)
  .max(100)
  .refine(isValidSchedule, { message: 'a five-field cron expression, e.g. "0 9 1 1,4,7,10 *"' })
  .describe('five-field cron expression in the server timezone, e.g. quarterly "0 9 1 1,4,7,10 *"');
const ChecklistStep = z.string().trim().min(1).max(500).describe('one step, a short text');
const Checklist = z.array(ChecklistStep).max(50).describe('the steps, in order (at most 50)');
const GraceDays = z
  .number()
  .int()
  .min(0)
  .max(365)
  .describe('days after the due date before a missing outcome counts as a failure');
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date as YYYY-MM-DD' })
  .refine(isRealIsoDate, { message: 'not a real date' });

/** A new procedure test; the owner team is required. */
export const NewProcedureTest = z.strictObject({
  name: z.string().trim().min(1, { message: 'required' }).max(200),
  kind: ProcedureTestKind,
  description: z.string().max(10_000).default('').describe('what is tested and how (Markdown)'),
  itemId: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe('the inventory item the test exercises'),
  ownerTeamId: z.number().int().positive().describe('the team that performs the test'),
  schedule: Schedule,
  graceDays: GraceDays.default(0),
  checklist: Checklist.default([]),
});
export type NewProcedureTest = z.infer<typeof NewProcedureTest>;
export type NewProcedureTestInput = z.input<typeof NewProcedureTest>;

/** A partial change; absent fields stay as they are. Changing the schedule recomputes the due date. */
export const UpdateProcedureTest = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  kind: ProcedureTestKind.optional(),
  description: z.string().max(10_000).optional(),
  itemId: z.number().int().positive().nullable().optional(),
  ownerTeamId: z.number().int().positive().optional(),
  schedule: Schedule.optional(),
  graceDays: GraceDays.optional(),
  checklist: Checklist.optional(),
});
export type UpdateProcedureTest = z.infer<typeof UpdateProcedureTest>;

/** The short form of a run, as shown on its procedure test. */
export const ProcedureRunSummary = z.object({
  id: z.number().int(),
  outcome: ProcedureOutcome,
  effectiveDate: z.string().describe('the day the test was performed'),
  recordedAt: EpochMs,
});
export type ProcedureRunSummary = z.infer<typeof ProcedureRunSummary>;

/** A procedure test as listed and shown, with its due date and state. */
export const ProcedureTest = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ProcedureTestKind,
  description: z.string(),
  itemId: z.number().int().nullable(),
  itemName: z.string().nullable(),
  ownerTeamId: z.number().int().nullable().describe('null only after the owner team was deleted'),
  ownerTeamName: z.string().nullable(),
  schedule: z.string(),
  timezone: z.string().describe('the timezone the schedule and dates are read in'),
  graceDays: z.number().int(),
  checklist: z.array(z.string()),
  state: ProcedureState,
  stateChangedAt: EpochMs,
  stateMessage: z.string(),
  dueAt: EpochMs.nullable().describe('next occurrence of the schedule after the last effective date'),
  dueDate: z.string().nullable().describe('the due date as a calendar day in the timezone'),
  graceEndsAt: EpochMs.nullable().describe('after this, a missing outcome counts as a failure'),
  isOverdue: z.boolean().describe('the due date has passed with no outcome since'),
  isMissed: z.boolean().describe('the grace has ended too, and the miss has been recorded'),
  lastRun: ProcedureRunSummary.nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type ProcedureTest = z.infer<typeof ProcedureTest>;

export const procedureTestSortFields = ['name', 'dueAt', 'updatedAt'] as const;

// A query string says "true" or "false"; services called directly may pass the boolean.
const BooleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
  .optional();

/** List query: filters from an allow-list, sorting and paging. */
export const ProcedureTestListQuery = z.strictObject({
  ...PageQuery,
  ownerTeamId: z.coerce.number().int().positive().optional(),
  itemId: z.coerce.number().int().positive().optional(),
  kind: ProcedureTestKind.optional(),
  state: ProcedureState.optional(),
  overdue: BooleanQuery.describe('true: only tests whose due date has passed; false: only the others'),
  sort: z.enum(procedureTestSortFields).default('dueAt'),
  direction: SortDirection,
});
export type ProcedureTestListQuery = z.infer<typeof ProcedureTestListQuery>;

export const ProcedureTestPage = pageOf(ProcedureTest);
export type ProcedureTestPage = z.infer<typeof ProcedureTestPage>;

/** One checklist step's result as a person records it, in the checklist's order. */
export const NewChecklistResult = z.strictObject({
  result: ChecklistStepResult,
  note: z.string().max(2000).default(''),
});

/** An outcome to record: one result per checklist step, and the day the test was performed. */
export const NewProcedureRun = z.strictObject({
  outcome: ProcedureOutcome,
  effectiveDate: IsoDate.describe('the day the test was performed (YYYY-MM-DD), not in the future'),
  notes: z.string().max(20_000).default('').describe('what happened (Markdown, at most 20,000 characters)'),
  checklist: z
    .array(NewChecklistResult)
    .max(50)
    .default([])
    .describe("one result per step of the test's checklist, in order"),
});
export type NewProcedureRun = z.infer<typeof NewProcedureRun>;
export type NewProcedureRunInput = z.input<typeof NewProcedureRun>;

/** An evidence file's description (its bytes come from the download route). */
export const ProcedureAttachment = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  filename: z.string().describe('the name given at upload, cleaned; only for display and download'),
  contentType: z.string().describe('the type found in the content'),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('hex SHA-256 of the content, checked on every download'),
  uploadedByLabel: z.string(),
  createdAt: EpochMs,
});
export type ProcedureAttachment = z.infer<typeof ProcedureAttachment>;

/** A recorded outcome with its checklist results and evidence. */
export const ProcedureRun = z.object({
  id: z.number().int(),
  procedureTestId: z.number().int(),
  outcome: ProcedureOutcome,
  effectiveDate: z.string(),
  notes: z.string(),
  checklist: z.array(
    z.object({ step: z.string(), result: ChecklistStepResult, note: z.string() }).describe('one step'),
  ),
  recordedById: z.number().int().nullable(),
  recordedByLabel: z.string(),
  recordedAt: EpochMs,
  attachments: z.array(ProcedureAttachment),
});
export type ProcedureRun = z.infer<typeof ProcedureRun>;

/** The history of a procedure test, newest effective date first. */
export const ProcedureRunList = z.object({ rows: z.array(ProcedureRun) });

/** An evidence file sent as JSON: its name and its bytes in base64 (at most 10 MB decoded). */
export const NewProcedureAttachment = z.strictObject({
  filename: z.string().min(1).max(255).describe('the file name; only its last part is kept, for display'),
  contentBase64: z
    .string()
    .min(1)
    .max(attachmentBodyLimitBytes)
    .describe('the file content, base64 (standard alphabet, padded)'),
});
export type NewProcedureAttachment = z.infer<typeof NewProcedureAttachment>;

export const ProcedureRunParams = z.strictObject({
  id: z.coerce.number().int().positive().describe('procedure test id'),
  runId: z.coerce.number().int().positive().describe('run id'),
});

export const ProcedureAttachmentParams = z.strictObject({
  id: z.coerce.number().int().positive().describe('procedure test id'),
  runId: z.coerce.number().int().positive().describe('run id'),
  attachmentId: z.coerce.number().int().positive().describe('attachment id'),
});
