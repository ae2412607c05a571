import { z } from 'zod';

/** The kinds of check a probe can run. */
export const checkKinds = ['http', 'tcp', 'dns', 'tls', 'ping', 'heartbeat'] as const;
export const CheckKind = z.enum(checkKinds);
export type CheckKind = z.infer<typeof CheckKind>;

const hostnamePattern = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;
// DNS names may carry underscores (SRV, DKIM, ACME records) but never a leading '-'.
const dnsNamePattern = /^(?![-.])[A-Za-z0-9_-]{1,63}(\.(?!-)[A-Za-z0-9_-]{1,63})*\.?$/;
const isIpv4 = (value: string) => z.ipv4().safeParse(value).success;
const isIpv6 = (value: string) => z.ipv6().safeParse(value).success;

/** True for a host a probe may be given: a hostname of letters, digits, dots and hyphens, or an IP. */
export function isValidHost(value: string): boolean {
  if (value.length === 0 || value.length > 253 || value.startsWith('-')) return false;
  return isIpv4(value) || isIpv6(value) || hostnamePattern.test(value);
}

/** A host to reach: a name or an IP literal; never starts with '-', so it can never be read as an option. */
export const Host = z
  .string()
  .trim()
  .min(1, { message: 'required' })
  .max(253)
  .refine(isValidHost, { message: 'a hostname (letters, digits, dots, hyphens) or an IP address' })
  .describe('hostname or IP address, e.g. "db1.intranet" or "10.0.0.5"');

const Port = z.number().int().min(1).max(65_535);

/** A DNS server to ask: `ip` or `ip:port` (IPv6 with a port as `[ip]:port`). */
export const ResolverAddress = z
  .string()
  .trim()
  .max(60)
  .refine((value) => parseResolverAddress(value) !== null, {
    message: 'an IP address, optionally with a port: 10.0.0.53, 10.0.0.53:5353, [fd00::53]:53',
  })
  .describe('DNS server to ask, "ip" or "ip:port"; the system resolver when absent');

/** Splits a resolver address into IP and port (53 by default); null when it is not one. */
export function parseResolverAddress(value: string): { ip: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const v4 = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(value);
  const ip = bracketed?.[1] ?? v4?.[1] ?? value;
  const portText = bracketed?.[2] ?? v4?.[2];
  const port = portText === undefined ? 53 : Number(portText);
  if (port < 1 || port > 65_535) return null;
  if (bracketed || v4) return isIpv4(ip) || isIpv6(ip) ? { ip, port } : null;
  return isIpv6(value) ? { ip: value, port: 53 } : null;
}

/** One segment of a JSON path: an object key or an array index. */
export type JsonPathSegment = string | number;

/**
 * Parses the small JSON path subset probes support: `$`, then `.key`, `[0]` or `['key']` segments.
 * Returns null for anything else (no wildcards, filters or scripts, by design).
 */
export function parseJsonPath(path: string): JsonPathSegment[] | null {
  if (!path.startsWith('$') || path.length > 500) return null;
  const segments: JsonPathSegment[] = [];
  const segment = /\.([A-Za-z_$][\w$-]*)|\[(\d{1,9})\]|\['([^'\\]*)'\]|\["([^"\\]*)"\]/y;
  segment.lastIndex = 1;
  while (segment.lastIndex < path.length) {
    const match = segment.exec(path);
    if (!match) return null;
    const [, key, index, single, double] = match;
    segments.push(index !== undefined ? Number(index) : (key ?? single ?? double ?? ''));
    if (segments.length > 32) return null;
  }
  return segments;
}

const statusRangePattern = /^([1-5]\d{2})(?:-([1-5]\d{2}))?$/;

/** An HTTP status code or an inclusive range "200-299". */
export const StatusCodeSpec = z
  .union([
    z.number().int().min(100).max(599),
    z
      .string()
      .trim()
      .refine(
        (value) => {
          const match = statusRangePattern.exec(value);
          return match !== null && Number(match[1]) <= Number(match[2] ?? match[1]);
        },
        { message: 'a status code or a range like "200-299"' },
      ),
  ])
  .describe('a status code (404) or an inclusive range ("200-299")');
