import type { Transaction } from 'kysely';
import type { AppContext } from './context';
import type { Database } from './db/schema';
import type { EventMap } from './events';

type Emit = (events: AppContext['events']) => void;

// The events waiting for each open transaction; a transaction opened otherwise is not in here.
const waitingOf = new WeakMap<Transaction<Database>, Emit[]>();

/**
 * Runs `work` in one transaction and, only once it has committed, emits the bus events that code
 * inside it queued with `emitAfterCommit`; a rollback drops them. Use it for transactions that call
 * helpers which announce their writes, such as `notifyUsers`.
 */
export async function runTransaction<T>(
  ctx: Pick<AppContext, 'db' | 'events'>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const waiting: Emit[] = [];
  const result = await ctx.db.transaction().execute((trx) => {
    waitingOf.set(trx, waiting);
    return work(trx);
  });
  for (const emit of waiting) emit(ctx.events);
  return result;
}

/**
 * Queues a bus event until the transaction commits, so that listeners (a live page, another server
 * through the event relay) never read a row that is not there yet or is rolled back. Helpers written
 * inside other features' transactions call this instead of asking each caller to emit afterwards:
 * there is then one place to remember, and a transaction not opened with `runTransaction` fails
 * loudly here, in the first test that takes the path, instead of silently never announcing.
 */
export function emitAfterCommit<K extends keyof EventMap>(
  trx: Transaction<Database>,
  name: K,
  event: EventMap[K],
): void {
  const waiting = waitingOf.get(trx);
  if (!waiting) {
    throw new Error(`emitAfterCommit('${name}'): open this transaction with runTransaction(ctx, work)`);
  }
  waiting.push((events) => events.emit(name, event));
}
