import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates, type TestCertificates } from '../../../../../test/targets/certificates';
import { type DnsTarget, startDnsTarget } from '../../../../../test/targets/dns-target';
import { type HttpTarget, startHttpTarget } from '../../../../../test/targets/http-target';
import {
  findClosedPort,
  type SocketTarget,
  startSocketTarget,
} from '../../../../../test/targets/socket-targets';
import { HttpCheckSettings } from '../../../../shared/contracts/check-kinds';
import { type AddressPolicy, probePolicy, webhookPolicy } from '../../../net/address-policy';
import { runHttpProbe } from './http.probe';
import type { ProbeOptions } from './probe-result';
import { closeSharedConnections } from './run-probe';

const options: ProbeOptions = { timeoutMs: 1500, policy: probePolicy };

function http(input: Partial<HttpCheckSettings> & { url: string }): HttpCheckSettings {
  return HttpCheckSettings.parse({ kind: 'http', ...input });
}

describe('http probe', () => {
  let target: HttpTarget;
  let silent: SocketTarget;
  let dns: DnsTarget;

  beforeAll(async () => {
    silent = await startSocketTarget('hold');
    target = await startHttpTarget({
      '/ok': { body: 'all systems OK' },
      '/broken': { status: 503, body: 'maintenance' },
      '/not-found': { status: 404, body: 'gone' },
      '/slow': { delayMs: 250, body: 'OK eventually' },
      '/trickle': { trickle: { bytes: 30, intervalMs: 1000 } },
      '/json': { body: JSON.stringify({ status: 'ok', code: 200, checks: [{ name: 'db', healthy: true }] }) },
      '/big': { body: `${'a'.repeat(300_000)}NEEDLE` },
      '/redos': { body: `${'a'.repeat(40)}!` },
      '/echo': {
        handle: (request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end(`${request.method} ${request.headers.authorization ?? '-'}`);
        },
      },
      '/hop': { redirectTo: '/ok' },
      '/loop': { redirectTo: '/loop' },
      '/post-redirect': { status: 303, redirectTo: '/echo' },
      '/to-metadata': { redirectTo: 'http://169.254.169.254/latest/meta-data/' },
      '/to-metadata-hex': { redirectTo: 'http://0xa9fea9fe/latest/meta-data/' },
      '/to-metadata-mapped': { redirectTo: 'http://[::ffff:169.254.169.254]/' },
      '/to-file': { redirectTo: 'file:///etc/passwd' },
      '/to-silent': { redirectTo: `http://127.0.0.1:${silent.port}/` },
      '/cut': {
        // Promises ten bytes, sends four and hangs up.
        handle: (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10' });
          response.write('half', () => response.socket?.destroy());
        },
      },
    });
    dns = await startDnsTarget({
      'metadata.test': { A: ['169.254.169.254'] },
      'app.test': { A: ['127.0.0.1'] },
    });
  });
  afterAll(async () => {
    await closeSharedConnections();
    await Promise.all([target.close(), silent.close(), dns.close()]);
  });

  it('is up on an expected status, with phases and details', async () => {
    const result = await runHttpProbe(http({ url: target.url('/ok') }), options);
    expect(result.status).toBe('up');
    expect(result.message).toMatch(/^HTTP 200 in \d+ ms$/);
    expect(result.details).toMatchObject({
      statusCode: 200,
      resolvedAddress: '127.0.0.1',
      newConnection: true,
    });
    expect(result.phases.dnsMs).toBe(0);
    expect(result.phases.connectMs).toBeGreaterThan(0);
    expect(result.phases.firstByteMs).toBeGreaterThan(0);
    expect(result.phases.totalMs).toBeGreaterThanOrEqual(result.phases.connectMs ?? 0);
    expect(result.latencyMs).toBe(result.phases.totalMs);
  });

  it('is down on an unexpected status and names what was expected', async () => {
    const result = await runHttpProbe(http({ url: target.url('/broken') }), options);
    expect(result).toMatchObject({ status: 'down', message: 'HTTP 503 (expected 200-399)' });
    const accepted = await runHttpProbe(
      http({ url: target.url('/not-found'), expectedStatus: [404, '500-599'] }),
      options,
    );
    expect(accepted.status).toBe('up');
  });

  it('checks a keyword, its absence and a regular expression', async () => {
    const url = target.url('/ok');
    expect((await runHttpProbe(http({ url, keyword: 'OK' }), options)).status).toBe('up');
    expect(await runHttpProbe(http({ url, keyword: 'FAIL' }), options)).toMatchObject({
      status: 'down',
      message: "keyword 'FAIL' not found",
    });
    expect(await runHttpProbe(http({ url, keyword: 'OK', keywordAbsent: true }), options)).toMatchObject({
      status: 'down',
      message: "keyword 'OK' found",
    });
    expect((await runHttpProbe(http({ url, regex: 'systems\\s+O[K]' }), options)).status).toBe('up');
    expect(await runHttpProbe(http({ url, regex: '^OK$' }), options)).toMatchObject({
      status: 'down',
      message: 'body does not match /^OK$/',
    });
  });

  it('bounds a pathological regular expression in time', async () => {
    const started = performance.now();
    const result = await runHttpProbe(http({ url: target.url('/redos'), regex: '^(a+)+$' }), options);
    expect(result).toMatchObject({ status: 'down', message: 'regular expression took too long' });
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('checks a JSON path: equality, presence and absence', async () => {
    const url = target.url('/json');
    const run = (jsonPath: HttpCheckSettings['jsonPath']) => runHttpProbe(http({ url, jsonPath }), options);
    expect((await run({ path: '$.status', equals: 'ok' })).status).toBe('up');
    expect((await run({ path: '$.code', equals: '200' })).status).toBe('up');
    expect((await run({ path: '$.checks[0].healthy', equals: true })).status).toBe('up');
    expect((await run({ path: '$.checks[0].name' })).status).toBe('up');
    expect(await run({ path: '$.status', equals: 'degraded' })).toMatchObject({
      status: 'down',
      message: 'JSON path $.status is "ok" (expected "degraded")',
    });
    expect(await run({ path: '$.checks[3].name' })).toMatchObject({
      status: 'down',
      message: 'JSON path $.checks[3].name not found',
    });
    expect(await run({ path: '$.error', exists: false })).toMatchObject({ status: 'up' });
    expect(await run({ path: '$.constructor', exists: true })).toMatchObject({ status: 'down' });
    const notJson = await runHttpProbe(
      http({ url: target.url('/ok'), jsonPath: { path: '$.status' } }),
      options,
    );
    expect(notJson).toMatchObject({ status: 'down', message: 'body is not valid JSON' });
  });

  it('caps the body it reads and evaluates what it read', async () => {
    const result = await runHttpProbe(http({ url: target.url('/big'), keyword: 'NEEDLE' }), {
      ...options,
      maxBodyBytes: 100_000,
    });
    expect(result).toMatchObject({
      status: 'down',
      message: "keyword 'NEEDLE' not found (in the part read before the size limit)",
      details: { bodyBytes: 100_000, bodyTruncated: true },
    });
    const whole = await runHttpProbe(http({ url: target.url('/big'), keyword: 'NEEDLE' }), options);
    expect(whole.status).toBe('up');
  });

  it('counts a body no assertion reads, up to the cap, to its end or to the deadline', async () => {
    const whole = await runHttpProbe(http({ url: target.url('/big') }), options);
    expect(whole).toMatchObject({ status: 'up', details: { bodyBytes: 300_006 } });
    expect(whole.details.bodyTruncated).toBeUndefined();
    const capped = await runHttpProbe(http({ url: target.url('/big') }), {
      ...options,
      maxBodyBytes: 100_000,
    });
    expect(capped).toMatchObject({ status: 'up', details: { bodyBytes: 100_000, bodyTruncated: true } });
    const trickle = await runHttpProbe(http({ url: target.url('/trickle') }), {
      ...options,
      timeoutMs: 1200,
    });
    expect(trickle).toMatchObject({ status: 'down', message: 'timed out after 1200 ms reading the body' });
    const cut = await runHttpProbe(http({ url: target.url('/cut') }), options);
    expect(cut).toMatchObject({
      status: 'down',
      message: 'connection closed by the server while reading the body',
    });
  });

  it('is degraded above the check threshold and down above maxLatencyMs', async () => {
    const degraded = await runHttpProbe(http({ url: target.url('/slow') }), {
      ...options,
      degradedAboveMs: 100,
    });
    expect(degraded.status).toBe('degraded');
    expect(degraded.message).toMatch(/^slow: \d+ ms \(degraded above 100 ms\)$/);
    const down = await runHttpProbe(http({ url: target.url('/slow'), maxLatencyMs: 100 }), options);
    expect(down.status).toBe('down');
    expect(down.message).toMatch(/^response took \d+ ms \(maximum 100 ms\)$/);
  });

  it('times out on a server that accepts and never answers, within the timeout', async () => {
    const started = performance.now();
    const result = await runHttpProbe(http({ url: `http://127.0.0.1:${silent.port}/` }), {
      ...options,
      timeoutMs: 500,
    });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ status: 'down', message: 'timed out after 500 ms waiting for headers' });
    expect(result.details.timedOut).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(800);
  });

  it('times out on a TLS server that never completes the handshake', async () => {
    const result = await runHttpProbe(http({ url: `https://127.0.0.1:${silent.port}/` }), {
      ...options,
      timeoutMs: 400,
    });
    expect(result).toMatchObject({
      status: 'down',
      message: 'timed out after 400 ms during the TLS handshake',
    });
  });

  it('ends a body that trickles one byte a second at the deadline', async () => {
    const started = performance.now();
    const result = await runHttpProbe(http({ url: target.url('/trickle'), keyword: 'x' }), {
      ...options,
      timeoutMs: 1200,
    });
    expect(result).toMatchObject({ status: 'down', message: 'timed out after 1200 ms reading the body' });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('is down with "connection refused" when nothing listens', async () => {
    const port = await findClosedPort();
    const result = await runHttpProbe(http({ url: `http://127.0.0.1:${port}/` }), options);
    expect(result).toMatchObject({
      status: 'down',
      message: 'connection refused',
      details: { errorCode: 'ECONNREFUSED' },
    });
  });

  it('is down when the server closes the connection without answering', async () => {
    const closing = await startSocketTarget('close');
    try {
      const result = await runHttpProbe(http({ url: `http://127.0.0.1:${closing.port}/` }), options);
      expect(result).toMatchObject({
        status: 'down',
        message: 'connection closed by the server before it answered',
      });
    } finally {
      await closing.close();
    }
  });

  it('refuses a cloud metadata address before connecting, in any encoding', async () => {
    for (const url of [
      'http://169.254.169.254/',
      'http://0xa9fea9fe/',
      'http://2852039166/',
      'http://[::ffff:a9fe:a9fe]/',
    ]) {
      const result = await runHttpProbe(http({ url }), options);
      expect(result, url).toMatchObject({
        status: 'down',
        message: 'address 169.254.169.254 is in a refused range (cloud metadata)',
        details: { addressRefused: true },
      });
    }
  });

  it('refuses a name that resolves to a refused address', async () => {
    const result = await runHttpProbe(http({ url: 'http://metadata.test/' }), {
      ...options,
      resolver: dns.address,
    });
    expect(result).toMatchObject({
      status: 'down',
      message: "'metadata.test' resolves to 169.254.169.254, which is in a refused range (cloud metadata)",
    });
    const allowed = await runHttpProbe(http({ url: `http://app.test:${target.port}/ok` }), {
      ...options,
      resolver: dns.address,
    });
    expect(allowed.status).toBe('up');
    expect(target.requests.at(-1)?.headers.host).toBe(`app.test:${target.port}`);
  });

  it('applies the policy it is given (a webhook policy refuses loopback)', async () => {
    const result = await runHttpProbe(http({ url: target.url('/ok') }), {
      ...options,
      policy: webhookPolicy,
    });
    expect(result).toMatchObject({
      status: 'down',
      message: 'address 127.0.0.1 is in a refused range (loopback)',
    });
  });

  it('follows redirects, re-checking every hop', async () => {
    const followed = await runHttpProbe(http({ url: target.url('/hop'), keyword: 'OK' }), options);
    expect(followed).toMatchObject({ status: 'up', details: { redirects: 1, statusCode: 200 } });
    const notFollowed = await runHttpProbe(
      http({ url: target.url('/hop'), followRedirects: false }),
      options,
    );
    expect(notFollowed).toMatchObject({ status: 'up', details: { statusCode: 302 } });
    expect(await runHttpProbe(http({ url: target.url('/loop') }), options)).toMatchObject({
      status: 'down',
      message: 'more than 5 redirects',
    });
  });

  it('refuses a redirect to a metadata address at the hop', async () => {
    const cases: [string, string][] = [
      ['/to-metadata', 'http://169.254.169.254/latest/meta-data/'],
      ['/to-metadata-hex', 'http://169.254.169.254/latest/meta-data/'],
      ['/to-metadata-mapped', 'http://[::ffff:a9fe:a9fe]/'],
    ];
    for (const [path, shown] of cases) {
      const result = await runHttpProbe(http({ url: target.url(path) }), options);
      expect(result, path).toMatchObject({
        status: 'down',
        message: `redirect to ${shown} refused: address 169.254.169.254 is in a refused range (cloud metadata)`,
        details: { addressRefused: true, redirects: 1 },
      });
    }
  });

  it('refuses a redirect to a scheme other than http and https', async () => {
    const result = await runHttpProbe(http({ url: target.url('/to-file') }), options);
    expect(result).toMatchObject({
      status: 'down',
      message: 'redirect to file:///etc/passwd refused: file URLs are refused (http and https only)',
    });
  });

  it('names the hop when a redirect target times out', async () => {
    const result = await runHttpProbe(http({ url: target.url('/to-silent') }), {
      ...options,
      timeoutMs: 400,
    });
    expect(result.message).toBe(
      `timed out after 400 ms waiting for headers (after redirect to http://127.0.0.1:${silent.port}/)`,
    );
  });

  it('turns a POST into a GET on 303 and keeps headers on the same origin', async () => {
    const result = await runHttpProbe(
      http({
        url: target.url('/post-redirect'),
        method: 'POST',
        body: 'payload',
        headers: { Authorization: 'Bearer secret' },
        keyword: 'GET Bearer secret',
      }),
      options,
    );
    expect(result.status).toBe('up');
  });

  it('drops secret headers on a redirect to another origin', async () => {
    const other = await startHttpTarget({ '/hop': { redirectTo: target.url('/echo') } });
    try {
      const result = await runHttpProbe(
        http({ url: other.url('/hop'), headers: { Authorization: 'Bearer secret' }, keyword: 'GET -' }),
        options,
      );
      expect(result.status).toBe('up');
    } finally {
      await other.close();
    }
  });

  it('opens a fresh connection per run, or reuses one when asked', async () => {
    const counted = await startHttpTarget({ '/ok': { body: 'OK' } });
    try {
      await runHttpProbe(http({ url: counted.url('/ok') }), options);
      await runHttpProbe(http({ url: counted.url('/ok') }), options);
      expect(counted.connectionCount()).toBe(2);
      const reuse = http({ url: counted.url('/ok'), reuseConnection: true });
      const first = await runHttpProbe(reuse, options);
      const second = await runHttpProbe(reuse, options);
      expect(counted.connectionCount()).toBe(3);
      expect(first.details.newConnection).toBe(true);
      expect(second.details.newConnection).toBe(false);
      expect(second.phases.connectMs).toBeUndefined();
      expect(second.status).toBe('up');
    } finally {
      await closeSharedConnections();
      await counted.close();
    }
  });

  it('still checks the policy on a reused connection', async () => {
    const strict: AddressPolicy = { ...probePolicy, allowLoopback: false };
    const result = await runHttpProbe(http({ url: target.url('/ok'), reuseConnection: true }), {
      ...options,
      policy: strict,
    });
    expect(result).toMatchObject({
      status: 'down',
      message: 'address 127.0.0.1 is in a refused range (loopback)',
    });
  });

  it('ends at once when the caller aborts, marked cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const result = await runHttpProbe(http({ url: `http://127.0.0.1:${silent.port}/` }), {
      ...options,
      signal: controller.signal,
    });
    expect(result).toMatchObject({
      status: 'down',
      message: 'the check was cancelled',
      details: { cancelled: true },
    });
    expect(performance.now() - started).toBeLessThan(400);
  });
});

