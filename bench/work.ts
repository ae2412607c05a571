import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { connect, type Db, type Dialect, type Storage } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { addDays, startOfLocalDay } from '../src/shared/domain/calendar-dates';
import { buildTestApp } from '../test/app';
import { describeMachine, percentile, sampleMemory } from './measure';
import * as bare from './work-baselines';
import { seedWork, type WorkWorld } from './work-seed';

const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';
const dayMs = 86_400_000;

/** What `npm run bench -- work ...` may be told. */
interface WorkBenchOptions {
  sizes: number[];
  runs: number;
  warmup: number;
  dialects: Dialect[];
  postgresUrl: string;
  /** only the views whose name contains this text */
  only: string | undefined;
  /** without the indexes of migration 0009, to measure what they bring */
  isWithoutWorkIndexes: boolean;
}

// Migration 0009_work_indexes; `--without-work-indexes` drops them after migrating.
const workIndexes = ['work_items_team_due_order', 'work_items_state_order', 'work_items_team_priority'];

function parseWorkOptions(args: string[]): WorkBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      items: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      dialect: { type: 'string', default: 'sqlite,postgres' },
      'postgres-url': { type: 'string', default: process.env.REGIA_BENCH_DATABASE_URL ?? defaultPostgresUrl },
      view: { type: 'string' },
      'without-work-indexes': { type: 'boolean', default: false },
    },
    // `npm run bench` hands every benchmark the same options; the others' are not ours.
    strict: false,
  });
  const sizes = String(values.items)
    .split(',')
    .map((text) => Number(text.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 100))
    throw new Error(
      `--items wants whole numbers of at least 100, separated by commas, not '${values.items}'`,
    );
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0)
    throw new Error('--runs wants a whole number above 0, --warmup one of 0 or more');
  const dialects = String(values.dialect).split(',') as Dialect[];
  if (dialects.some((dialect) => dialect !== 'sqlite' && dialect !== 'postgres'))
    throw new Error(`--dialect wants sqlite, postgres or both, not '${values.dialect}'`);
  const only = typeof values.view === 'string' ? values.view : undefined;
  return {
    sizes,
    runs,
    warmup,
    dialects,
    postgresUrl: String(values['postgres-url']),
    only,
    isWithoutWorkIndexes: values['without-work-indexes'] === true,
  };
}

/** One view: the request the client makes, and the bare query behind it. */
interface View {
  name: string;
  url: string;
  /** what the answer shows, in the baseline's terms ("50/7000": rows / total) */
  describe(body: string): string;
  baseline(db: Db): Promise<string>;
}

interface Timing {
  name: string;
  regiaMs: number[];
  bareMs: number[];
  regiaSays: string;
  bareSays: string;
  /** the process's peak resident memory while the view was timed */
  peakRssMb: number;
}

/**
 * Work views of one team with `--items` work items (10,000 by default), on SQLite and PostgreSQL:
 * each timed through the Fastify app (`app.inject`: routing, auth, validation, the service, the
 * response schema, JSON), against the bare query returning the same rows, in the same process.
 */
export async function runWorkBenchmark(args: string[]): Promise<void> {
  const options = parseWorkOptions(args);
  console.log(`work benchmark: ${describeMachine()}`);
  console.log(
    `${options.runs} timed runs of each view after ${options.warmup} warm-up runs; Regia and bare alternate`,
  );
  for (const size of options.sizes) {
    for (const dialect of options.dialects) {
      const memory = sampleMemory();
      const storage = await openStorage(dialect, options.postgresUrl);
      try {
        const seedStarted = performance.now();
        const { app, ctx } = await buildTestApp(storage);
        try {
          const world = await seedWork(ctx, size);
          if (options.isWithoutWorkIndexes) {
            for (const index of workIndexes) await sql`drop index ${sql.raw(index)}`.execute(storage.db);
          }
          // Fresh rows: let the planner see them, as autovacuum would soon after a bulk load.
          if (dialect === 'postgres') await sql`ANALYZE`.execute(storage.db);
          console.log(
            `\n— ${dialect}, ${size.toLocaleString('en')} items in the team${options.isWithoutWorkIndexes ? ', WITHOUT the 0009 indexes' : ''} (seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`,
          );
          const dayStart = (date: string) => startOfLocalDay(date, ctx.config.timezone);
          const views = viewsOf(world, dialect, ctx.now(), dayStart).filter(
            (view) => options.only === undefined || view.name.includes(options.only),
          );
          const timings: Timing[] = [];
          for (const view of views) timings.push(await timeView(app, storage.db, world, view, options));
          printTable(timings);
        } finally {
          await app.close();
        }
      } finally {
        await storage.close();
        const peaks = memory.stop();
        console.log(
          `peak RSS ${(peaks.rss / 2 ** 20).toFixed(0)} MB (JS heap ${(peaks.heapUsed / 2 ** 20).toFixed(0)} MB)`,
        );
      }
    }
  }
  console.log(`\nfinished: ${describeMachine()}`);
}

