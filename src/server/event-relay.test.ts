import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestContext } from '../../test/app';
import { createTestStorage, testDialects, testPostgresUrl } from '../../test/db';
import { connect, type Storage } from './db/connect';
import { type EventRelay, startEventRelay } from './event-relay';
import type { EventMap } from './events';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function record<K extends keyof EventMap>(ctx: ReturnType<typeof buildTestContext>, name: K): EventMap[K][] {
  const seen: EventMap[K][] = [];
  ctx.events.on(name, (event) => seen.push(event));
  return seen;
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await sleep(20);
}

// Two servers on one PostgreSQL schema, and a third Regia in another schema of the same database.
describe.skipIf(!testDialects.includes('postgres'))('the event relay between servers', () => {
  let first: Storage;
  let second: Storage;
  let elsewhere: Storage;
  const relays: EventRelay[] = [];
  beforeAll(async () => {
    first = await createTestStorage('postgres');
    const schema = await sql<{ schema: string }>`select current_schema() as schema`.execute(first.db);
    second = connect(testPostgresUrl, { searchPath: schema.rows[0]!.schema, poolSize: 2 });
    elsewhere = await createTestStorage('postgres');
  });
  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    await second?.close();
    await first?.close();
    await elsewhere?.close();
  });

  it("hands one server's events to the other, not back to itself, and not to another schema", async () => {
    const a = buildTestContext(first);
    const b = buildTestContext(second);
    const c = buildTestContext(elsewhere);
    for (const ctx of [a, b, c]) relays.push(await startEventRelay(ctx));
    const stateOnA = record(a, 'check.stateChanged');
    const stateOnB = record(b, 'check.stateChanged');
    const stateOnC = record(c, 'check.stateChanged');
    const degradedOnB = record(b, 'storage.degraded');
    const resultsOnB = record(b, 'check.result');
    const notifiedOnB = record(b, 'personal.notified');
    const maintenanceOnB = record(b, 'maintenance.changed');

    const change = { checkId: 7, fromState: 'up', toState: 'down', at: 1000, message: 'refused' } as const;
    a.events.emit('check.stateChanged', change);
    a.events.emit('storage.degraded', { error: 'disk full', at: 1000 });
    // Many results in one burst travel in several payloads under PostgreSQL's size limit.
    const burst = Array.from({ length: 300 }, (_, i) => ({
      checkId: i,
      status: 'up' as const,
      at: 2000 + i,
      latencyMs: 12,
      message: `HTTP 200 ${'x'.repeat(40)}`,
    }));
    for (const result of burst) a.events.emit('check.result', result);
    // A notification written on one server reaches the person's bell open on another.
    a.events.emit('personal.notified', { userIds: [4, 9] });
    // A maintenance window planned on one server: the other reloads its calendar.
    a.events.emit('maintenance.changed', { windowId: 7 });

    await until(() => stateOnB.length === 1 && resultsOnB.length === burst.length);
    expect(stateOnB).toEqual([change]);
    expect(resultsOnB).toEqual(burst);
    await until(() => notifiedOnB.length === 1);
    expect(notifiedOnB).toEqual([{ userIds: [4, 9] }]);
    await until(() => maintenanceOnB.length === 1);
    expect(maintenanceOnB).toEqual([{ windowId: 7 }]);
    await sleep(300);
    // A emitted it once itself; nothing came back; the other schema heard nothing; local-only stays local.
    expect(stateOnA).toEqual([change]);
    expect(stateOnC).toEqual([]);
    expect(degradedOnB).toEqual([]);
    expect(stateOnB).toHaveLength(1);
  });
});
