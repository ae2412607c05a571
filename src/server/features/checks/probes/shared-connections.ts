import { createHash } from 'node:crypto';
import type { Client } from 'undici';
import type { AddressPolicy } from '../../../net/address-policy';
import { type ConnectionTrace, createPinnedClient } from '../../../net/pinned-dispatcher';

/** A keep-alive connection kept between runs of checks that ask for `reuseConnection`. */
export interface SharedConnection {
  client: Client;
  /** The trace of the run using the connection now; a reconnect reports its timings there. */
  trace: ConnectionTrace | undefined;
}

const maxSharedConnections = 1000;
const connections = new Map<string, SharedConnection>();

/** What makes two runs able to share a connection: same origin and same connection rules. */
export interface SharedConnectionKey {
  origin: string;
  policy: AddressPolicy;
  resolver?: string;
  verifyTls: boolean;
  caPem?: string;
  timeoutMs: number;
}

/**
 * The shared connection for this origin and these rules, opened on first use. The connector
 * still checks the address policy whenever the connection has to be re-established.
 */
export function getSharedConnection(key: SharedConnectionKey): SharedConnection {
  const id = JSON.stringify([
    key.origin,
    key.policy,
    key.resolver ?? null,
    key.verifyTls,
    key.caPem ? createHash('sha256').update(key.caPem).digest('hex') : null,
    key.timeoutMs,
  ]);
  const existing = connections.get(id);
  if (existing) {
    // Re-insert so the map's order stays least recently used first.
    connections.delete(id);
    connections.set(id, existing);
    return existing;
  }
  if (connections.size >= maxSharedConnections) {
    const [oldestId, oldest] = connections.entries().next().value as [string, SharedConnection];
    connections.delete(oldestId);
    oldest.client.destroy().catch(() => undefined);
  }
  const connection: SharedConnection = { client: undefined as unknown as Client, trace: undefined };
  connection.client = createPinnedClient(
    key.origin,
    {
      policy: key.policy,
      resolver: key.resolver,
      timeoutMs: key.timeoutMs,
      verifyTls: key.verifyTls,
      caPem: key.caPem,
      trace: () => connection.trace,
    },
    { keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 },
  );
  connections.set(id, connection);
  return connection;
}

/** Closes every shared connection (on shutdown, and between tests). */
export async function closeSharedConnections(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  await Promise.allSettled(open.map((connection) => connection.client.destroy()));
}
