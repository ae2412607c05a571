import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { AppContext } from './context';
import { connect, redactDatabaseUrl } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { EventBus } from './events';
import { installReactions } from './features/reactions';
import { startJobs, stopJobs } from './jobs/jobs';
import { createLogger } from './logger';
import { createReactions } from './reactions';
import { loadSecretKey, SecretBox } from './secret-box';

/** Opens the configured database, applies pending migrations and returns the context services need. */
export async function openContext(config: Config, log: Logger): Promise<AppContext> {
  log.info({ database: redactDatabaseUrl(config.databaseUrl) }, 'opening database');
  const storage = connect(config.databaseUrl);
  try {
    const applied = await migrateToLatest(storage);
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  } catch (error) {
    await storage.close();
    throw error;
  }
  const ctx: AppContext = {
    db: storage.db,
    dialect: storage.dialect,
    storage,
    config,
    log,
    now: () => Date.now(),
    events: new EventBus(),
    secrets: new SecretBox(loadSecretKey(config.dataDir, config.secretKey)),
    reactions: createReactions(),
  };
  await installReactions(ctx);
  return ctx;
}

/** The built web client: beside the bundle (dist/regia.js → dist/client) or, from sources, in dist/client. */
function findClientDir(): string {
  const candidates = [
    path.resolve(import.meta.dirname, 'client'),
    path.resolve(import.meta.dirname, '../../dist/client'),
  ];
  // When neither exists the server still runs and says on every page how to build the client.
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

/** The one-time setup code, boxed on stderr so it stands out and never enters the JSON log. */
export function formatSetupBox(url: string, code: string): string {
  const lines = [
    `First-run setup: open ${url} and enter the code ${code}`,
    'The code is valid until this process stops.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  return ['', border, ...lines.map((line) => `| ${line.padEnd(width)} |`), border, ''].join('\n');
}

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  /** the address actually listened on (PORT=0 picks a free port) */
  url: string;
  /** stops accepting, finishes requests in flight, stops jobs, closes the database */
  close(): Promise<void>;
}

export interface StartOptions {
  /** install SIGTERM/SIGINT handlers that close and exit (default true) */
  handleSignals?: boolean;
  log?: Logger;
}

/** Starts Regia: database, migrations, HTTP server, background jobs, graceful shutdown on signals. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config);
  const ctx = await openContext(config, log);
  // Loaded here, not at the top: the CLI imports this file, and its other commands start faster without Fastify.
  const { buildApp } = await import('./app');
  const { app, setupGate } = await buildApp({ ctx, clientDir: findClientDir() });
  const setupCode = await setupGate.open(ctx);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await ctx.storage.close();
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  if (setupCode) process.stderr.write(`${formatSetupBox(config.publicUrl ?? url, setupCode)}\n`);
  const jobs = await startJobs(ctx);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await stopJobs(jobs);
      await ctx.storage.close();
    })();
    return closing;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      if (closing) {
        log.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      log.info({ signal }, 'shutting down: finishing requests in flight');
      close().then(
        () => {
          log.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { app, ctx, url, close };
}
