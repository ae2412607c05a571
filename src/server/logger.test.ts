import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture(isPretty: boolean) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { log: createLogger({ logLevel: 'info' }, { destination: stream, isPretty }), read: () => text };
}

describe('logger', () => {
  it('writes JSON lines and never writes credentials', () => {
    const { log, read } = capture(false);
    log.info(
      {
        req: { headers: { authorization: 'Bearer rg_secret', cookie: 'regia_session=abc' } },
        res: { headers: { 'set-cookie': 'regia_session=def' } },
        body: { email: 'a@b.test', password: 'hunter2-hunter2' },
        created: { token: 'rg_other_secret' },
      },
      'request',
    );
    const line = JSON.parse(read().trim());
    expect(line.msg).toBe('request');
    expect(line.body.email).toBe('a@b.test');
    for (const secret of ['rg_secret', 'abc', 'def', 'hunter2', 'rg_other_secret'])
      expect(read()).not.toContain(secret);
  });

  it('is readable in a terminal, and redacts there too', () => {
    const { log, read } = capture(true);
    log.warn({ body: { password: 'hunter2-hunter2' } }, 'careful');
    expect(read()).toContain('careful');
    expect(read()).not.toContain('hunter2');
    expect(read()).not.toMatch(/^\{/);
  });
});
