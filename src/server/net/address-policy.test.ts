import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsTarget, startDnsTarget } from '../../../test/targets/dns-target';
import {
  type AddressPolicy,
  type AddressRange,
  checkAddress,
  classifyAddress,
  isValidCidr,
  normalizeAddress,
  probePolicy,
  resolveChecked,
  webhookPolicy,
} from './address-policy';
import { OutboundError } from './outbound-error';

describe('classifyAddress', () => {
  const cases: [input: string, address: string, range: AddressRange][] = [
    ['127.0.0.1', '127.0.0.1', 'loopback'],
    ['127.1', '127.0.0.1', 'loopback'],
    ['2130706433', '127.0.0.1', 'loopback'],
    ['0177.0.0.1', '127.0.0.1', 'loopback'],
    ['0x7f.1', '127.0.0.1', 'loopback'],
    ['0x7f000001', '127.0.0.1', 'loopback'],
    ['127.000.000.001', '127.0.0.1', 'loopback'],
    ['::1', '::1', 'loopback'],
    ['[::1]', '::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', '::1', 'loopback'],
    ['::ffff:127.0.0.1', '127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', '127.0.0.1', 'loopback'],
    ['10.1.2.3', '10.1.2.3', 'private'],
    ['172.16.0.1', '172.16.0.1', 'private'],
    ['192.168.1.10', '192.168.1.10', 'private'],
    ['012.1.2.3', '10.1.2.3', 'private'],
    ['fd12:3456::1', 'fd12:3456::1', 'private'],
    ['169.254.1.1', '169.254.1.1', 'linkLocal'],
    ['fe80::1', 'fe80::1', 'linkLocal'],
    ['169.254.169.254', '169.254.169.254', 'cloudMetadata'],
    ['0xa9fea9fe', '169.254.169.254', 'cloudMetadata'],
    ['2852039166', '169.254.169.254', 'cloudMetadata'],
    ['::ffff:169.254.169.254', '169.254.169.254', 'cloudMetadata'],
    ['64:ff9b::a9fe:a9fe', '64:ff9b::a9fe:a9fe', 'cloudMetadata'],
    ['fd00:ec2::254', 'fd00:ec2::254', 'cloudMetadata'],
    ['100.100.100.200', '100.100.100.200', 'cloudMetadata'],
    ['100.64.0.1', '100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', '0.0.0.0', 'unspecified'],
    ['0', '0.0.0.0', 'unspecified'],
    ['::', '::', 'unspecified'],
    ['224.0.0.1', '224.0.0.1', 'multicast'],
    ['ff02::1', 'ff02::1', 'multicast'],
    ['255.255.255.255', '255.255.255.255', 'broadcast'],
    ['240.0.0.1', '240.0.0.1', 'reserved'],
    ['192.0.2.1', '192.0.2.1', 'reserved'],
    ['2001:db8::1', '2001:db8::1', 'reserved'],
    ['8.8.8.8', '8.8.8.8', 'public'],
    ['2606:4700:4700::1111', '2606:4700:4700::1111', 'public'],
    ['::ffff:8.8.8.8', '8.8.8.8', 'public'],
  ];
  it.each(cases)('%s is %s, %s', (input, address, range) => {
    expect(classifyAddress(input)).toEqual({ address, range });
  });

  it('does not read hostnames or invalid forms as addresses', () => {
    for (const text of ['localhost', 'example.com', '1.2.3.4.5', '08.0.0.1', '1.2.3.256', '', ' ']) {
      expect(classifyAddress(text)).toBeNull();
    }
  });

  it('normalises an IPv4-mapped address to its IPv4', () => {
    expect(normalizeAddress('[::ffff:10.0.0.1]')).toBe('10.0.0.1');
  });
});

