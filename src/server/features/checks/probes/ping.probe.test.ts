import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PingCheckSettings } from '../../../../shared/contracts/check-kinds';
import { probePolicy } from '../../../net/address-policy';
import { buildPingArguments, parsePingOutput, runPingProbe } from './ping.probe';
import type { ProbeOptions } from './probe-result';

const options: ProbeOptions = { timeoutMs: 1500, policy: probePolicy };
const hasPing = existsSync('/usr/bin/ping') || existsSync('/bin/ping');
if (!hasPing && process.env.CI) throw new Error('ping is required in CI: install iputils-ping');
if (!hasPing)
  console.warn('\n[regia] /usr/bin/ping is missing (install iputils-ping): ping probe runs skipped.\n');

describe('ping probe', () => {
  it.skipIf(!hasPing)('pings 127.0.0.1 and reports loss and round trip', async () => {
    const result = await runPingProbe(
      PingCheckSettings.parse({ kind: 'ping', host: '127.0.0.1', count: 2 }),
      options,
    );
    expect(result.status).toBe('up');
    expect(result.message).toMatch(/^2\/2 replies, round trip [\d.]+ ms on average$/);
    expect(result.details).toMatchObject({
      transmitted: 2,
      received: 2,
      lossPercent: 0,
      resolvedAddress: '127.0.0.1',
    });
    expect(result.latencyMs).toBe(result.details.rttAvgMs);
  });

  it.skipIf(!hasPing)('pings the checked address of a name, never the name itself', async () => {
    const result = await runPingProbe(
      PingCheckSettings.parse({ kind: 'ping', host: 'localhost', count: 1 }),
      options,
    );
    expect(result.status).toBe('up');
    expect(['127.0.0.1', '::1']).toContain(result.details.resolvedAddress);
  });

  it('refuses a metadata address before running anything', async () => {
    const result = await runPingProbe(
      PingCheckSettings.parse({ kind: 'ping', host: '169.254.169.254' }),
      options,
    );
    expect(result).toMatchObject({
      status: 'down',
      message: 'address 169.254.169.254 is in a refused range (cloud metadata)',
    });
  });

  it('refuses a host that would read as an option, even past the schema', async () => {
    const result = await runPingProbe(
      { kind: 'ping', host: '-oProxyCommand=touch /tmp/x', count: 1, maxLossPercent: 0 },
      options,
    );
    expect(result).toMatchObject({
      status: 'down',
      message: "'-oProxyCommand=touch /tmp/x' is not a valid host",
    });
  });

  it('says when ping is not installed, as a failure of Regia rather than of the target', async () => {
    const result = await runPingProbe(PingCheckSettings.parse({ kind: 'ping', host: '127.0.0.1' }), {
      ...options,
      pingCommand: '/nonexistent/ping',
    });
    expect(result).toMatchObject({ status: 'down', details: { internalError: true } });
    expect(result.message).toMatch(/^ping is not installed on this server/);
  });

  it('builds an argument array that ends with the address', () => {
    expect(buildPingArguments('10.0.0.1', 4, 3, 2500)).toEqual([
      '-n',
      '-4',
      '-c',
      '3',
      '-i',
      '0.2',
      '-W',
      '2',
      '-w',
      '2',
      '10.0.0.1',
    ]);
    expect(buildPingArguments('fd00::1', 6, 1, 500)).toContain('-6');
  });

  it('parses iputils and busybox summaries', () => {
    const iputils = `--- 10.0.0.1 ping statistics ---
3 packets transmitted, 2 received, 33.3333% packet loss, time 401ms
rtt min/avg/max/mdev = 0.041/0.052/0.063/0.010 ms`;
    expect(parsePingOutput(iputils)).toEqual({
      transmitted: 3,
      received: 2,
      lossPercent: 33.3333,
      rtt: { minMs: 0.041, avgMs: 0.052, maxMs: 0.063 },
    });
    const busybox = `3 packets transmitted, 3 packets received, 0% packet loss
round-trip min/avg/max = 0.1/0.2/0.3 ms`;
    expect(parsePingOutput(busybox)?.rtt).toEqual({ minMs: 0.1, avgMs: 0.2, maxMs: 0.3 });
    expect(parsePingOutput('3 packets transmitted, 0 received, 100% packet loss, time 2000ms')).toEqual({
      transmitted: 3,
      received: 0,
      lossPercent: 100,
      rtt: null,
    });
    expect(parsePingOutput('ping: socket: Operation not permitted')).toBeNull();
  });
});
