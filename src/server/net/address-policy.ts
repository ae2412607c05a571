import dns from 'node:dns';
import ipaddr from 'ipaddr.js';
import { parseResolverAddress } from '../../shared/contracts/check-kinds';
import { describeTimeout, errorCodeOf, OutboundError } from './outbound-error';

/** The range an address falls in, as the policy sees it. */
export type AddressRange =
  | 'loopback'
  | 'private'
  | 'linkLocal'
  | 'cloudMetadata'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'carrierGradeNat'
  | 'public';

/** Words for each range, as they appear in refusal messages. */
export const addressRangeLabels: Record<AddressRange, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  cloudMetadata: 'cloud metadata',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  carrierGradeNat: 'carrier-grade NAT',
  public: 'public',
};

/**
 * Which addresses an outbound connection may reach. `deniedCidrs` wins over everything;
 * `allowedCidrs` opens a range the flags refuse, except unspecified, multicast and broadcast,
 * which are never reachable.
 */
export interface AddressPolicy {
  readonly allowLoopback: boolean;
  /** RFC 1918, IPv6 unique-local (fc00::/7) and carrier-grade NAT (100.64/10). */
  readonly allowPrivate: boolean;
  /** 169.254/16, fe80::/10 and the cloud metadata addresses. */
  readonly allowLinkLocal: boolean;
  readonly allowedCidrs: readonly string[];
  readonly deniedCidrs: readonly string[];
}

/** Probes watch intranet systems, so loopback and private ranges are reachable; metadata is not. */
export const probePolicy: AddressPolicy = Object.freeze({
  allowLoopback: true,
  allowPrivate: true,
  allowLinkLocal: false,
  allowedCidrs: Object.freeze([]) as readonly string[],
  deniedCidrs: Object.freeze([]) as readonly string[],
});

/** Notification webhooks reach public addresses only, unless an admin allows a range. */
export const webhookPolicy: AddressPolicy = Object.freeze({
  allowLoopback: false,
  allowPrivate: false,
  allowLinkLocal: false,
  allowedCidrs: Object.freeze([]) as readonly string[],
  deniedCidrs: Object.freeze([]) as readonly string[],
});

// Instance metadata services (AWS, GCP, Azure, Oracle, Alibaba, AWS ECS/EKS); reading them leaks credentials.
const cloudMetadataAddresses = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '100.100.100.200',
  'fd00:ec2::254',
  'fd00:ec2::23',
]);
const neverReachable = new Set<AddressRange>(['unspecified', 'multicast', 'broadcast']);

type ParsedAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** True for a valid CIDR such as "10.20.0.0/16" or "fd00::/8"; use it to validate admin input. */
export function isValidCidr(text: string): boolean {
  return ipaddr.isValidCIDR(text.trim());
}

/**
 * Parses any encoding of an IP literal the way the system resolver would read it: dotted, short
 * (`127.1`), decimal (`2130706433`), octal (`0177.0.0.1`), hex (`0x7f.1`), IPv6, bracketed IPv6,
 * IPv4-mapped IPv6. Returns null for anything else (a hostname).
 */
export function parseIpLiteral(text: string): ParsedAddress | null {
  let value = text.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  if (value === '' || !ipaddr.isValid(value)) return null;
  try {
    return ipaddr.parse(value);
  } catch {
    return null;
  }
}

// IPv4 embedded in an IPv6 address that a gateway would turn into a connection to that IPv4.
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = address.range();
  const parts = address.parts;
  const last32 = () => new ipaddr.IPv4([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return last32();
  if (range === '6to4') {
    return new ipaddr.IPv4([parts[1]! >> 8, parts[1]! & 0xff, parts[2]! >> 8, parts[2]! & 0xff]);
  }
  // IPv4-compatible (::a.b.c.d, deprecated); :: and ::1 are classified on their own.
  if (parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7]! > 1)) return last32();
  return null;
}

