import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates, type TestCertificates } from '../../../../../test/targets/certificates';
import { type HttpTarget, startHttpTarget } from '../../../../../test/targets/http-target';
import { type SocketTarget, startSocketTarget } from '../../../../../test/targets/socket-targets';
import { TlsCheckSettings } from '../../../../shared/contracts/check-kinds';
import { probePolicy } from '../../../net/address-policy';
import type { ProbeOptions } from './probe-result';
import { runTlsProbe } from './tls.probe';

const dayMs = 86_400_000;

describe('tls probe', () => {
  let certificates: TestCertificates;
  let options: ProbeOptions;
  let silent: SocketTarget;
  const targets: Record<string, HttpTarget> = {};
  const tls = (name: string, input: Omit<Partial<TlsCheckSettings>, 'kind'> = {}) =>
    TlsCheckSettings.parse({ kind: 'tls', host: 'localhost', port: targets[name]?.port, ...input });

  beforeAll(async () => {
    certificates = await createTestCertificates();
    options = { timeoutMs: 1500, policy: probePolicy, caPem: certificates.caPem };
    silent = await startSocketTarget('hold');
    targets.valid = await startHttpTarget({}, certificates.valid);
    targets.tls12 = await startHttpTarget({}, { ...certificates.valid, maxVersion: 'TLSv1.2' });
    targets.expired = await startHttpTarget({}, certificates.expired);
    targets.selfSigned = await startHttpTarget({}, certificates.selfSigned);
    targets.wrongHost = await startHttpTarget({}, certificates.wrongHost);
  });
  afterAll(() => Promise.all([silent.close(), ...Object.values(targets).map((target) => target.close())]));

  it('is up on a trusted certificate far from expiry, with details and phases', async () => {
    const result = await runTlsProbe(tls('valid'), options);
    expect(result.status).toBe('up');
    expect(result.message).toMatch(/^certificate valid for (88|89) more days$/);
    expect(result.details).toMatchObject({
      chainTrusted: true,
      tlsProtocol: 'TLSv1.3',
      subject: 'CN=localhost',
    });
    expect(result.phases.tlsMs).toBeGreaterThan(0);
    expect(result.phases.connectMs).toBeGreaterThan(0);
  });

  it('is degraded below the warning threshold and down below the critical one', async () => {
    const at = (daysAhead: number) => () => Date.now() + daysAhead * dayMs;
    const warning = await runTlsProbe(tls('valid'), { ...options, now: at(75) });
    expect(warning.status).toBe('degraded');
    expect(warning.message).toMatch(/^certificate expires in 1[34] days \(warning below 21\)$/);
    const critical = await runTlsProbe(tls('valid'), { ...options, now: at(85) });
    expect(critical.status).toBe('down');
    expect(critical.message).toMatch(/^certificate expires in [34] days \(critical below 7\)$/);
    const custom = await runTlsProbe(tls('valid', { warningDays: 100, criticalDays: 30 }), options);
    expect(custom.message).toMatch(/warning below 100/);
  });

  it('is down on an expired certificate, saying since when', async () => {
    const result = await runTlsProbe(tls('expired'), options);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/^certificate expired [23] days ago \(\d{4}-\d{2}-\d{2}\)$/);
    expect(result.details.certificateDaysLeft).toBeLessThan(0);
  });

  it('is down on a self-signed certificate and on an unknown issuer', async () => {
    expect(await runTlsProbe(tls('selfSigned'), options)).toMatchObject({
      status: 'down',
      message: 'certificate not trusted: self-signed certificate',
    });
    expect(await runTlsProbe(tls('valid'), { ...options, caPem: undefined })).toMatchObject({
      status: 'down',
      message: 'certificate not trusted: issuer not trusted',
    });
  });

  it('is down on a certificate for another host, unless the host check is off', async () => {
    expect(await runTlsProbe(tls('wrongHost'), options)).toMatchObject({
      status: 'down',
      message: "certificate does not match 'localhost' (certificate names: DNS:other.example)",
    });
    expect((await runTlsProbe(tls('wrongHost', { checkHostname: false }), options)).status).toBe('up');
    expect((await runTlsProbe(tls('wrongHost', { servername: 'other.example' }), options)).status).toBe('up');
  });

  it('matches an IP host against the certificate IP names', async () => {
    expect((await runTlsProbe(tls('valid', { host: '127.0.0.1' }), options)).status).toBe('up');
  });

  it('is down when the server negotiates less than the minimum protocol', async () => {
    expect(await runTlsProbe(tls('tls12', { minProtocol: 'TLSv1.3' }), options)).toMatchObject({
      status: 'down',
      message: 'server negotiated TLSv1.2 (minimum TLSv1.3)',
    });
    expect((await runTlsProbe(tls('tls12', { minProtocol: 'TLSv1.2' }), options)).status).toBe('up');
  });

  it('times out on a server that never completes the handshake', async () => {
    const started = performance.now();
    const result = await runTlsProbe(
      TlsCheckSettings.parse({ kind: 'tls', host: '127.0.0.1', port: silent.port }),
      { ...options, timeoutMs: 300 },
    );
    expect(result).toMatchObject({
      status: 'down',
      message: 'timed out after 300 ms during the TLS handshake',
    });
    expect(performance.now() - started).toBeLessThan(600);
  });
});