export type StatusCodeSpec = z.infer<typeof StatusCodeSpec>;

/** True when `status` falls within one of the codes or ranges. */
export function isExpectedStatus(status: number, expected: readonly StatusCodeSpec[]): boolean {
  return expected.some((spec) => {
    if (typeof spec === 'number') return status === spec;
    const match = statusRangePattern.exec(spec);
    if (!match) return false;
    return status >= Number(match[1]) && status <= Number(match[2] ?? match[1]);
  });
}

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
// Framing and connection headers belong to the HTTP client; setting them would break the request.
const reservedHeaders = new Set([
  'connection',
  'content-length',
  'expect',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const HttpHeaders = z
  .record(
    z
      .string()
      .regex(headerNamePattern, { message: 'a header name (letters, digits and - _ .)' })
      .refine((name) => !reservedHeaders.has(name.toLowerCase()), {
        message: 'this header is set by the HTTP client',
      }),
    z
      .string()
      .max(8192)
      .refine((value) => !/[\r\n\0]/.test(value), { message: 'no line breaks in header values' }),
  )
  .refine((headers) => Object.keys(headers).length <= 50, { message: 'at most 50 headers' })
  .default({})
  .describe(
    'request headers; values may be secrets (tokens, passwords): stored encrypted, never returned in full by the API',
  );

const HttpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    },
    { message: 'an http:// or https:// URL' },
  )
  .refine(
    (value) => {
      const url = URL.canParse(value) ? new URL(value) : null;
      return url === null || (url.username === '' && url.password === '');
    },
    { message: 'no credentials in the URL: use an Authorization header' },
  )
  .describe('the URL to request, http:// or https://');