// The address as its canonical form reads: an IPv4-mapped IPv6 address is its IPv4.
function canonicalOf(parsed: ParsedAddress): ParsedAddress {
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

/** The address in its canonical text form; an IPv4-mapped IPv6 address becomes its IPv4. */
export function normalizeAddress(text: string): string | null {
  const parsed = parseIpLiteral(text);
  return parsed ? canonicalOf(parsed).toString() : null;
}

function classifyIpv4(address: ipaddr.IPv4): AddressRange {
  if (cloudMetadataAddresses.has(address.toString())) return 'cloudMetadata';
  const range = address.range();
  switch (range) {
    case 'unicast':
      return 'public';
    case 'loopback':
    case 'private':
    case 'linkLocal':
    case 'unspecified':
    case 'multicast':
    case 'broadcast':
    case 'carrierGradeNat':
      return range;
    default:
      return 'reserved';
  }
}

function classifyParsed(address: ParsedAddress): AddressRange {
  if (address.kind() === 'ipv4') return classifyIpv4(address as ipaddr.IPv4);
  const v6 = address as ipaddr.IPv6;
  const plain = ipaddr.IPv6.parse(v6.toString().split('%')[0]!);
  if (cloudMetadataAddresses.has(plain.toString())) return 'cloudMetadata';
  const embedded = embeddedIpv4(plain);
  if (embedded) return classifyIpv4(embedded);
  const range = plain.range();
  switch (range) {
    case 'unicast':
      return 'public';
    case 'loopback':
    case 'linkLocal':
    case 'unspecified':
    case 'multicast':
      return range;
    case 'uniqueLocal':
      return 'private';
    default:
      return 'reserved';
  }
}

/** The range of an address in any encoding; null when the text is not an IP address. */
export function classifyAddress(text: string): { address: string; range: AddressRange } | null {
  const parsed = parseIpLiteral(text);
  if (!parsed) return null;
  return { address: canonicalOf(parsed).toString(), range: classifyParsed(parsed) };
}

// The forms of an address to match CIDRs against: itself and, for IPv6, the IPv4 it embeds.
function matchForms(address: ParsedAddress): ParsedAddress[] {
  if (address.kind() === 'ipv4') return [address];
  const v6 = ipaddr.IPv6.parse(address.toString().split('%')[0]!);
  const embedded = embeddedIpv4(v6);
  return embedded ? [v6, embedded] : [v6];
}

function findCidr(forms: ParsedAddress[], cidrs: readonly string[]): string | null {
  for (const cidr of cidrs) {
    let range: [ParsedAddress, number];
    try {
      range = ipaddr.parseCIDR(cidr.trim());
    } catch {
      continue;
    }
    if (forms.some((form) => form.kind() === range[0].kind() && form.match(range))) return cidr.trim();
  }
  return null;
}

/** The verdict on one address. */
export type AddressVerdict =
  | { allowed: true; address: string; range: AddressRange }
  | { allowed: false; reason: string; address: string; range: AddressRange | null };

/** Decides whether `ip` (any encoding) may be reached under `policy`, and says why not. */
export function checkAddress(ip: string, policy: AddressPolicy): AddressVerdict {
  const parsed = parseIpLiteral(ip);
  if (!parsed) return { allowed: false, reason: `'${ip}' is not an IP address`, address: ip, range: null };
  return checkParsed(parsed, policy);
}

// The verdict on an address parsed once (a literal host is parsed once per run, not four times).
function checkParsed(parsed: ParsedAddress, policy: AddressPolicy): AddressVerdict {
  const address = canonicalOf(parsed).toString();
  const range = classifyParsed(parsed);
  const forms = matchForms(parsed);
  const denied = findCidr(forms, policy.deniedCidrs);
  if (denied)
    return { allowed: false, reason: `address ${address} is in a denied range (${denied})`, address, range };
  const refused = {
    allowed: false as const,
    reason: `address ${address} is in a refused range (${addressRangeLabels[range]})`,
    address,
    range,
  };
  if (neverReachable.has(range)) return refused;
  if (findCidr(forms, policy.allowedCidrs)) return { allowed: true, address, range };
  const allowedByFlags =
    range === 'public' ||
    (range === 'loopback' && policy.allowLoopback) ||
    ((range === 'private' || range === 'carrierGradeNat') && policy.allowPrivate) ||
    ((range === 'linkLocal' || range === 'cloudMetadata') && policy.allowLinkLocal);
  return allowedByFlags ? { allowed: true, address, range } : refused;
}

/** One checked address to connect to. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** The outcome of resolving a host and checking every address it resolved to. */
export interface ResolvedTarget {
  host: string;
  /** The address to pin the connection to (the first one); `addresses` holds all, all checked. */
  address: string;
  family: 4 | 6;
  addresses: CheckedAddress[];
  isLiteral: boolean;
  durationMs: number;
}

/** Options for `resolveChecked`. */
export interface ResolveOptions {
  /** A DNS server, "ip" or "ip:port"; the system resolver (dns.lookup) when absent. */
  resolver?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

const familyOf = (address: string): 4 | 6 => (address.includes(':') ? 6 : 4);

/** Strips brackets and a trailing dot, so `[::1]` and `host.` read as `::1` and `host`. */
export function bareHost(host: string): string {
  const trimmed = host.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) return trimmed.slice(1, -1);
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

/**
 * Resolves `host` and checks every address against `policy`. Refuses the host when ANY address
 * is refused (a name that mixes public and metadata addresses is an attack, not an accident), and
 * says which. An IP literal in any encoding is checked as that IP, without DNS.
 * Throws `OutboundError` ('address_refused', 'dns_failed', 'timeout', 'aborted').
 */
export async function resolveChecked(
  host: string,
  policy: AddressPolicy,
  options: ResolveOptions,
): Promise<ResolvedTarget> {
  const started = performance.now();
  const name = bareHost(host);
  if (name === '') throw new OutboundError('dns_failed', 'no host given', { phase: 'dns' });
  const parsedLiteral = parseIpLiteral(name);
  if (parsedLiteral !== null) {
    // Checked in its canonical form, as the address it names is (a mapped IPv6 as its IPv4).
    const verdict = checkParsed(canonicalOf(parsedLiteral), policy);
    if (!verdict.allowed) throw refusal(verdict, null);
    const literal = verdict.address;
    const family = familyOf(literal);
    return {
      host: name,
      address: literal,
      family,
      addresses: [{ address: literal, family }],
      isLiteral: true,
      durationMs: 0,
    };
  }
  if (options.resolver !== undefined) {
    const server = parseResolverAddress(options.resolver);
    const verdict = server ? checkAddress(server.ip, policy) : null;
    if (!server || !verdict)
      throw new OutboundError('dns_failed', `'${options.resolver}' is not a DNS server address`, {
        phase: 'dns',
      });
    if (!verdict.allowed)
      throw new OutboundError('address_refused', `DNS server: ${verdict.reason}`, {
        phase: 'dns',
        address: verdict.address,
      });
  }
  const found = await withTimeout(
    (cancel) =>
      options.resolver === undefined
        ? lookupSystem(name)
        : lookupWith(options.resolver as string, name, cancel),
    options.timeoutMs,
    options.signal,
  );
  const addresses = dedupe(found.map((address) => normalizeAddress(address) ?? address));
  if (addresses.length === 0)
    throw new OutboundError('dns_failed', `name '${name}' has no addresses`, { phase: 'dns' });
  for (const address of addresses) {
    const verdict = checkAddress(address, policy);
    if (!verdict.allowed) throw refusal(verdict, { name, count: addresses.length });
  }
  const checked = addresses.map((address) => ({ address, family: familyOf(address) }));
  return {
    host: name,
    address: checked[0]!.address,
    family: checked[0]!.family,
    addresses: checked,
    isLiteral: false,
    durationMs: performance.now() - started,
  };
}

function refusal(
  verdict: Extract<AddressVerdict, { allowed: false }>,
  resolved: { name: string; count: number } | null,
): OutboundError {
  const range = verdict.range ? addressRangeLabels[verdict.range] : undefined;
  if (!resolved)
    return new OutboundError('address_refused', verdict.reason, {
      phase: 'dns',
      address: verdict.address,
      range,
    });
  const among = resolved.count > 1 ? ` (one of ${resolved.count} addresses)` : '';
  const reason = verdict.reason.replace(/^address \S+ is/, 'which is');
  return new OutboundError(
    'address_refused',
    `'${resolved.name}' resolves to ${verdict.address}${among}, ${reason}`,
    {
      phase: 'dns',
      address: verdict.address,
      range,
    },
  );
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}

async function lookupSystem(name: string): Promise<string[]> {
  try {
    const answers = await dns.promises.lookup(name, { all: true });
    return answers.map((answer) => answer.address);
  } catch (error) {
    throw dnsFailure(name, error);
  }
}

async function lookupWith(
  resolver: string,
  name: string,
  onCancel: (cancel: () => void) => void,
): Promise<string[]> {
  const server = parseResolverAddress(resolver)!;
  const instance = new dns.promises.Resolver({ timeout: 2000, tries: 2 });
  instance.setServers([
    server.ip.includes(':') ? `[${server.ip}]:${server.port}` : `${server.ip}:${server.port}`,
  ]);
  onCancel(() => instance.cancel());
  const [v4, v6] = await Promise.allSettled([instance.resolve4(name), instance.resolve6(name)]);
  const addresses = [
    ...(v4.status === 'fulfilled' ? v4.value : []),
    ...(v6.status === 'fulfilled' ? v6.value : []),
  ];
  if (addresses.length > 0) return addresses;
  const failure = v4.status === 'rejected' ? v4.reason : v6.status === 'rejected' ? v6.reason : null;
  // No A and no AAAA record while the name exists is "no addresses", same as not found for a connection.
  if (errorCodeOf(failure) === 'ENODATA' || failure === null)
    throw new OutboundError('dns_failed', `name '${name}' has no addresses`, { phase: 'dns' });
  throw dnsFailure(name, failure);
}

const dnsErrorWords: Record<string, string> = {
  ENOTFOUND: 'not found',
  ENODATA: 'no addresses',
  EAI_AGAIN: 'temporary DNS failure',
  ESERVFAIL: 'DNS server failure (SERVFAIL)',
  EREFUSED: 'the DNS server refused the query',
  ECONNREFUSED: 'the DNS server is unreachable',
  ETIMEOUT: 'the DNS server did not answer',
  EBADRESP: 'bad DNS answer',
  EBADNAME: 'not a valid name',
};

/** A DNS failure for `name`, worded for an operator. */
export function dnsFailure(name: string, error: unknown): OutboundError {
  const code = errorCodeOf(error);
  const words = code ? (dnsErrorWords[code] ?? code) : String(error);
  return new OutboundError('dns_failed', `could not resolve '${name}': ${words}`, {
    phase: 'dns',
    cause: code,
  });
}

/**
 * Runs `task` with a time limit and an abort signal; the task may register a cancel function.
 * Rejects with a 'timeout' OutboundError, or with the signal's reason.
 */
async function withTimeout<T>(
  task: (onCancel: (cancel: () => void) => void) => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal?.aborted) throw signal.reason;
  let cancel: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OutboundError('timeout', describeTimeout(timeoutMs, 'dns'), { phase: 'dns' })),
      timeoutMs,
    );
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      task((fn) => {
        cancel = fn;
      }),
      stopped,
    ]);
  } catch (error) {
    cancel?.();
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
