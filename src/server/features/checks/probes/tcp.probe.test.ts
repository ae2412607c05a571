import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findClosedPort,
  type SocketTarget,
  startSocketTarget,
} from '../../../../../test/targets/socket-targets';
import { TcpCheckSettings } from '../../../../shared/contracts/check-kinds';
import { probePolicy } from '../../../net/address-policy';
import type { ProbeOptions } from './probe-result';
import { runTcpProbe } from './tcp.probe';

const options: ProbeOptions = { timeoutMs: 1000, policy: probePolicy };
const tcp = (host: string, port: number) => TcpCheckSettings.parse({ kind: 'tcp', host, port });

describe('tcp probe', () => {
  let closing: SocketTarget;
  beforeAll(async () => {
    closing = await startSocketTarget('close');
  });
  afterAll(() => closing.close());

  it('is up when the connection opens, even if the server closes it at once', async () => {
    const result = await runTcpProbe(tcp('127.0.0.1', closing.port), options);
    expect(result.status).toBe('up');
    expect(result.message).toMatch(new RegExp(`^connected to port ${closing.port} in \\d+ ms$`));
    expect(result.details.resolvedAddress).toBe('127.0.0.1');
    expect(result.phases.connectMs).toBeGreaterThan(0);
    expect(closing.connectionCount()).toBe(1);
  });

  it('resolves names and connects to the checked address', async () => {
    const result = await runTcpProbe(tcp('localhost', closing.port), options);
    expect(result.status).toBe('up');
    expect(['127.0.0.1', '::1']).toContain(result.details.resolvedAddress);
  });

  it('is down with "connection refused" when nothing listens', async () => {
    const result = await runTcpProbe(tcp('127.0.0.1', await findClosedPort()), options);
    expect(result).toMatchObject({
      status: 'down',
      message: 'connection refused',
      details: { errorCode: 'ECONNREFUSED' },
    });
  });

  it('refuses link-local targets by policy', async () => {
    const result = await runTcpProbe(tcp('169.254.10.10', 22), options);
    expect(result).toMatchObject({
      status: 'down',
      message: 'address 169.254.10.10 is in a refused range (link-local)',
    });
  });

  it('is degraded above the check threshold', async () => {
    const result = await runTcpProbe(tcp('127.0.0.1', closing.port), { ...options, degradedAboveMs: 0 });
    expect(result.status).toBe('degraded');
  });
});
