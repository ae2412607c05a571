import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';

describeEachDialect('live check updates', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app?.close());

  it('streams state changes to a signed-in reader as server-sent events', async () => {
    const reader = await createUserWithToken(ctx, 'auditor');
    const port = (app.server.address() as AddressInfo).port;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/checks/stream`, {
      headers: reader.headers,
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const stream = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await stream.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil('event: hello');
    ctx.events.emit('check.stateChanged', {
      checkId: 7,
      fromState: 'up',
      toState: 'down',
      at: 1,
      message: 'connection refused',
      resultId: null,
    } as never);
    await readUntil('event: state');
    expect(text).toContain('"toState":"down"');
    controller.abort();
  });

  it('refuses an anonymous reader', async () => {
    expect((await app.inject({ url: '/api/v1/checks/stream' })).statusCode).toBe(401);
  });
});
