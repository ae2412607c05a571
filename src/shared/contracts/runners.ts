import { z } from 'zod';
import { CheckSettings } from './check-kinds';
import { EpochMs } from './common';

/** The location of the server's own, in-process runner; remote runners cannot take it. */
export const localLocation = 'local';

/** A location name as checks list it: a lower-case slug such as `milano-dc`. */
export const RunnerLocation = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, { message: 'lower-case letters, digits and -, e.g. milano-dc' })
  .refine((value) => value !== localLocation, {
    message: '"local" is the server\'s own runner; choose another name',
  })
  .describe('where the runner runs from, e.g. "milano-dc"; checks list it in their locations');

/** Registers a remote runner; its token comes back once. */
export const NewRunner = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('a name people recognise, e.g. "Milano DC probe"'),
  location: RunnerLocation,
});
export type NewRunner = z.infer<typeof NewRunner>;

/** A remote runner as admins see it. */
export const Runner = z.object({
  id: z.number().int(),
  name: z.string(),
  location: z.string(),
  lastSeenAt: EpochMs.nullable().describe('the last authenticated call of the runner'),
  online: z.boolean().describe('seen in the last 2 minutes'),
  createdAt: EpochMs,
});
export type Runner = z.infer<typeof Runner>;

export const RunnerList = z.object({ rows: z.array(Runner) });

/** A new runner with its secret token (`rr_…`), shown in this answer only. */
export const CreatedRunner = Runner.extend({
  token: z.string().describe('pass it to `regia runner --token`; Regia keeps only its hash'),
});
export type CreatedRunner = z.infer<typeof CreatedRunner>;

/** Who a runner is, as the runner API tells it. */
export const RunnerIdentity = z.object({
  id: z.number().int(),
  name: z.string(),
  location: z.string(),
});
export type RunnerIdentity = z.infer<typeof RunnerIdentity>;

/** How often a check runs: a fixed interval, or a cron expression in the server's timezone. */
export const RunnerCadence = z.union([
  z.strictObject({ intervalSeconds: z.number().int().positive().max(86_400) }),
  z.strictObject({ cron: z.string().min(1).max(100), timezone: z.string().min(1).max(100) }),
]);
export type RunnerCadence = z.infer<typeof RunnerCadence>;

/** A check as a runner needs it to run: settings with their real (decrypted) header values. */
export const RunnerCheck = z.strictObject({
  id: z.number().int().positive(),
  settings: CheckSettings,
  cadence: RunnerCadence,
  timeoutMs: z.number().int().positive().max(600_000),
  degradedAboveMs: z.number().int().positive().nullable(),
});
export type RunnerCheck = z.infer<typeof RunnerCheck>;

/** The checks a runner runs; `version` is also the ETag, so an unchanged list costs a 304. */
export const RunnerChecks = z.strictObject({
  runner: RunnerIdentity,
  version: z.string(),
  checks: z.array(RunnerCheck),
  probePolicy: z
    .strictObject({
      allowLinkLocal: z.boolean(),
      allowedCidrs: z.array(z.string().max(50)).max(100),
      deniedCidrs: z.array(z.string().max(50)).max(100),
    })
    .describe("the admin's outbound policy for probes, which runners follow like the server"),
});
export type RunnerChecks = z.infer<typeof RunnerChecks>;

const Milliseconds = z.number().min(0).max(3_600_000);

/** One run's outcome as a runner reports it; the location is the runner's, never the body's. */
export const RunnerResult = z.strictObject({
  checkId: z.number().int().positive(),
  plannedAt: EpochMs.positive().describe('the slot the run was planned for'),
  startedAt: EpochMs.positive(),
  status: z.enum(['up', 'degraded', 'down']),
  latencyMs: Milliseconds,
  phases: z.strictObject({
    dnsMs: Milliseconds.nullable(),
    connectMs: Milliseconds.nullable(),
    tlsMs: Milliseconds.nullable(),
    firstByteMs: Milliseconds.nullable(),
  }),
  message: z.string().max(2000),
  details: z
    .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
    .refine((value) => Object.keys(value).length <= 50, { message: 'at most 50 details' }),
});
export type RunnerResult = z.infer<typeof RunnerResult>;

/** Most results one report may carry. */
export const maxResultsPerReport = 1000;

export const RunnerReport = z.strictObject({
  results: z.array(RunnerResult).min(1).max(maxResultsPerReport),
});
export type RunnerReport = z.infer<typeof RunnerReport>;

/** What the server did with a report: stored (or already stored), and what it refused and why. */
export const RunnerReportAck = z.object({
  accepted: z.number().int().describe('results stored now or already stored by an earlier report'),
  refused: z.array(
    z.object({
      index: z.number().int().describe('position in the report'),
      checkId: z.number().int(),
      reason: z.string(),
    }),
  ),
});
export type RunnerReportAck = z.infer<typeof RunnerReportAck>;