/** A temp SQLite file (WAL, as the server runs it), or a PostgreSQL schema of its own dropped on close. */
async function openStorage(dialect: Dialect, postgresUrl: string): Promise<Storage> {
  if (dialect === 'sqlite') {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'regia-bench-'));
    const storage = connect(`sqlite://${path.join(folder, 'regia.db')}`);
    await migrateToLatest(storage);
    const close = storage.close;
    storage.close = async () => {
      await close();
      await fs.rm(folder, { recursive: true, force: true });
    };
    return storage;
  }
  const schema = `bench_work_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const storage = connect(postgresUrl, { searchPath: schema, poolSize: 10 });
  const close = storage.close;
  storage.close = async () => {
    await close();
    await admin(`DROP SCHEMA ${schema} CASCADE`);
  };
  try {
    await migrateToLatest(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

function viewsOf(
  world: WorkWorld,
  dialect: Dialect,
  now: number,
  dayStart: (date: string) => number,
): View[] {
  const windowEnd = (to: string) => dayStart(addDays(to, 1));
  const team = world.teamId;
  const list = (query: string) => `/api/v1/work-items?${query}`;
  const page = (body: string) => {
    const answer = JSON.parse(body) as { rows: unknown[]; total: number };
    return `${answer.rows.length}/${answer.total}`;
  };
  const today = world.today;
  const timelineFrom = addDays(today, -14);
  const timelineTo = addDays(timelineFrom, 119);
  // The calendar's grid: six weeks from the Monday on or before the first of the month.
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const weekday = (new Date(`${firstOfMonth}T00:00:00Z`).getUTCDay() + 6) % 7;
  const calendarFrom = addDays(firstOfMonth, -weekday);
  const calendarTo = addDays(calendarFrom, 41);
  const figuresFrom = addDays(today, -89);
  const requestsFrom = now - 90 * dayMs;
  const items = (body: string) => String((JSON.parse(body) as { items: unknown[] }).items.length);
  const open = (eb: bare.ItemFilter) => eb('workItems.category', '<>', 'done');
  return [
    {
      name: 'board, first page (25 per state)',
      url: `/api/v1/teams/${team}/board?perState=25`,
      describe: boardSays,
      baseline: (db) => bare.board(db, team, 25),
    },
    {
      name: 'board, show more (50 per state)',
      url: `/api/v1/teams/${team}/board?perState=50`,
      describe: boardSays,
      baseline: (db) => bare.board(db, team, 50),
    },
    {
      name: 'list, first page (by due date)',
      url: list(`teamId=${team}&pageSize=50`),
      describe: page,
      baseline: (db) =>
        bare.listPage(db, (eb) => eb.and([eb('workItems.teamId', '=', team)]), 'dueDate', {
          limit: 50,
          offset: 0,
        }),
    },
    {
      name: 'list, by priority',
      url: list(`teamId=${team}&pageSize=50&sort=priority`),
      describe: page,
      baseline: (db) =>
        bare.listPage(db, (eb) => eb.and([eb('workItems.teamId', '=', team)]), 'priority', {
          limit: 50,
          offset: 0,
        }),
    },
    {
      name: 'list, filtered (open, label)',
      url: list(`teamId=${team}&isOpen=true&label=${world.label}&pageSize=50`),
      describe: page,
      baseline: (db) =>
        bare.listPage(
          db,
          (eb) =>
            eb.and([
              eb('workItems.teamId', '=', team),
              open(eb),
              eb.exists(
                eb
                  .selectFrom('workItemLabels')
                  .select('workItemLabels.workItemId')
                  .whereRef('workItemLabels.workItemId', '=', 'workItems.id')
                  .where('workItemLabels.label', '=', world.label),
              ),
            ]),
          'dueDate',
          { limit: 50, offset: 0 },
        ),
    },
    {
      name: 'list, text search',
      url: list(`teamId=${team}&q=${world.word}&pageSize=50`),
      describe: page,
      baseline: (db) =>
        bare.listPage(
          db,
          (eb) =>
            eb.and([
              eb('workItems.teamId', '=', team),
              eb.or([
                eb(eb.fn('lower', ['workItems.title']), 'like', `%${world.word}%`),
                eb(eb.fn('lower', ['workItems.description']), 'like', `%${world.word}%`),
              ]),
            ]),
          'dueDate',
          { limit: 50, offset: 0 },
        ),
    },
    {
      name: 'list, page 150',
      url: list(`teamId=${team}&page=150&pageSize=50`),
      describe: page,
      baseline: (db) =>
        bare.listPage(db, (eb) => eb.and([eb('workItems.teamId', '=', team)]), 'dueDate', {
          limit: 50,
          offset: 149 * 50,
        }),
    },
    {
      name: 'my work',
      url: list('isMine=true&isOpen=true&pageSize=50'),
      describe: page,
      baseline: (db) =>
        bare.listPage(
          db,
          (eb) => eb.and([eb('workItems.assigneeId', '=', world.member.id), open(eb)]),
          'dueDate',
          {
            limit: 50,
            offset: 0,
          },
        ),
    },
    {
      name: 'timeline (120 days)',
      url: `/api/v1/teams/${team}/timeline?from=${timelineFrom}&to=${timelineTo}`,
      describe: items,
      baseline: (db) => bare.timeline(db, team, timelineFrom, timelineTo, windowEnd(timelineTo)),
    },
    {
      name: 'calendar month (42 days)',
      url: `/api/v1/teams/${team}/timeline?from=${calendarFrom}&to=${calendarTo}`,
      describe: items,
      baseline: (db) => bare.timeline(db, team, calendarFrom, calendarTo, windowEnd(calendarTo)),
    },
    {
      name: 'work figures (90 days)',
      url: `/api/v1/work/figures?teamId=${team}&from=${figuresFrom}&to=${today}`,
      describe: () => '-',
      baseline: async (db) => {
        await bare.figureRows(db, team, dayStart(figuresFrom), windowEnd(today));
        return '-';
      },
    },
    {
      name: 'request figures (90 days)',
      url: `/api/v1/requests/figures?teamId=${team}&from=${requestsFrom}&to=${now}`,
      describe: (body) => String((JSON.parse(body) as { submitted: number }).submitted),
      baseline: (db) => bare.requestRows(db, team, requestsFrom, now),
    },
    {
      name: 'CSV export (whole team)',
      url: `/api/v1/work-items/export?teamId=${team}`,
      // A header line; no field of the seeded items holds a line break.
      describe: (body) => String(body.trimEnd().split('\n').length - 1),
      baseline: (db) => bare.exportRows(db, team),
    },
    {
      name: 'team activity feed',
      url: `/api/v1/activity/teams/${team}?pageSize=50`,
      describe: page,
      baseline: (db) => bare.teamActivity(db, dialect, team, 50),
    },
  ];
}

function boardSays(body: string): string {
  const board = JSON.parse(body) as { columns: { itemCount: number; items: unknown[] }[] };
  return board.columns.map((column) => `${column.items.length}/${column.itemCount}`).join(' ');
}

async function timeView(
  app: FastifyInstance,
  db: Db,
  world: WorkWorld,
  view: View,
  options: WorkBenchOptions,
): Promise<Timing> {
  let regiaSays = '';
  let bareSays = '';
  const regia = async () => {
    const response = await app.inject({ url: view.url, headers: world.member.headers });
    if (response.statusCode !== 200)
      throw new Error(`${view.name}: HTTP ${response.statusCode} ${response.body.slice(0, 300)}`);
    return response.body;
  };
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  try {
    for (let run = 0; run < options.warmup; run += 1) {
      await regia();
      await view.baseline(db);
    }
  } catch (error) {
    // One failing view is a finding to print, not a reason to lose the others.
    const message = error instanceof Error ? error.message : String(error);
    return {
      name: view.name,
      regiaMs: [],
      bareMs: [],
      regiaSays: `FAILED: ${message.slice(0, 120)}`,
      bareSays: '',
      peakRssMb: 0,
    };
  }
  const regiaMs: number[] = [];
  const bareMs: number[] = [];
  const memory = sampleMemory();
  for (let run = 0; run < options.runs; run += 1) {
    // Alternating which goes first, so neither always finds the other's pages cached.
    const regiaRun = () => timed(async () => (regiaSays = view.describe(await regia())));
    const bareRun = () => timed(async () => (bareSays = await view.baseline(db)));
    if (run % 2 === 0) {
      regiaMs.push(await regiaRun());
      bareMs.push(await bareRun());
    } else {
      bareMs.push(await bareRun());
      regiaMs.push(await regiaRun());
    }
  }
  const peakRssMb = memory.stop().rss / 2 ** 20;
  return { name: view.name, regiaMs, bareMs, regiaSays, bareSays, peakRssMb };
}

function printTable(timings: Timing[]): void {
  const header = [
    'view',
    'Regia p50 ms',
    'p95 ms',
    'bare p50 ms',
    'p95 ms',
    'ratio',
    'RSS MB',
    'rows (Regia | bare)',
  ];
  const lines = timings.map((timing) => {
    const regia = percentile(timing.regiaMs, 0.5);
    const bareMedian = percentile(timing.bareMs, 0.5);
    const same =
      timing.regiaSays === timing.bareSays
        ? timing.regiaSays
        : `${timing.regiaSays} | ${timing.bareSays} DIFFER`;
    return [
      timing.name,
      regia.toFixed(1),
      percentile(timing.regiaMs, 0.95).toFixed(1),
      bareMedian.toFixed(1),
      percentile(timing.bareMs, 0.95).toFixed(1),
      (regia / bareMedian).toFixed(2),
      timing.peakRssMb.toFixed(0),
      same,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]!.length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === 7 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
}
