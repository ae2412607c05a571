import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from './context';
import type { EventMap } from './events';

/**
 * The bus events other servers on the same PostgreSQL database must hear: what live pages show,
 * and changes a server's check engine or delivery worker must pick up. `storage.degraded` stays
 * local: it is about this process.
 */
export const relayedEvents = [
  'check.stateChanged',
  'check.result',
  'check.definitionChanged',
  'check.beat',
  'settings.outboundPolicyChanged',
  'notifications.changed',
  'incident.changed',
  'work.changed',
  'personal.notified',
  'maintenance.changed',
] as const satisfies readonly (keyof EventMap)[];
type RelayedName = (typeof relayedEvents)[number];
type Relayed = [RelayedName, unknown];

// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; stay well below.
const maxPayloadBytes = 7000;
const flushDelayMs = 100;

export interface EventRelay {
  stop(): Promise<void>;
}

/** The channel of this database schema: servers of another Regia in another schema never hear it. */
async function channelOf(ctx: AppContext): Promise<string> {
  const row = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(ctx.db);
  const schema = row.rows[0]?.schema ?? 'public';
  return `regia_events_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}

/** Splits events into payloads under the size limit; an event too big on its own is dropped. */
function payloadsOf(origin: string, events: Relayed[]): string[] {
  const payloads: string[] = [];
  let batch: Relayed[] = [];
  const encode = (list: Relayed[]) => JSON.stringify({ origin, events: list });
  for (const event of events) {
    if (Buffer.byteLength(encode([event])) > maxPayloadBytes) continue;
    if (Buffer.byteLength(encode([...batch, event])) > maxPayloadBytes) {
      payloads.push(encode(batch));
      batch = [];
    }
    batch.push(event);
  }
  if (batch.length > 0) payloads.push(encode(batch));
  return payloads;
}

/**
 * Relays bus events between the servers sharing a PostgreSQL database, with LISTEN/NOTIFY, so a
 * page open on one replica updates with results recorded by another, and a check created on one
 * is scheduled by all. Events are sent in batches every 100 ms; a server ignores its own. Live
 * updates are best effort: a payload lost while a listener reconnects is not replayed (pages
 * refetch on their own). On SQLite (one process) it does nothing.
 */
export async function startEventRelay(ctx: AppContext): Promise<EventRelay> {
  const { listen } = ctx.storage;
  if (ctx.dialect !== 'postgres' || !listen) return { stop: async () => undefined };
  const origin = randomUUID();
  const channel = await channelOf(ctx);
  let pending: Relayed[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let relaying = false;
  let stopped = false;

  const flush = async () => {
    flushTimer = undefined;
    const events = pending;
    pending = [];
    for (const payload of payloadsOf(origin, events)) {
      try {
        await sql`SELECT pg_notify(${channel}, ${payload})`.execute(ctx.db);
      } catch (error) {
        ctx.log.warn({ err: error }, 'could not relay events to other servers');
      }
    }
  };

  const receive = (payload: string) => {
    let message: { origin: string; events: Relayed[] };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.origin === origin) return;
    relaying = true;
    try {
      for (const [name, event] of message.events) {
        if ((relayedEvents as readonly string[]).includes(name)) {
          ctx.events.emit(name, event as EventMap[typeof name]);
        }
      }
    } finally {
      relaying = false;
    }
  };

  let close: (() => Promise<void>) | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const connectListener = async (attempt: number): Promise<void> => {
    try {
      close = await listen(channel, receive, (error) => {
        ctx.log.warn({ err: error }, 'event relay listener lost; reconnecting');
        void close?.();
        close = undefined;
        if (!stopped) retryTimer = setTimeout(() => void connectListener(1), 1000);
      });
    } catch (error) {
      const delay = Math.min(30_000, 1000 * 2 ** attempt);
      ctx.log.warn({ err: error, retryInMs: delay }, 'event relay cannot listen yet');
      if (!stopped) retryTimer = setTimeout(() => void connectListener(attempt + 1), delay);
    }
  };
  await connectListener(0);

  const unsubscribe = relayedEvents.map((name) =>
    ctx.events.on(name, (event) => {
      // An event this relay is re-emitting came from another server: do not send it back.
      if (relaying || stopped) return;
      pending.push([name, event]);
      flushTimer ??= setTimeout(() => void flush(), flushDelayMs);
    }),
  );

  return {
    async stop() {
      stopped = true;
      for (const off of unsubscribe) off();
      clearTimeout(retryTimer);
      if (flushTimer) {
        clearTimeout(flushTimer);
        await flush();
      }
      await close?.();
    },
  };
}