const Regex = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (value) => {
      try {
        new RegExp(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

/** An assertion on a value inside a JSON response body. */
export const JsonPathAssertion = z
  .strictObject({
    path: z
      .string()
      .refine((value) => parseJsonPath(value) !== null, {
        message: 'a path like $.status, $.items[0].name or $["key"]',
      })
      .describe('where the value sits: $ then .key, [index] or ["key"] segments'),
    equals: z
      .union([z.string().max(1000), z.number(), z.boolean()])
      .optional()
      .describe('the value must equal this (compared as text when the types differ)'),
    exists: z.boolean().optional().describe('true: the value must be present; false: it must be absent'),
  })
  .refine((value) => !(value.exists === false && value.equals !== undefined), {
    message: 'a value cannot both be absent and equal something',
  })
  .describe('checks one value of a JSON body; without equals or exists, the value must be present');
export type JsonPathAssertion = z.infer<typeof JsonPathAssertion>;

/** Settings of an HTTP(S) check. */
export const HttpCheckSettings = z
  .strictObject({
    kind: z.literal('http'),
    url: HttpUrl,
    method: z.enum(httpMethods).default('GET').describe('request method'),
    headers: HttpHeaders,
    body: z.string().max(65_536).optional().describe('request body, sent as given'),
    expectedStatus: z
      .array(StatusCodeSpec)
      .min(1)
      .max(20)
      .default(['200-399'])
      .describe('status codes that count as up'),
    keyword: z.string().min(1).max(1000).optional().describe('text the body must contain (case-sensitive)'),
    keywordAbsent: z
      .boolean()
      .default(false)
      .describe('true: the keyword must NOT appear in the body (e.g. "error")'),
    regex: Regex.optional().describe('a regular expression the body must match; bounded in time'),
    jsonPath: JsonPathAssertion.optional(),
    maxLatencyMs: z
      .number()
      .int()
      .min(1)
      .max(600_000)
      .optional()
      .describe('a response slower than this is down (the check-level degraded threshold only degrades)'),
    followRedirects: z.boolean().default(true).describe('follow up to 5 redirects, each hop checked'),
    verifyTls: z.boolean().default(true).describe('refuse untrusted, expired or wrong-host certificates'),
    reuseConnection: z
      .boolean()
      .default(false)
      .describe('keep a connection open between runs (for very frequent checks); a fresh one otherwise'),
  })
  .refine((value) => !value.keywordAbsent || value.keyword !== undefined, {
    message: 'keywordAbsent needs a keyword',
    path: ['keywordAbsent'],
  })
  .refine((value) => value.body === undefined || value.method !== 'HEAD', {
    message: 'a HEAD request carries no body',
    path: ['body'],
  })
  .describe('an HTTP(S) request whose answer is checked');
export type HttpCheckSettings = z.infer<typeof HttpCheckSettings>;

/** Settings of a TCP connect check. */
export const TcpCheckSettings = z
  .strictObject({
    kind: z.literal('tcp'),
    host: Host,
    port: Port.describe('TCP port'),
  })
  .describe('a TCP connection that must open');
export type TcpCheckSettings = z.infer<typeof TcpCheckSettings>;

export const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'SRV', 'CAA', 'PTR'] as const;
export const DnsRecordType = z.enum(dnsRecordTypes);
export type DnsRecordType = z.infer<typeof DnsRecordType>;

/** Settings of a DNS check. */
export const DnsCheckSettings = z
  .strictObject({
    kind: z.literal('dns'),
    name: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .refine((value) => dnsNamePattern.test(value) || isIpv4(value) || isIpv6(value), {
        message: 'a DNS name (letters, digits, - _ .), or an IP address for PTR',
      })
      .describe('the name to look up; for PTR an IP address or its in-addr.arpa name'),
    recordType: DnsRecordType.default('A').describe('record type to ask for'),
    expectedValues: z
      .array(z.string().trim().min(1).max(1000))
      .max(50)
      .optional()
      .describe(
        'values that must all be in the answer, e.g. "10.0.0.5", "10 mail.example.com" (MX), "issue letsencrypt.org" (CAA)',
      ),
    resolver: ResolverAddress.optional(),
  })
  .describe('a DNS lookup whose answer is checked');
export type DnsCheckSettings = z.infer<typeof DnsCheckSettings>;

export const tlsProtocols = ['TLSv1.2', 'TLSv1.3'] as const;

/** Settings of a TLS certificate check. */
export const TlsCheckSettings = z
  .strictObject({
    kind: z.literal('tls'),
    host: Host,
    port: Port.default(443).describe('TLS port'),
    servername: Host.optional().describe(
      'name sent in SNI and matched against the certificate; the host by default',
    ),
    warningDays: z.number().int().min(0).max(3650).default(21).describe('degraded below this many days left'),
    criticalDays: z.number().int().min(0).max(3650).default(7).describe('down below this many days left'),
    checkHostname: z.boolean().default(true).describe('the certificate must name the host'),
    minProtocol: z
      .enum(tlsProtocols)
      .optional()
      .describe('down when the server negotiates an older protocol'),
  })
  .refine((value) => value.criticalDays <= value.warningDays, {
    message: 'the critical threshold must not exceed the warning threshold',
    path: ['criticalDays'],
  })
  .describe('a TLS handshake whose certificate is checked');
export type TlsCheckSettings = z.infer<typeof TlsCheckSettings>;

/** Settings of a ping (ICMP echo) check. */
export const PingCheckSettings = z
  .strictObject({
    kind: z.literal('ping'),
    host: Host,
    count: z.number().int().min(1).max(10).default(3).describe('echo requests to send'),
    maxLossPercent: z.number().min(0).max(100).default(0).describe('down above this packet loss'),
  })
  .describe('ICMP echo through the system ping');
export type PingCheckSettings = z.infer<typeof PingCheckSettings>;

/** Settings of a heartbeat (push) check: a job calls Regia, and a missing beat is a failure. */
export const HeartbeatCheckSettings = z
  .strictObject({
    kind: z.literal('heartbeat'),
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(60)
      .describe('how late a beat may arrive, after the expected interval, before the check is down'),
  })
  .describe('a push URL that a backup job or cron task calls');
export type HeartbeatCheckSettings = z.infer<typeof HeartbeatCheckSettings>;

/** The settings of any check, told apart by `kind`. */
export const CheckSettings = z.discriminatedUnion('kind', [
  HttpCheckSettings,
  TcpCheckSettings,
  DnsCheckSettings,
  TlsCheckSettings,
  PingCheckSettings,
  HeartbeatCheckSettings,
]);
export type CheckSettings = z.infer<typeof CheckSettings>;
export type CheckSettingsInput = z.input<typeof CheckSettings>;
