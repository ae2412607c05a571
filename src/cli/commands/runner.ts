import { Command, InvalidArgumentError } from 'commander';
import type { Logger } from 'pino';
import { RemoteRunner, type RemoteRunnerOptions } from '../../server/features/runners/remote-runner';
import { runnerTokenPrefix } from '../../server/features/runners/runner-auth';
import { RunnerRequestError, RunnerUnreachableError } from '../../server/features/runners/runner-client';
import { createLogger } from '../../server/logger';
import { parseServerUrl } from '../api-client';
import { CliError, say } from '../support';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof logLevels)[number];

export interface StartRunnerOptions
  extends Pick<RemoteRunnerOptions, 'pollEveryMs' | 'flushEveryMs' | 'concurrency' | 'policy' | 'onRefused'> {
  server: string;
  /** `--token`, else REGIA_RUNNER_TOKEN */
  token: string | undefined;
  log: Logger;
  /** keep trying while the server cannot be reached (default true); aborting gives up */
  waitForServer?: boolean;
  signal?: AbortSignal;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function refusal(error: RunnerRequestError): CliError {
  return new CliError(
    `The server refused the runner token (${error.message}).\n` +
      'Check --token or REGIA_RUNNER_TOKEN: it must be the rr_… token shown when an admin registered the ' +
      'runner (POST /api/v1/runners), and the runner must not have been revoked.',
  );
}

/** Checks the options and builds the runner (not started). */
export function createRemoteRunner(options: StartRunnerOptions): RemoteRunner {
  const url = parseServerUrl(options.server);
  const token = options.token?.trim();
  if (!token) throw new CliError('Give the runner token with --token or the REGIA_RUNNER_TOKEN variable');
  if (!token.startsWith(runnerTokenPrefix)) {
    throw new CliError(
      `This is not a runner token: runner tokens start with ${runnerTokenPrefix} (rg_ tokens are for people). ` +
        'An admin registers a runner with POST /api/v1/runners and gets its token once.',
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    options.log.warn(
      { server: url.origin },
      'talking to the server over plain HTTP: the token and the check settings (with their credentials) travel ' +
        'in clear; use HTTPS in production',
    );
  }
  return new RemoteRunner({ ...options, server: url.toString(), token });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Starts a remote runner as `regia runner` does: the first fetch of its checks must succeed (a
 * refused token is a clear error; an unreachable server is retried with backoff). Answers null
 * when aborted before the server answered.
 */
export async function startRunner(options: StartRunnerOptions): Promise<RemoteRunner | null> {
  const runner = createRemoteRunner(options);
  let waitMs = 1000;
  for (;;) {
    try {
      await runner.start();
      return runner;
    } catch (error) {
      if (error instanceof RunnerRequestError && error.isRefusal) throw refusal(error);
      const isTransient =
        error instanceof RunnerUnreachableError || (error instanceof RunnerRequestError && error.isRetryable);
      if (!isTransient || options.waitForServer === false) {
        throw new CliError(
          `Cannot start the runner: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      options.log.warn(
        { err: (error as Error).message, retryInMs: waitMs },
        'the server does not answer yet',
      );
      await sleep(waitMs, options.signal);
      if (options.signal?.aborted) {
        await runner.stop(0);
        return null;
      }
      waitMs = Math.min(30_000, waitMs * 2);
    }
  }
}

/** `--location-check`: who the server says this runner is, and each check run once from here. */
async function locationCheck(options: StartRunnerOptions): Promise<void> {
  const runner = createRemoteRunner(options);
  let identity: Awaited<ReturnType<RemoteRunner['inspect']>>;
  try {
    identity = await runner.inspect();
  } catch (error) {
    if (error instanceof RunnerRequestError && error.isRefusal) throw refusal(error);
    throw new CliError(`Cannot reach the server: ${error instanceof Error ? error.message : String(error)}`);
  }
  say(`Runner "${identity.name}" (id ${identity.id}) at location ${identity.location}: token accepted.`);
  const runs = await runner.runOnce();
  await runner.stop(0);
  if (runs.length === 0) say(`No check lists the location ${identity.location} yet.`);
  for (const { check, result } of runs) {
    const target =
      'url' in check.settings ? check.settings.url : 'host' in check.settings ? check.settings.host : '';
    say(
      `  check ${check.id} ${check.settings.kind} ${target}: ${result.status} in ${Math.round(result.latencyMs)} ms` +
        `${result.message ? ` (${result.message})` : ''}`,
    );
  }
}

function logLevelOf(value: string | undefined): LogLevel {
  return (logLevels as readonly string[]).includes(value ?? '') ? (value as LogLevel) : 'info';
}

function positiveSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 5 || number > 3600)
    throw new InvalidArgumentError('a whole number of seconds, 5 to 3600');
  return number;
}

export interface RunnerCommandOptions {
  server: string;
  token?: string;
  locationCheck?: boolean;
  pollSeconds: number;
}

/**
 * What `regia runner` does once its options are read: run until `stop` is aborted (SIGTERM,
 * SIGINT, or the token refused later), then stop scheduling and send what is pending within 10 s.
 */
export async function runRunnerCommand(
  opts: RunnerCommandOptions,
  io: { log: Logger; stop: AbortController; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const { log, stop } = io;
  const options: StartRunnerOptions = {
    server: opts.server,
    token: opts.token ?? (io.env ?? process.env).REGIA_RUNNER_TOKEN,
    log,
    pollEveryMs: opts.pollSeconds * 1000,
    signal: stop.signal,
    onRefused: () => {
      process.exitCode = 1;
      stop.abort();
    },
  };
  if (opts.locationCheck) {
    await locationCheck(options);
    return;
  }
  const runner = await startRunner(options);
  if (!runner) return;
  await new Promise<void>((resolve) => {
    if (stop.signal.aborted) resolve();
    else stop.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  log.info('stopping: finishing runs and sending pending results');
  const { unsent } = await runner.stop(10_000);
  if (unsent > 0) log.error({ unsent }, 'results not sent before the deadline are lost');
  else log.info('runner stopped');
}

/** `regia runner`: runs the checks of one location and reports to a Regia server over HTTP(S). */
export function runnerCommand(): Command {
  return new Command('runner')
    .summary('Run checks from another network or location for a Regia server')
    .description(
      "Run the checks that list this runner's location and report their results to a Regia server over HTTP " +
        '(use HTTPS in production: check settings carry credentials). An admin registers the runner with ' +
        'POST /api/v1/runners { name, location } and gets its rr_… token once. Definitions are fetched again ' +
        'every 30 s; results are kept and sent again while the server is unreachable. Stops gracefully on ' +
        'SIGTERM/SIGINT. Logs JSON (pretty in a terminal); REGIA_LOG_LEVEL sets the level.',
    )
    .requiredOption('--server <url>', 'the Regia server, e.g. https://regia.example.com')
    .option('--token <token>', 'the runner token (rr_…); default: REGIA_RUNNER_TOKEN')
    .option('--location-check', 'check the token and this location: run each check once, print, and exit')
    .option('--poll-seconds <seconds>', 'how often the check definitions are fetched', positiveSeconds, 30)
    .action(async (opts: RunnerCommandOptions) => {
      const log = createLogger({ logLevel: logLevelOf(process.env.REGIA_LOG_LEVEL) });
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      try {
        await runRunnerCommand(opts, { log, stop });
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
    });
}
