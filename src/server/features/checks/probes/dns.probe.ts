import dns from 'node:dns';
import {
  type DnsCheckSettings,
  type DnsRecordType,
  parseResolverAddress,
} from '../../../../shared/contracts/check-kinds';
import { checkAddress, normalizeAddress } from '../../../net/address-policy';
import { createDeadline } from '../../../net/deadline';
import { errorCodeOf } from '../../../net/outbound-error';
import {
  describeFailure,
  downResult,
  type ProbeOptions,
  type ProbeResult,
  roundPhases,
  withLatencyVerdict,
} from './probe-result';

type Resolver = dns.promises.Resolver;

/** Lower case, no trailing dot, single spaces, no quotes: how answers and expected values are compared. */
function normalizeName(value: string): string {
  return value
    .trim()
    .replace(/\s+/g, ' ')
    .replaceAll('"', '')
    .replace(/\.$/, '')
    .replace(/\. /g, ' ')
    .toLowerCase();
}

/** Answers of each record type as text: "10.0.0.5", "10 mail.example.com", "issue letsencrypt.org". */
async function queryRecords(resolver: Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'PTR':
      return normalizeAddress(name) !== null ? resolver.reverse(name) : resolver.resolvePtr(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((record) => `${record.priority} ${record.exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map((r) => `${r.priority} ${r.weight} ${r.port} ${r.name}`);
    case 'SOA': {
      const soa = await resolver.resolveSoa(name);
      return [`${soa.nsname} ${soa.hostmaster} ${soa.serial}`];
    }
    case 'CAA':
      return (await resolver.resolveCaa(name)).map((record) => {
        const [tag, value] = Object.entries(record).find(([key]) => key !== 'critical') ?? ['unknown', ''];
        return `${tag} ${String(value)}`;
      });
  }
}

/** True when the answer holds the expected value, compared the way the record type reads. */
function answerHolds(answers: string[], expected: string, type: DnsRecordType): boolean {
  if (type === 'A' || type === 'AAAA') {
    const wanted = normalizeAddress(expected) ?? expected;
    return answers.some((answer) => (normalizeAddress(answer) ?? answer) === wanted);
  }
  // TXT content is case-sensitive; every other type holds names.
  if (type === 'TXT')
    return answers.some((answer) => answer === expected || answer === expected.replaceAll('"', ''));
  const wanted = normalizeName(expected);
  return answers.some((answer) => {
    const normal = normalizeName(answer);
    // "mail.example.com" matches an MX answer "10 mail.example.com": the priority may be left out.
    return normal === wanted || (type === 'MX' && normal.split(' ')[1] === wanted);
  });
}

const dnsErrorMessages: Record<string, (name: string, type: DnsRecordType) => string> = {
  ENOTFOUND: (name) => `name '${name}' not found (NXDOMAIN)`,
  ENODATA: (name, type) => `no ${type} records for '${name}'`,
  ESERVFAIL: () => 'the DNS server answered SERVFAIL',
  EREFUSED: () => 'the DNS server refused the query (REFUSED)',
  ECONNREFUSED: () => 'the DNS server is unreachable (connection refused)',
  EBADRESP: () => 'the DNS server sent a malformed answer',
  EFORMERR: () => 'the DNS server could not read the query (FORMERR)',
  ENOTIMP: () => 'the DNS server does not implement this query (NOTIMP)',
  EBADNAME: (name) => `'${name}' is not a valid DNS name`,
};

/** Looks up a name at the chosen (or the system) resolver and checks the answer. Never throws. */
export async function runDnsProbe(settings: DnsCheckSettings, options: ProbeOptions): Promise<ProbeResult> {
  const deadline = createDeadline(options.timeoutMs, options.signal);
  const resolverAddress = settings.resolver ?? options.resolver;
  const details: Record<string, string | number | boolean | null> = { recordType: settings.recordType };
  let resolver: Resolver | undefined;
  try {
    // c-ares timeouts are per try; one try within our deadline, the deadline bounds the whole run.
    resolver = new dns.promises.Resolver({ timeout: Math.max(50, Math.floor(options.timeoutMs)), tries: 1 });
    if (resolverAddress !== undefined) {
      const server = parseResolverAddress(resolverAddress);
      if (!server)
        return downResult(`'${resolverAddress}' is not a DNS server address`, { totalMs: 0 }, details);
      const verdict = checkAddress(server.ip, options.policy);
      if (!verdict.allowed) {
        return downResult(
          `DNS server refused by policy: ${verdict.reason}`,
          { totalMs: 0 },
          { ...details, addressRefused: true },
        );
      }
      resolver.setServers([
        server.ip.includes(':') ? `[${server.ip}]:${server.port}` : `${server.ip}:${server.port}`,
      ]);
      details.resolver = `${server.ip}:${server.port}`;
    }
    const pending = resolver;
    const onAbort = () => pending.cancel();
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    let answers: string[];
    try {
      answers = await Promise.race([
        queryRecords(pending, settings.name, settings.recordType),
        new Promise<never>((_, reject) => {
          deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true });
        }),
      ]);
    } finally {
      deadline.signal.removeEventListener('abort', onAbort);
    }
    const totalMs = deadline.elapsedMs();
    const phases = roundPhases({ dnsMs: totalMs, totalMs });
    details.recordCount = answers.length;
    details.records = answers.join(', ').slice(0, 1000);
    const missing = (settings.expectedValues ?? []).filter(
      (value) => !answerHolds(answers, value, settings.recordType),
    );
    if (answers.length === 0)
      return downResult(`no ${settings.recordType} records for '${settings.name}'`, phases, details);
    if (missing.length > 0) {
      const got = answers.join(', ');
      const message = `expected ${missing.map((value) => `'${value}'`).join(', ')} not in the answer (got ${got.length > 200 ? `${got.slice(0, 200)}…` : got})`;
      return { status: 'down', message, latencyMs: phases.totalMs, phases, details };
    }
    const shown = answers.slice(0, 3).join(', ') + (answers.length > 3 ? ', …' : '');
    const verdict = withLatencyVerdict(
      {
        status: 'up',
        message: `${answers.length} ${settings.recordType} record${answers.length === 1 ? '' : 's'}: ${shown}`,
      },
      totalMs,
      options.degradedAboveMs,
    );
    return { ...verdict, latencyMs: phases.totalMs, phases, details };
  } catch (error) {
    const code = errorCodeOf(error);
    const worded = code ? dnsErrorMessages[code] : undefined;
    const totalMs = deadline.elapsedMs();
    if ((deadline.isExpired() || code === 'ETIMEOUT') && !deadline.isCancelled()) {
      const message = `the DNS server did not answer within ${options.timeoutMs} ms`;
      return downResult(message, { dnsMs: totalMs, totalMs }, { ...details, timedOut: true });
    }
    if (worded && !deadline.isExpired() && !deadline.isCancelled()) {
      return downResult(
        worded(settings.name, settings.recordType),
        { dnsMs: totalMs, totalMs },
        { ...details, errorCode: code ?? null },
      );
    }
    const failure = describeFailure(error, deadline, 'dns', settings.name);
    return downResult(failure.message, { dnsMs: totalMs, totalMs }, { ...details, ...failure.details });
  } finally {
    resolver?.cancel();
    deadline.dispose();
  }
}