describe('https probe', () => {
  let certificates: TestCertificates;
  const targets: Record<string, HttpTarget> = {};

  beforeAll(async () => {
    certificates = await createTestCertificates();
    const routes = { '/ok': { body: 'OK' } };
    targets.valid = await startHttpTarget(routes, certificates.valid);
    targets.expired = await startHttpTarget(routes, certificates.expired);
    targets.selfSigned = await startHttpTarget(routes, certificates.selfSigned);
    targets.wrongHost = await startHttpTarget(routes, certificates.wrongHost);
  });
  afterAll(() => Promise.all(Object.values(targets).map((target) => target.close())));

  const url = (name: string) => `https://localhost:${targets[name]?.port}/ok`;
  const withCa = () => ({ ...options, caPem: certificates.caPem });

  it('is up on a trusted certificate, with TLS timing and days left', async () => {
    const result = await runHttpProbe(http({ url: url('valid') }), withCa());
    expect(result).toMatchObject({ status: 'up', details: { tlsAuthorized: true, statusCode: 200 } });
    expect(result.details.certificateDaysLeft).toBeGreaterThanOrEqual(88);
    expect(result.phases.tlsMs).toBeGreaterThan(0);
    expect(result.details.tlsProtocol).toBe('TLSv1.3');
  });

  it('refuses untrusted, expired and wrong-host certificates when verifying', async () => {
    expect(await runHttpProbe(http({ url: url('valid') }), options)).toMatchObject({
      status: 'down',
      message: 'TLS: issuer not trusted',
    });
    expect(await runHttpProbe(http({ url: url('selfSigned') }), withCa())).toMatchObject({
      status: 'down',
      message: 'TLS: self-signed certificate',
    });
    expect(await runHttpProbe(http({ url: url('expired') }), withCa())).toMatchObject({
      status: 'down',
      message: 'TLS: certificate has expired',
    });
    expect(await runHttpProbe(http({ url: url('wrongHost') }), withCa())).toMatchObject({
      status: 'down',
      message: "TLS: certificate does not match host 'localhost' (certificate names: DNS:other.example)",
    });
  });

  it('accepts them all with verifyTls off, and says the certificate was not trusted', async () => {
    for (const name of ['selfSigned', 'expired', 'wrongHost']) {
      const result = await runHttpProbe(http({ url: url(name), verifyTls: false }), withCa());
      expect(result, name).toMatchObject({ status: 'up', details: { tlsAuthorized: false } });
    }
    const expired = await runHttpProbe(http({ url: url('expired'), verifyTls: false }), withCa());
    expect(expired.details.certificateDaysLeft).toBeLessThan(0);
  });
});