describe('checkAddress', () => {
  it('lets probes reach loopback and private ranges but not link-local or metadata', () => {
    expect(checkAddress('127.0.0.1', probePolicy).allowed).toBe(true);
    expect(checkAddress('10.0.0.5', probePolicy).allowed).toBe(true);
    expect(checkAddress('fd00::5', probePolicy).allowed).toBe(true);
    expect(checkAddress('8.8.8.8', probePolicy).allowed).toBe(true);
    expect(checkAddress('169.254.169.254', probePolicy)).toMatchObject({
      allowed: false,
      reason: 'address 169.254.169.254 is in a refused range (cloud metadata)',
    });
    expect(checkAddress('fe80::1', probePolicy)).toMatchObject({ allowed: false, range: 'linkLocal' });
  });

  it('keeps webhooks on public addresses, whatever the encoding', () => {
    for (const ip of [
      '127.1',
      '0x7f.1',
      '2130706433',
      '::ffff:127.0.0.1',
      '10.0.0.1',
      '192.168.0.1',
      'fc00::1',
    ]) {
      expect(checkAddress(ip, webhookPolicy).allowed, ip).toBe(false);
    }
    expect(checkAddress('93.184.216.34', webhookPolicy).allowed).toBe(true);
  });

  it('never reaches unspecified, multicast or broadcast, even when a CIDR allows them', () => {
    const generous: AddressPolicy = {
      ...probePolicy,
      allowLinkLocal: true,
      allowedCidrs: ['0.0.0.0/0', '::/0'],
    };
    for (const ip of ['0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255']) {
      expect(checkAddress(ip, generous).allowed, ip).toBe(false);
    }
  });

  it('opens a refused range with allowedCidrs and closes an allowed one with deniedCidrs', () => {
    const policy: AddressPolicy = {
      ...webhookPolicy,
      allowedCidrs: ['10.20.0.0/16'],
      deniedCidrs: ['10.20.5.0/24', '8.8.8.0/24'],
    };
    expect(checkAddress('10.20.1.1', policy).allowed).toBe(true);
    expect(checkAddress('10.21.1.1', policy).allowed).toBe(false);
    expect(checkAddress('10.20.5.1', policy)).toMatchObject({
      allowed: false,
      reason: 'address 10.20.5.1 is in a denied range (10.20.5.0/24)',
    });
    expect(checkAddress('::ffff:8.8.8.8', policy).allowed).toBe(false);
  });

  it('lets an admin allow link-local and metadata addresses', () => {
    expect(checkAddress('169.254.169.254', { ...probePolicy, allowLinkLocal: true }).allowed).toBe(true);
  });

  it('validates CIDRs for the admin settings', () => {
    expect(isValidCidr('10.0.0.0/8')).toBe(true);
    expect(isValidCidr('fd00::/8')).toBe(true);
    expect(isValidCidr('10.0.0.0/33')).toBe(false);
    expect(isValidCidr('nonsense')).toBe(false);
  });
});

describe('resolveChecked', () => {
  let dns: DnsTarget;
  beforeAll(async () => {
    dns = await startDnsTarget({
      'intranet.test': { A: ['10.0.0.7'] },
      'metadata.test': { A: ['169.254.169.254'] },
      'mixed.test': { A: ['93.184.216.34', '169.254.169.254'] },
      'v6only.test': { AAAA: ['fd00::7'] },
      'broken.test': 'SERVFAIL',
      'slow.test': 'SILENT',
    });
  });
  afterAll(() => dns.close());

  it('treats an encoded IP literal as that IP, without DNS', async () => {
    const resolved = await resolveChecked('0x7f.1', probePolicy, { timeoutMs: 500 });
    expect(resolved).toMatchObject({ address: '127.0.0.1', family: 4, isLiteral: true });
    await expect(resolveChecked('[::ffff:169.254.169.254]', probePolicy, { timeoutMs: 500 })).rejects.toThrow(
      'address 169.254.169.254 is in a refused range (cloud metadata)',
    );
  });

  it('resolves localhost for probes and refuses it for webhooks', async () => {
    const resolved = await resolveChecked('localhost', probePolicy, { timeoutMs: 1000 });
    expect(['127.0.0.1', '::1']).toContain(resolved.address);
    await expect(resolveChecked('localhost', webhookPolicy, { timeoutMs: 1000 })).rejects.toThrow(
      /'localhost' resolves to (127\.0\.0\.1|::1).*refused range \(loopback\)/,
    );
  });

  it('returns every checked address from a chosen resolver', async () => {
    const options = { resolver: dns.address, timeoutMs: 1000 };
    expect(await resolveChecked('intranet.test', probePolicy, options)).toMatchObject({
      address: '10.0.0.7',
      family: 4,
    });
    expect(await resolveChecked('v6only.test', probePolicy, options)).toMatchObject({
      address: 'fd00::7',
      family: 6,
    });
  });

  it('refuses a name when any address it resolves to is refused, and says which', async () => {
    const options = { resolver: dns.address, timeoutMs: 1000 };
    await expect(resolveChecked('metadata.test', probePolicy, options)).rejects.toThrow(
      "'metadata.test' resolves to 169.254.169.254, which is in a refused range (cloud metadata)",
    );
    await expect(resolveChecked('mixed.test', probePolicy, options)).rejects.toThrow(
      "'mixed.test' resolves to 169.254.169.254 (one of 2 addresses), which is in a refused range (cloud metadata)",
    );
  });

  it('reports DNS failures and timeouts as OutboundError', async () => {
    const options = { resolver: dns.address, timeoutMs: 400 };
    await expect(resolveChecked('nothing.test', probePolicy, options)).rejects.toThrow(
      "could not resolve 'nothing.test': not found",
    );
    await expect(resolveChecked('broken.test', probePolicy, options)).rejects.toThrow('SERVFAIL');
    const started = performance.now();
    const error = await resolveChecked('slow.test', probePolicy, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as OutboundError).code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(700);
  });

  it('refuses a resolver the policy refuses', async () => {
    await expect(
      resolveChecked('intranet.test', webhookPolicy, { resolver: dns.address, timeoutMs: 500 }),
    ).rejects.toThrow('DNS server: address 127.0.0.1 is in a refused range (loopback)');
  });
});
