import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { type PendingResult, recordResults } from '../src/server/features/checks/result-recorder';
import { spreadOffset } from '../src/server/features/checks/schedule-queue';
import { cpuSecondsSince, describeMachine } from './measure';

/** What `npm run bench -- recorder ...` may be told. */
interface RecorderBenchOptions {
  checks: number;
  batch: number;
  batches: number;
  /** through Kysely's driver, as callers without the SQLite handle record */
  isKyselyOnly: boolean;
}

function parseRecorderOptions(args: string[]): RecorderBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      checks: { type: 'string', default: '10000' },
      batch: { type: 'string', default: '93' },
      batches: { type: 'string', default: '600' },
      'kysely-only': { type: 'boolean', default: false },
    },
    // `npm run bench` hands every benchmark the same options; the checks benchmark's are not ours.
    strict: false,
  });
  const whole = (name: string, text: unknown) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} wants a whole number`);
    return value;
  };
  return {
    checks: whole('checks', values.checks),
    batch: whole('batch', values.batch),
    batches: whole('batches', values.batches),
    isKyselyOnly: values['kysely-only'] === true,
  };
}

/**
 * The result recorder alone, without probes: batches of results of `--checks` HTTP checks every
 * 30 s, in the order the scheduler makes them, written to a fresh SQLite file as the check engine
 * writes them (93 results is what the buffer gathers in 250 ms at 10,000 checks). Far less noisy
 * than the checks benchmark, so it shows storage changes that the end-to-end ratio blurs.
 */
export async function runRecorderBenchmark(args: string[]): Promise<void> {
  const options = parseRecorderOptions(args);
  console.log(`recorder benchmark: ${describeMachine()}`);
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'regia-bench-'));
  const storage = connect(`sqlite://${path.join(folder, 'regia.db')}`);
  try {
    await migrateToLatest(storage);
    const ids: number[] = [];
    for (let first = 1; first <= options.checks; first += 500) {
      const rows = [];
      for (let index = first; index < Math.min(first + 500, options.checks + 1); index += 1) {
        rows.push({
          name: `bench check ${index}`,
          kind: 'http',
          itemId: null,
          ownerTeamId: null,
          settings: '{"kind":"http","url":"http://127.0.0.1/"}',
          intervalSeconds: 30,
          cron: null,
          timeoutMs: 10_000,
          retries: 0,
          degradedAboveMs: null,
          isPaused: 0,
          locations: '["local"]',
          downQuorum: 1,
          pushTokenHash: null,
          createdAt: Date.now(),
          updatedAt: Date.now(),
        });
      }
      const inserted = await storage.db.insertInto('checks').values(rows).returning('id').execute();
      ids.push(...inserted.map((row) => row.id));
    }
    const runs = ids
      .map((id) => ({ id, offset: spreadOffset(id, 30_000) }))
      .sort((a, b) => a.offset - b.offset);
    const startedAt = Date.now();
    let made = 0;
    const nextResult = (): PendingResult => {
      const run = runs[made % runs.length]!;
      const plannedAt = startedAt + Math.floor(made / runs.length) * 30_000 + run.offset;
      made += 1;
      return {
        checkId: run.id,
        location: 'local',
        plannedAt,
        startedAt: plannedAt + 1,
        status: 'up',
        latencyMs: 1.5 + (made % 7),
        dnsMs: 0,
        connectMs: 0.4,
        tlsMs: null,
        firstByteMs: 0.8,
        message: 'HTTP 200 in 2 ms',
        details: { resolvedAddress: '127.0.0.1', newConnection: true, statusCode: 200, bodyBytes: 2 },
      };
    };
    const sqlite = options.isKyselyOnly ? undefined : storage.sqlite;
    const write = () =>
      recordResults(storage.db, storage.dialect, Array.from({ length: options.batch }, nextResult), {
        sqlite,
      });
    // A first full cycle, so the window sees steady state: every check has its state and buckets.
    while (made < options.checks) await write();
    const cpuBefore = process.cpuUsage();
    const windowStarted = performance.now();
    for (let batch = 0; batch < options.batches; batch += 1) await write();
    const cpuSeconds = cpuSecondsSince(cpuBefore);
    const results = options.batch * options.batches;
    console.log(
      `${results} results of ${options.checks} checks in transactions of ${options.batch}${options.isKyselyOnly ? ' (Kysely only)' : ''}: ${((cpuSeconds / results) * 1e6).toFixed(0)} CPU µs per result, ${((performance.now() - windowStarted) / options.batches).toFixed(1)} ms per transaction`,
    );
  } finally {
    await storage.close();
    await fs.rm(folder, { recursive: true, force: true });
  }
}
