import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsTarget, startDnsTarget } from '../../../../../test/targets/dns-target';
import { DnsCheckSettings } from '../../../../shared/contracts/check-kinds';
import { probePolicy, webhookPolicy } from '../../../net/address-policy';
import { runDnsProbe } from './dns.probe';
import type { ProbeOptions } from './probe-result';

const options: ProbeOptions = { timeoutMs: 800, policy: probePolicy };

describe('dns probe', () => {
  let server: DnsTarget;
  const dns = (input: Omit<Partial<DnsCheckSettings>, 'kind'> & { name: string }) =>
    DnsCheckSettings.parse({ kind: 'dns', resolver: server.address, ...input });

  beforeAll(async () => {
    server = await startDnsTarget({
      'app.example.test': {
        A: ['10.0.0.5', '10.0.0.6'],
        AAAA: ['fd00::5'],
        TXT: ['v=spf1 -all', 'Verify=AbC'],
      },
      'example.test': { MX: [{ priority: 10, exchange: 'mail.example.test' }], NS: ['ns1.example.test'] },
      'www.example.test': { CNAME: 'app.example.test' },
      'broken.example.test': 'SERVFAIL',
      'refusing.example.test': 'REFUSED',
      'slow.example.test': 'SILENT',
    });
  });
  afterAll(() => server.close());

  it('is up when every expected value is in the answer', async () => {
    const result = await runDnsProbe(
      dns({ name: 'app.example.test', expectedValues: ['10.0.0.6'] }),
      options,
    );
    expect(result).toMatchObject({
      status: 'up',
      message: '2 A records: 10.0.0.5, 10.0.0.6',
      details: { recordCount: 2, records: '10.0.0.5, 10.0.0.6', resolver: server.address },
    });
    expect(result.phases.dnsMs).toBeGreaterThan(0);
  });

  it('reads each record type in the form expected values are written', async () => {
    const cases: [Partial<DnsCheckSettings>, string[]][] = [
      [{ name: 'app.example.test', recordType: 'AAAA' }, ['fd00:0:0::5']],
      [{ name: 'app.example.test', recordType: 'TXT' }, ['Verify=AbC']],
      [{ name: 'example.test', recordType: 'MX' }, ['10 mail.example.test.']],
      [{ name: 'example.test', recordType: 'MX' }, ['MAIL.example.test']],
      [{ name: 'example.test', recordType: 'NS' }, ['ns1.example.test']],
      [{ name: 'www.example.test', recordType: 'CNAME' }, ['app.example.test']],
      [{ name: 'www.example.test', recordType: 'A' }, ['10.0.0.5']],
    ];
    for (const [settings, expectedValues] of cases) {
      const result = await runDnsProbe(
        dns({ name: settings.name ?? '', ...settings, expectedValues }),
        options,
      );
      expect(result.status, `${settings.recordType} ${expectedValues}`).toBe('up');
    }
  });

  it('is down when an expected value is missing, and shows what came back', async () => {
    const result = await runDnsProbe(
      dns({ name: 'app.example.test', expectedValues: ['10.0.0.5', '10.0.0.9'] }),
      options,
    );
    expect(result).toMatchObject({
      status: 'down',
      message: "expected '10.0.0.9' not in the answer (got 10.0.0.5, 10.0.0.6)",
    });
    const txt = await runDnsProbe(
      dns({ name: 'app.example.test', recordType: 'TXT', expectedValues: ['verify=abc'] }),
      options,
    );
    expect(txt.status).toBe('down');
  });

  it('is down on NXDOMAIN, SERVFAIL, REFUSED and an empty answer', async () => {
    expect(await runDnsProbe(dns({ name: 'missing.example.test' }), options)).toMatchObject({
      status: 'down',
      message: "name 'missing.example.test' not found (NXDOMAIN)",
    });
    expect(await runDnsProbe(dns({ name: 'broken.example.test' }), options)).toMatchObject({
      status: 'down',
      message: 'the DNS server answered SERVFAIL',
    });
    expect(await runDnsProbe(dns({ name: 'refusing.example.test' }), options)).toMatchObject({
      status: 'down',
      message: 'the DNS server refused the query (REFUSED)',
    });
    expect(await runDnsProbe(dns({ name: 'example.test', recordType: 'A' }), options)).toMatchObject({
      status: 'down',
      message: "no A records for 'example.test'",
    });
  });

  it('times out on a server that never answers, within the timeout', async () => {
    const started = performance.now();
    const result = await runDnsProbe(dns({ name: 'slow.example.test' }), { ...options, timeoutMs: 400 });
    expect(result).toMatchObject({ status: 'down', message: 'the DNS server did not answer within 400 ms' });
    expect(performance.now() - started).toBeLessThan(700);
  });

  it('refuses a resolver the policy refuses', async () => {
    const result = await runDnsProbe(dns({ name: 'app.example.test' }), {
      ...options,
      policy: webhookPolicy,
    });
    expect(result).toMatchObject({
      status: 'down',
      message: 'DNS server refused by policy: address 127.0.0.1 is in a refused range (loopback)',
    });
  });
});
