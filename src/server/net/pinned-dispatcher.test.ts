import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsTarget, startDnsTarget } from '../../../test/targets/dns-target';
import { type HttpTarget, startHttpTarget } from '../../../test/targets/http-target';
import { probePolicy, webhookPolicy } from './address-policy';
import { OutboundError } from './outbound-error';
import {
  allowedSchemes,
  checkScheme,
  connectPinned,
  createPinnedAgent,
  createTrace,
} from './pinned-dispatcher';

describe('pinned dispatcher', () => {
  let target: HttpTarget;
  let dns: DnsTarget;
  beforeAll(async () => {
    target = await startHttpTarget({ '/ok': { body: 'OK' } });
    dns = await startDnsTarget({
      'hooks.test': { A: ['127.0.0.1'] },
      'rebind.test': { A: ['169.254.169.254'] },
    });
  });
  afterAll(() => Promise.all([target.close(), dns.close()]));

  it('gives webhooks an agent that refuses private targets, in any encoding', async () => {
    const agent = createPinnedAgent({ policy: webhookPolicy, timeoutMs: 1000 });
    try {
      for (const host of ['127.0.0.1', '0x7f.1', '[::ffff:127.0.0.1]', 'localhost']) {
        const url = `http://${host}:${target.port}/ok`;
        const error = await request(url, { dispatcher: agent }).catch((caught: unknown) => caught);
        expect(error, host).toBeInstanceOf(OutboundError);
        expect((error as OutboundError).code).toBe('address_refused');
      }
    } finally {
      await agent.close();
    }
  });

  it('resolves through the chosen resolver, connects to the checked address and keeps the Host header', async () => {
    const agent = createPinnedAgent({ policy: probePolicy, resolver: dns.address, timeoutMs: 1000 });
    try {
      const response = await request(`http://hooks.test:${target.port}/ok`, { dispatcher: agent });
      expect(response.statusCode).toBe(200);
      expect(await response.body.text()).toBe('OK');
      expect(target.requests.at(-1)?.headers.host).toBe(`hooks.test:${target.port}`);
      const refused = await request(`http://rebind.test:${target.port}/ok`, { dispatcher: agent }).catch(
        (e: unknown) => e,
      );
      expect((refused as Error).message).toBe(
        "'rebind.test' resolves to 169.254.169.254, which is in a refused range (cloud metadata)",
      );
    } finally {
      await agent.close();
    }
  });

  it('tries the next checked address when one refuses, and records the timings', async () => {
    const trace = createTrace();
    const socket = await connectPinned(
      { hostname: 'twin.test', port: target.port, tls: false },
      {
        policy: probePolicy,
        timeoutMs: 1000,
        trace,
        resolved: {
          host: 'twin.test',
          address: '127.0.0.2',
          family: 4,
          addresses: [
            { address: '127.0.0.2', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ],
          isLiteral: false,
          durationMs: 1,
        },
      },
    );
    socket.destroy();
    expect(trace).toMatchObject({ resolvedAddress: '127.0.0.1', connections: 1, phase: 'headers' });
    expect(trace.connectMs).toBeGreaterThan(0);
  });

  it('allows only the schemes of each kind', () => {
    expect(() => checkScheme(new URL('https://a.example/'), allowedSchemes.httpProbe)).not.toThrow();
    expect(() => checkScheme(new URL('file:///etc/passwd'), allowedSchemes.httpProbe)).toThrow(
      'file URLs are refused (http and https only)',
    );
    expect(() => checkScheme(new URL('gopher://a.example/'), allowedSchemes.webhook)).toThrow(OutboundError);
  });
});
