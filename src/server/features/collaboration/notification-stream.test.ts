import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { emitAfterCommit, runTransaction } from '../../after-commit';
import { maxStreamsPerUser } from './notification-stream.routes';
import { notifyUsers, type PersonalNotice } from './personal-notifications';

type Person = Awaited<ReturnType<typeof createUserWithToken>>;

/** An open event stream and the text read from it so far. */
interface OpenStream {
  status: number;
  text: () => string;
  /** waits until the text holds `needle`; false when it did not come within `timeoutMs` */
  waitFor: (needle: string, timeoutMs?: number) => Promise<boolean>;
  close: () => void;
}

describeEachDialect('the live notification bell', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  let baseUrl: string;
  const streams: OpenStream[] = [];
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await app?.close();
  });

  const openStream = async (headers: Record<string, string>): Promise<OpenStream> => {
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/api/v1/me/notifications/stream`, {
      headers,
      signal: controller.signal,
    });
    let text = '';
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    // Reads in the background, so that a wait can give up without losing a chunk.
    void (async () => {
      try {
        while (reader) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted by close()
      }
    })();
    const stream: OpenStream = {
      status: response.status,
      text: () => text,
      waitFor: async (needle, timeoutMs = 3000) => {
        const end = Date.now() + timeoutMs;
        while (!text.includes(needle) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        return text.includes(needle);
      },
      close: () => controller.abort(),
    };
    streams.push(stream);
    return stream;
  };

  const notice = (userIds: number[], actor: Person): PersonalNotice => ({
    userIds,
    kind: 'mention',
    entityType: 'incident',
    entityId: 1,
    title: 'Secret incident title',
    body: 'secret body',
    actorId: actor.user.id,
  });

  it("sends a person their new unread count, after commit, and nothing of others' notifications", async () => {
    const alice = await createUserWithToken(ctx, 'member');
    const bob = await createUserWithToken(ctx, 'member');
    const carol = await createUserWithToken(ctx, 'lead');
    const aliceStream = await openStream(alice.headers);
    const bobStream = await openStream(bob.headers);
    expect(aliceStream.status).toBe(200);
    expect(await aliceStream.waitFor('event: unread\ndata: {"unread":0}')).toBe(true);
    expect(await bobStream.waitFor('event: unread\ndata: {"unread":0}')).toBe(true);

    // A rolled-back notification announces nothing.
    await expect(
      runTransaction(ctx, async (trx) => {
        await notifyUsers(trx, notice([alice.user.id], carol));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // Committed: Alice's bell hears her count; the event waits for the commit.
    let seenInsideTransaction = true;
    await runTransaction(ctx, async (trx) => {
      await notifyUsers(trx, notice([alice.user.id], carol));
      await new Promise((r) => setTimeout(r, 100));
      seenInsideTransaction = aliceStream.text().includes('{"unread":1}');
    });
    expect(seenInsideTransaction).toBe(false);
    expect(await aliceStream.waitFor('event: unread\ndata: {"unread":1}')).toBe(true);
    expect(aliceStream.text()).not.toContain('{"unread":2}');

    // Bob heard nothing: no count, no id, no title.
    expect(await bobStream.waitFor('{"unread":1}', 300)).toBe(false);
    expect(bobStream.text().match(/event: unread/g)).toHaveLength(1);
    expect(bobStream.text()).not.toContain(String(alice.user.id));
    expect(bobStream.text()).not.toContain('Secret');
    expect(aliceStream.text()).not.toContain('Secret');

    await runTransaction(ctx, async (trx) => notifyUsers(trx, notice([bob.user.id], carol)));
    expect(await bobStream.waitFor('event: unread\ndata: {"unread":1}')).toBe(true);

    // Reading in another tab lowers the count on every open bell of that person.
    const read = await app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read-all',
      headers: bob.headers,
    });
    expect(read.json()).toEqual({ marked: 1 });
    expect(await bobStream.waitFor('{"unread":1}\n\nevent: unread\ndata: {"unread":0}')).toBe(true);
    aliceStream.close();
    bobStream.close();
  });

  it('refuses a caller without a session, and a person holding too many streams', async () => {
    const anonymous = await app.inject({ url: '/api/v1/me/notifications/stream' });
    expect(anonymous.statusCode).toBe(401);

    const dave = await createUserWithToken(ctx, 'auditor');
    const open: OpenStream[] = [];
    for (let i = 0; i < maxStreamsPerUser; i += 1) open.push(await openStream(dave.headers));
    expect(open.map((stream) => stream.status)).toEqual(open.map(() => 200));
    const tooMany = await openStream(dave.headers);
    expect(tooMany.status).toBe(429);
    // A closed stream frees its place.
    open[0]!.close();
    let again: OpenStream | undefined;
    for (let attempt = 0; attempt < 50 && again?.status !== 200; attempt += 1) {
      await new Promise((r) => setTimeout(r, 20));
      again = await openStream(dave.headers);
    }
    expect(again?.status).toBe(200);
    for (const stream of [...open, again!]) stream.close();
  });

  it('refuses to queue an event on a transaction opened without runTransaction', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        emitAfterCommit(trx, 'personal.notified', { userIds: [1] });
      }),
    ).rejects.toThrow('runTransaction');
  });
});
