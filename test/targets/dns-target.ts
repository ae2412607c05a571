import dgram from 'node:dgram';
import dnsPacket, { type Answer } from 'dns-packet';

/** The records of one name; a name may also fail on purpose. */
export interface DnsRecords {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  MX?: { priority: number; exchange: string }[];
  TXT?: string[];
  NS?: string[];
}

/** A name's records, or the failure it answers with ('SILENT' never answers). */
export type DnsZone = Record<string, DnsRecords | 'SERVFAIL' | 'NXDOMAIN' | 'REFUSED' | 'SILENT'>;

/** A running test DNS server. */
export interface DnsTarget {
  port: number;
  /** "127.0.0.1:port", as a resolver option. */
  address: string;
  queries: { name: string; type: string }[];
  close(): Promise<void>;
}

const rcodes = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const ttl = 60;

function recordsOf(zone: DnsZone, name: string, type: string, depth = 0): Answer[] | null {
  const entry = zone[name];
  if (entry === undefined || typeof entry === 'string') return null;
  if (entry.CNAME && type !== 'CNAME') {
    const target = entry.CNAME.toLowerCase();
    const chained = depth < 5 ? (recordsOf(zone, target, type, depth + 1) ?? []) : [];
    return [{ type: 'CNAME', name, ttl, data: entry.CNAME }, ...chained];
  }
  switch (type) {
    case 'A':
    case 'AAAA':
    case 'NS':
      return (entry[type] ?? []).map((data) => ({ type, name, ttl, data }));
    case 'CNAME':
      return entry.CNAME ? [{ type: 'CNAME', name, ttl, data: entry.CNAME }] : [];
    case 'MX':
      return (entry.MX ?? []).map((mx) => ({
        type: 'MX',
        name,
        ttl,
        data: { preference: mx.priority, exchange: mx.exchange },
      }));
    case 'TXT':
      return (entry.TXT ?? []).map((data) => ({ type: 'TXT', name, ttl, data }));
    default:
      return [];
  }
}

/**
 * Starts a DNS server over UDP on 127.0.0.1 that answers from `zone` (names in lower case, no
 * trailing dot). Unknown names get NXDOMAIN; known names without the asked type get an empty answer.
 */
export async function startDnsTarget(zone: DnsZone): Promise<DnsTarget> {
  const socket = dgram.createSocket('udp4');
  const queries: DnsTarget['queries'] = [];
  socket.on('message', (message, remote) => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    queries.push({ name, type: question.type });
    const entry = zone[name];
    if (entry === 'SILENT') return;
    const failure = typeof entry === 'string' ? entry : entry === undefined ? 'NXDOMAIN' : null;
    const answers = failure ? [] : (recordsOf(zone, name, question.type) ?? []);
    const rcode = failure ? rcodes[failure] : rcodes.NOERROR;
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
