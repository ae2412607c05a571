import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config';

/** Paths pino blanks out of every log line: credentials never reach the logs. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

export interface LoggerOptions {
  /** where lines go; default stdout */
  destination?: NodeJS.WritableStream;
  /** force pretty (true) or JSON (false); default: pretty when the destination is a terminal */
  isPretty?: boolean;
}

/** The process logger: JSON for machines, pretty in a terminal, with secrets redacted either way. */
export function createLogger(config: Pick<Config, 'logLevel'>, options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stdout;
  const isTerminal = 'isTTY' in destination && Boolean(destination.isTTY);
  const base = { level: config.logLevel, redact: { paths: redactedPaths, censor: '[redacted]' } };
  if (options.isPretty ?? isTerminal) {
    // In-process and synchronous (no worker thread), so the last lines are out before exit.
    return pino(
      base,
      pretty({ destination, sync: true, colorize: isTerminal, translateTime: 'SYS:HH:MM:ss.l' }),
    );
  }
  return pino(base, destination);
}
