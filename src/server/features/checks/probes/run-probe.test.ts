import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpTarget, startHttpTarget } from '../../../../../test/targets/http-target';
import { CheckSettings } from '../../../../shared/contracts/check-kinds';
import { probePolicy } from '../../../net/address-policy';
import type { ProbeOptions } from './probe-result';
import { runProbe } from './run-probe';

const options: ProbeOptions = { timeoutMs: 1000, policy: probePolicy };

describe('runProbe', () => {
  let target: HttpTarget;
  beforeAll(async () => {
    target = await startHttpTarget({ '/ok': { body: 'OK' } });
  });
  afterAll(() => target.close());

  it('dispatches by kind', async () => {
    const http = await runProbe(CheckSettings.parse({ kind: 'http', url: target.url('/ok') }), options);
    expect(http).toMatchObject({ status: 'up', details: { statusCode: 200 } });
    const tcp = await runProbe(
      CheckSettings.parse({ kind: 'tcp', host: '127.0.0.1', port: target.port }),
      options,
    );
    expect(tcp.status).toBe('up');
  });

  it('judges a heartbeat from the state it is given, on the given clock', async () => {
    const settings = CheckSettings.parse({ kind: 'heartbeat', graceSeconds: 30 });
    const now = () => 1_000_000;
    expect(
      (await runProbe(settings, { ...options, now }, { lastBeatAt: 950_000, expectedEveryMs: 60_000 }))
        .status,
    ).toBe('up');
    expect(
      (await runProbe(settings, { ...options, now }, { lastBeatAt: 900_000, expectedEveryMs: 60_000 }))
        .status,
    ).toBe('down');
    expect((await runProbe(settings, options)).details.internalError).toBe(true);
  });

  it('never throws: a setting that slipped past the schema becomes a result marked internal', async () => {
    const broken = { kind: 'http', url: 'not a url', method: 'GET', headers: {} } as unknown as CheckSettings;
    const result = await runProbe(broken, options);
    expect(result).toMatchObject({ status: 'down', details: { internalError: true } });
    expect(result.message).toBe("'not a url' is not a valid URL");
  });
});
