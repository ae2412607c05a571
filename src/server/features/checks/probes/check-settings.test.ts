import { describe, expect, it } from 'vitest';
import {
  CheckSettings,
  isExpectedStatus,
  parseJsonPath,
  parseResolverAddress,
} from '../../../../shared/contracts/check-kinds';

const accepts = (input: unknown) => CheckSettings.safeParse(input).success;

describe('check settings contract', () => {
  it('fills the defaults of an HTTP check', () => {
    expect(CheckSettings.parse({ kind: 'http', url: 'https://intranet.example/health' })).toEqual({
      kind: 'http',
      url: 'https://intranet.example/health',
      method: 'GET',
      headers: {},
      expectedStatus: ['200-399'],
      keywordAbsent: false,
      followRedirects: true,
      verifyTls: true,
      reuseConnection: false,
    });
  });

  it('refuses other schemes, credentials in the URL and unknown fields', () => {
    expect(accepts({ kind: 'http', url: 'ftp://files.example/' })).toBe(false);
    expect(accepts({ kind: 'http', url: 'file:///etc/passwd' })).toBe(false);
    expect(accepts({ kind: 'http', url: 'https://user:pw@intranet.example/' })).toBe(false);
    expect(accepts({ kind: 'http', url: 'https://intranet.example/', timeout: 5 })).toBe(false);
    expect(accepts({ kind: 'gopher', url: 'https://intranet.example/' })).toBe(false);
  });

  it('validates status ranges, regular expressions, JSON paths and headers', () => {
    const http = (extra: object) => accepts({ kind: 'http', url: 'http://app.local/', ...extra });
    expect(http({ expectedStatus: [200, '300-399'] })).toBe(true);
    expect(http({ expectedStatus: ['399-300'] })).toBe(false);
    expect(http({ expectedStatus: [600] })).toBe(false);
    expect(http({ expectedStatus: [] })).toBe(false);
    expect(http({ regex: '(unclosed' })).toBe(false);
    expect(http({ regex: '^OK$' })).toBe(true);
    expect(http({ jsonPath: { path: '$.items[0].status', equals: 'ok' } })).toBe(true);
    expect(http({ jsonPath: { path: '$..status' } })).toBe(false);
    expect(http({ jsonPath: { path: '$.a', exists: false, equals: 1 } })).toBe(false);
    expect(http({ keywordAbsent: true })).toBe(false);
    expect(http({ method: 'HEAD', body: 'x' })).toBe(false);
    expect(http({ method: 'GET', body: '{"query":{}}' })).toBe(true);
    expect(http({ headers: { Authorization: 'Bearer x' } })).toBe(true);
    expect(http({ headers: { 'X-Evil': 'a\r\nHost: other' } })).toBe(false);
    expect(http({ headers: { 'Content-Length': '5' } })).toBe(false);
    expect(http({ headers: { 'Bad Name': 'x' } })).toBe(false);
  });

  it('accepts hostnames and IP literals, and refuses anything a command line could misread', () => {
    for (const host of [
      'db1.intranet',
      'localhost',
      '10.0.0.5',
      'fd00::1',
      'a-b.example.com',
      'srv.',
      '0x7f.1',
    ]) {
      expect(accepts({ kind: 'tcp', host, port: 22 }), host).toBe(true);
    }
    for (const host of [
      '-oProxyCommand=x',
      '-c1',
      'a b',
      'host;rm -rf /',
      '$(id)',
      'a_b.example',
      '',
      'x'.repeat(254),
    ]) {
      expect(accepts({ kind: 'ping', host }), host).toBe(false);
      expect(accepts({ kind: 'tcp', host, port: 22 }), host).toBe(false);
      expect(accepts({ kind: 'tls', host }), host).toBe(false);
    }
  });

  it('fills and bounds the other kinds', () => {
    expect(CheckSettings.parse({ kind: 'tls', host: 'mail.example' })).toMatchObject({
      port: 443,
      warningDays: 21,
      criticalDays: 7,
      checkHostname: true,
    });
    expect(accepts({ kind: 'tls', host: 'mail.example', warningDays: 5, criticalDays: 10 })).toBe(false);
    expect(CheckSettings.parse({ kind: 'ping', host: 'core-sw1' })).toMatchObject({
      count: 3,
      maxLossPercent: 0,
    });
    expect(accepts({ kind: 'ping', host: 'core-sw1', count: 11 })).toBe(false);
    expect(accepts({ kind: 'tcp', host: 'db1', port: 70_000 })).toBe(false);
    expect(
      CheckSettings.parse({ kind: 'dns', name: '_sip._tcp.example.com', recordType: 'SRV' }),
    ).toMatchObject({
      recordType: 'SRV',
    });
    expect(accepts({ kind: 'dns', name: 'example.com', resolver: '10.0.0.53:5353' })).toBe(true);
    expect(accepts({ kind: 'dns', name: 'example.com', resolver: 'dns.example' })).toBe(false);
    expect(accepts({ kind: 'dns', name: '-x.example.com' })).toBe(false);
    expect(CheckSettings.parse({ kind: 'heartbeat' })).toEqual({ kind: 'heartbeat', graceSeconds: 60 });
  });

  it('parses resolver addresses', () => {
    expect(parseResolverAddress('10.0.0.53')).toEqual({ ip: '10.0.0.53', port: 53 });
    expect(parseResolverAddress('10.0.0.53:5353')).toEqual({ ip: '10.0.0.53', port: 5353 });
    expect(parseResolverAddress('[fd00::53]:5353')).toEqual({ ip: 'fd00::53', port: 5353 });
    expect(parseResolverAddress('fd00::53')).toEqual({ ip: 'fd00::53', port: 53 });
    expect(parseResolverAddress('10.0.0.53:0')).toBeNull();
    expect(parseResolverAddress('resolver.local')).toBeNull();
  });

  it('parses the JSON path subset and nothing more', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$.status')).toEqual(['status']);
    expect(parseJsonPath('$.items[2].name')).toEqual(['items', 2, 'name']);
    expect(parseJsonPath('$[\'a.b\']["c d"]')).toEqual(['a.b', 'c d']);
    for (const path of ['status', '$.', '$..a', '$[*]', '$.a[?(@.b)]', '$.a[-1]', '$.a b']) {
      expect(parseJsonPath(path), path).toBeNull();
    }
  });

  it('matches status codes against codes and ranges', () => {
    expect(isExpectedStatus(204, ['200-299'])).toBe(true);
    expect(isExpectedStatus(302, [200, 301])).toBe(false);
    expect(isExpectedStatus(404, ['404'])).toBe(true);
  });
});
