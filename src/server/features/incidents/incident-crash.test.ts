import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestContext } from '../../../../test/app';
import { insertTestCheck } from '../../../../test/checks';
import { freePort, killHard, sleep, startServerProcess } from '../../../../test/server-process';
import { type HttpTarget, startHttpTarget } from '../../../../test/targets/http-target';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/targets/webhook-receiver';
import { connect } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { SecretBox } from '../../secret-box';
import { createItem } from '../inventory/inventory.service';
import {
  allowLoopbackWebhooks,
  createRuleFor,
  createWebhookChannel,
} from '../notifications/notifications.test-support';

const system = { userId: null, label: 'test' };
const secretKey = Buffer.alloc(32, 9);

async function readOutbox(file: string) {
  const storage = connect(`sqlite://${file}`);
  try {
    const outbox = await storage.db
      .selectFrom('notificationOutbox')
      .select(['idempotencyKey', 'status', 'eventKind'])
      .orderBy('id')
      .execute();
    const incidents = await storage.db.selectFrom('incidents').select(['id', 'itemId', 'state']).execute();
    return { outbox, incidents };
  } finally {
    await storage.close();
  }
}

// The real server, killed with SIGKILL after a state change was committed (with its incident and
// its notifications) but before the receiver ever answered; then started again.
describe('a server killed between a state change and the delivery of its notifications', () => {
  let dir: string;
  let target: HttpTarget;
  let receiver: WebhookReceiver;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regia-crash-notify-'));
    target = await startHttpTarget({ '/': { status: 500, body: 'broken' } });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    if (server) await killHard(server);
    await target?.close();
    await receiver?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers after the restart, keeps one incident, alerts nothing new, and repeats the idempotency key', async () => {
    const file = path.join(dir, 'regia.db');
    const setup = connect(`sqlite://${file}`);
    await migrateToLatest(setup);
    const ctx = buildTestContext(setup, { secrets: new SecretBox(secretKey) });
    await allowLoopbackWebhooks(ctx);
    const item = await createItem(ctx, system, { kind: 'application', name: 'ERP', criticality: 1 });
    const checkId = await insertTestCheck(setup.db, {
      intervalSeconds: 1,
      settings: { kind: 'http', url: target.url('/') },
    });
    await setup.db.updateTable('checks').set({ itemId: item.id }).where('id', '=', checkId).execute();
    const channel = await createWebhookChannel(ctx, receiver.url('/hook'));
    await createRuleFor(ctx, [channel.id], { events: ['check.down', 'incident.opened'] });
    await setup.close();

    // Every delivery hangs until the kill: committed, sent, never acknowledged.
    receiver.setDefault({ hang: true });
    const env = {
      REGIA_SECRET_KEY: secretKey.toString('hex'),
      REGIA_NOTIFICATION_TIMEOUT_SECONDS: '1',
    };
    const port = await freePort();
    server = await startServerProcess(dir, port, env);
    await receiver.waitForRequests(2, 20_000);
    await killHard(server);

    const atKill = await readOutbox(file);
    expect(atKill.incidents).toEqual([{ id: expect.any(Number), itemId: item.id, state: 'open' }]);
    expect(atKill.outbox.map((row) => row.eventKind).sort()).toEqual(['check.down', 'incident.opened']);
    expect(atKill.outbox.every((row) => row.status !== 'delivered')).toBe(true);

    receiver.setDefault({ status: 200, body: 'ok' });
    server = await startServerProcess(dir, port, env);
    // The sends cut off by the kill are leased for 3 × 1 s + 5 s, then tried again.
    let after = atKill;
    for (let i = 0; i < 200 && !after.outbox.every((row) => row.status === 'delivered'); i += 1) {
      await sleep(100);
      after = await readOutbox(file);
    }
    await sleep(2500); // the check keeps failing: nothing new may be announced meanwhile
    await killHard(server);
    server = undefined;
    after = await readOutbox(file);

    expect(after.outbox.map((row) => row.status)).toEqual(['delivered', 'delivered']);
    // Still exactly one incident, and no new notification for the unchanged state.
    expect(after.incidents).toHaveLength(1);
    expect(after.outbox.map((row) => row.idempotencyKey)).toEqual(atKill.outbox.map((r) => r.idempotencyKey));
    // The receiver saw each fact at least twice (before and after the kill), always with its key,
    // so dropping repeats by key leaves exactly one of each.
    const keys = receiver.requests.map((request) => request.headers['idempotency-key']);
    expect(keys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
    expect(new Set(keys)).toEqual(new Set(atKill.outbox.map((row) => row.idempotencyKey)));
    expect(keys.length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
