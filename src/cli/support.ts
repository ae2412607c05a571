import fs from 'node:fs';
import { z } from 'zod';
import { type Config, loadConfig } from '../server/config';
import type { AppContext } from '../server/context';
import { type ConfigurationIssue, formatIssues } from '../server/features/configuration/configuration.yaml';
import { createLogger } from '../server/logger';
import { openContext } from '../server/main';
import { AppError } from '../shared/errors';

/** A failure the CLI reports in one line (plus details) and turns into an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Configuration from the environment (REGIA_DATA_DIR, DATABASE_URL, ...), as the server reads it. */
export function loadCliConfig(): Config {
  const config = loadConfig(process.env);
  // Commands talk to a person: only warnings and errors, unless a level was asked for.
  return process.env.REGIA_LOG_LEVEL ? config : { ...config, logLevel: 'warn' };
}

/** Opens the configured database (migrated), runs the work and always closes it. */
export async function withLocalContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadCliConfig();
  const ctx = await openContext(config, createLogger(config, { destination: process.stderr }));
  try {
    return await work(ctx);
  } finally {
    await ctx.storage.close();
  }
}

/** Prints a line for the person at the terminal (stdout: what the command produces). */
export function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Prints a side note on stderr, so stdout stays clean for what a script captures. */
export function note(text = ''): void {
  process.stderr.write(`${text}\n`);
}

/** Reads a file whole after checking its size, so a huge file is refused before it is read. */
export function readCappedFile(file: string, limitBytes: number): Buffer {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`Cannot read ${file}: no such file`);
  }
  if (size > limitBytes)
    throw new CliError(`${file} is ${size} bytes; the limit is ${limitBytes} (REGIA_IMPORT_LIMIT_BYTES)`);
  return fs.readFileSync(file);
}

function isIssueList(
  details: unknown,
): details is (Omit<ConfigurationIssue, 'line'> & { line?: number | null })[] {
  return (
    Array.isArray(details) &&
    details.every((d) => d && typeof d === 'object' && 'path' in d && 'message' in d)
  );
}

/** Turns any error into the text shown to the person and the exit code. */
export function describeError(error: unknown): { lines: string[]; exitCode: number } {
  if (error instanceof CliError)
    return { lines: [error.message, ...error.details], exitCode: error.exitCode };
  if (error instanceof AppError) {
    const details = isIssueList(error.details)
      ? formatIssues(
          error.details.map((issue) => ({
            path: issue.path,
            message: issue.message,
            line: issue.line ?? null,
          })),
        )
      : error.details === undefined
        ? ''
        : `  ${JSON.stringify(error.details)}`;
    return { lines: [error.message, ...(details ? [details] : [])], exitCode: 1 };
  }
  if (error instanceof z.ZodError) {
    return {
      lines: [
        'Invalid input',
        ...error.issues.map((issue) => `  ${issue.path.join('.') || '(value)'}: ${issue.message}`),
      ],
      exitCode: 1,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { lines: [message], exitCode: 1 };
}
