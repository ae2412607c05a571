import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { buildTestContext } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/targets/webhook-receiver';
import type { AppContext } from '../../context';
import { updateOutboundPolicy } from '../settings/outbound-policy.service';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';
import {
  allowLoopbackWebhooks,
  buildEvent,
  createRuleFor,
  createWebhookChannel,
  queue,
  system,
} from './notifications.test-support';

// Short timings so the whole story of retries plays out in a couple of seconds.
const fast: DeliveryWorkerOptions = {
  pollIntervalMs: 30,
  timeoutMs: 400,
  backoff: { baseMs: 60, maxMs: 300, retryAfterCapMs: 1500, maxAttempts: 8 },
};

async function until<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect(
  'delivering the outbox',
  (storage) => {
    let ctx: AppContext;
    let receiver: WebhookReceiver;
    let other: WebhookReceiver;
    const workers: DeliveryWorker[] = [];

    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      other = await startWebhookReceiver();
    });
    afterAll(async () => {
      await receiver.close();
      await other.close();
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((worker) => worker.stop()));
      receiver.requests.length = 0;
      other.requests.length = 0;
      receiver.script([]);
      receiver.setDefault({ status: 200 });
      other.setDefault({ status: 200 });
    });

    async function setUp() {
      // Real time: the worker stores and compares epoch ms.
      ctx = buildTestContext(storage(), { now: () => Date.now() });
      await allowLoopbackWebhooks(ctx);
    }

    function startWorker(options: DeliveryWorkerOptions = {}) {
      const worker = new DeliveryWorker(ctx, { ...fast, ...options });
      workers.push(worker);
      worker.start();
      return worker;
    }

    const rowOf = (id: number) =>
      ctx.db.selectFrom('notificationOutbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const attemptsOf = (id: number) =>
      ctx.db
        .selectFrom('notificationAttempts')
        .selectAll()
        .where('outboxId', '=', id)
        .orderBy('id')
        .execute();
    const rowsOf = (channelId: number) =>
      ctx.db
        .selectFrom('notificationOutbox')
        .selectAll()
        .where('channelId', '=', channelId)
        .orderBy('id')
        .execute();

    it('retries through 500, 429 with Retry-After and a hang, then delivers once and never again', async () => {
      await setUp();
      const channel = await createWebhookChannel(ctx, receiver.url());
      await createRuleFor(ctx, [channel.id]);
      receiver.script([
        { status: 500, body: 'boom' },
        { status: 429, headers: { 'retry-after': '1' } },
        { hang: true },
        { status: 200 },
      ]);
      const event = buildEvent();
      await queue(ctx, event);
      const [row] = await rowsOf(channel.id);
      startWorker();

      const delivered = await until(
        () => rowOf(row!.id),
        (value) => value.status !== 'pending',
      );
      expect(delivered).toMatchObject({
        status: 'delivered',
        attempts: 4,
        leaseOwner: null,
        lastError: null,
      });
      const requests = receiver.requests;
      expect(requests).toHaveLength(4);
      expect(new Set(requests.map((request) => request.headers['idempotency-key']))).toEqual(
        new Set([event.key]),
      );
      // Retry-After: 1 is honoured (the backoff alone would wait at most 300 ms).
      expect(requests[2]!.receivedAt - requests[1]!.receivedAt).toBeGreaterThanOrEqual(950);
      // The hang ends at the timeout, and the next try follows after a backoff.
      expect(requests[3]!.receivedAt - requests[2]!.receivedAt).toBeGreaterThanOrEqual(400);

      const attempts = await attemptsOf(row!.id);
      expect(attempts.map((attempt) => [attempt.isSuccess, attempt.statusCode])).toEqual([
        [0, 500],
        [0, 429],
        [0, null],
        [1, 200],
      ]);
      expect(attempts[0]!.message).toBe('HTTP 500: boom');
      expect(attempts[2]!.message).toMatch(/no answer within 400 ms/);

      await sleep(400);
      expect(receiver.requests).toHaveLength(4);
    });

    it('marks a delivery dead after the last try, and sends nothing more', async () => {
      await setUp();
      receiver.setDefault({ status: 503, body: 'down for good' });
      const channel = await createWebhookChannel(ctx, receiver.url());
      await createRuleFor(ctx, [channel.id]);
      await queue(ctx, buildEvent());
      const [row] = await rowsOf(channel.id);
      startWorker({ backoff: { baseMs: 20, maxMs: 40, retryAfterCapMs: 100, maxAttempts: 3 } });
      const dead = await until(
        () => rowOf(row!.id),
        (value) => value.status !== 'pending',
      );
      expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 503: down for good' });
      await sleep(200);
      expect(receiver.requests).toHaveLength(3);
      expect(await attemptsOf(row!.id)).toHaveLength(3);
    });

    it('gives up at once on an answer that no retry can change (404) or an address the policy refuses', async () => {
      await setUp();
      receiver.setDefault({ status: 404 });
      const missing = await createWebhookChannel(ctx, receiver.url('/gone'));
      await createRuleFor(ctx, [missing.id]);
      await queue(ctx, buildEvent());
      startWorker();
      const [gone] = await until(
        () => rowsOf(missing.id),
        (rows) => rows[0]?.status !== 'pending',
      );
      expect(gone).toMatchObject({ status: 'dead', attempts: 1 });

      await updateOutboundPolicy(ctx, system, {
        probes: { allowLinkLocal: false, allowedCidrs: [], deniedCidrs: [] },
        webhooks: { allowedCidrs: [] },
      });
      const refused = await createWebhookChannel(ctx, other.url());
      await createRuleFor(ctx, [refused.id]);
      await queue(ctx, buildEvent());
      const [blocked] = await until(
        () => rowsOf(refused.id),
        (rows) => rows[0]?.status !== 'pending',
      );
      expect(blocked!.status).toBe('dead');
      expect(blocked!.lastError).toMatch(/refused range \(loopback\)/);
      expect(other.requests).toHaveLength(0);
    });

    it('does not let a hanging channel hold up another channel', async () => {
      await setUp();
      receiver.setDefault({ hang: true });
      const slow = await createWebhookChannel(ctx, receiver.url());
      const quick = await createWebhookChannel(ctx, other.url());
      await createRuleFor(ctx, [slow.id, quick.id]);
      // Three events fill the slow channel's lane (two at a time) and queue behind it.
      for (let i = 0; i < 3; i += 1) await queue(ctx, buildEvent());
      const started = Date.now();
      // The slow channel's tries hang for 3 s; the quick channel must not wait for them.
      startWorker({ timeoutMs: 3000, perChannelConcurrency: 2 });
      await until(
        () => rowsOf(quick.id),
        (rows) => rows.every((row) => row.status === 'delivered'),
        2800,
      );
      expect(Date.now() - started).toBeLessThan(2500);
      expect(other.requests).toHaveLength(3);
      // The slow lane holds at most two tries at once.
      expect(receiver.requests.length).toBeLessThanOrEqual(2);
      expect((await rowsOf(slow.id)).every((row) => row.status === 'pending')).toBe(true);
    });

    it('delivers a row left leased by a killed process once its lease expires, and not before', async () => {
      await setUp();
      const channel = await createWebhookChannel(ctx, receiver.url());
      await createRuleFor(ctx, [channel.id]);
      const now = Date.now();
      await queue(ctx, buildEvent());
      await queue(ctx, buildEvent());
      const [expired, live] = await rowsOf(channel.id);
      await ctx.db
        .updateTable('notificationOutbox')
        .set({ leaseOwner: 'killed-process', leaseUntil: now - 1 })
        .where('id', '=', expired!.id)
        .execute();
      await ctx.db
        .updateTable('notificationOutbox')
        .set({ leaseOwner: 'killed-process', leaseUntil: now + 800 })
        .where('id', '=', live!.id)
        .execute();
      startWorker();
      await until(
        () => rowOf(expired!.id),
        (row) => row.status === 'delivered',
      );
      expect((await rowOf(live!.id)).status).toBe('pending');
      await until(
        () => rowOf(live!.id),
        (row) => row.status === 'delivered',
      );
      expect(Date.now()).toBeGreaterThanOrEqual(now + 800);
      expect(receiver.requests).toHaveLength(2);
    });

    it('lets two workers share one outbox and deliver each row exactly once', async () => {
      await setUp();
      const first = await createWebhookChannel(ctx, receiver.url());
      const second = await createWebhookChannel(ctx, receiver.url('/second'));
      await createRuleFor(ctx, [first.id, second.id]);
      const keys = new Set<string>();
      for (let i = 0; i < 15; i += 1) {
        const event = buildEvent();
        keys.add(event.key);
        await queue(ctx, event);
      }
      startWorker({ owner: 'server-a', perChannelConcurrency: 4 });
      startWorker({ owner: 'server-b', perChannelConcurrency: 4 });
      await until(
        async () => [...(await rowsOf(first.id)), ...(await rowsOf(second.id))],
        (rows) => rows.every((row) => row.status === 'delivered'),
      );
      await sleep(150);
      expect(receiver.requests).toHaveLength(30);
      const seen = receiver.requests.map(
        (request) => `${request.path} ${request.headers['idempotency-key']}`,
      );
      expect(new Set(seen).size).toBe(30);
      const attempts = await ctx.db.selectFrom('notificationAttempts').select('outboxId').execute();
      expect(attempts).toHaveLength(30);
    });
  },
  { fresh: true },
);
