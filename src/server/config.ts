import path from 'node:path';
import { z } from 'zod';

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** Every environment variable Regia reads, parsed once at start. The README table mirrors this list. */
const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  REGIA_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REGIA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REGIA_TRUST_PROXY: booleanish.default(false),
  REGIA_PUBLIC_URL: z.string().url().optional(),
  REGIA_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  REGIA_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  REGIA_IMPORT_LIMIT_BYTES: z.coerce.number().int().min(1024).default(10_485_760),
  REGIA_SECRET_KEY: z.string().min(32).optional(),
  REGIA_TIMEZONE: z.string().default('Europe/Rome'),
  REGIA_RESULT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  REGIA_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(200),
  REGIA_RUN_CHECKS: booleanish.default(true),
  REGIA_NOTIFICATION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  logLevel: z.infer<typeof Environment>['REGIA_LOG_LEVEL'];
  trustProxy: boolean;
  publicUrl: string | undefined;
  sessionDays: number;
  bodyLimitBytes: number;
  importLimitBytes: number;
  /** base64 or hex of 32 bytes; absent: a key file in the data folder */
  secretKey: string | undefined;
  timezone: string;
  resultRetentionDays: number;
  checkConcurrency: number;
  /** false: this server serves the API only and runs no checks (a replica beside dedicated runners) */
  runsChecks: boolean;
  /** the longest one notification may take to send; a send cut off by a crash is retried after 3× this */
  notificationTimeoutMs: number;
};

/** Reads the configuration from an environment (process.env by default); throws a readable error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.REGIA_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite://${path.join(dataDir, 'regia.db')}`,
    logLevel: e.REGIA_LOG_LEVEL,
    trustProxy: e.REGIA_TRUST_PROXY,
    publicUrl: e.REGIA_PUBLIC_URL,
    sessionDays: e.REGIA_SESSION_DAYS,
    bodyLimitBytes: e.REGIA_BODY_LIMIT_BYTES,
    importLimitBytes: e.REGIA_IMPORT_LIMIT_BYTES,
    secretKey: e.REGIA_SECRET_KEY,
    timezone: e.REGIA_TIMEZONE,
    resultRetentionDays: e.REGIA_RESULT_RETENTION_DAYS,
    checkConcurrency: e.REGIA_CHECK_CONCURRENCY,
    runsChecks: e.REGIA_RUN_CHECKS,
    notificationTimeoutMs: e.REGIA_NOTIFICATION_TIMEOUT_SECONDS * 1000,
  };
}
