import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db, Dialect } from '../../db/connect';
import type { AuditRow, Database } from '../../db/schema';

/** The hash the first record chains from. */
export const genesisHash = '0'.repeat(64);

export interface AuditRecord {
  at: number;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

/** The chain link: covers the previous hash and every stored field of the record. */
export function hashAuditRecord(prevHash: string, record: AuditRecord): string {
  const canonical = JSON.stringify([
    prevHash,
    record.at,
    record.actorId,
    record.actorLabel,
    record.action,
    record.entityType,
    record.entityId,
    record.before,
    record.after,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends records to the chain in order, inside the caller's transaction: the chain head is read
 * once and the rows are inserted in multi-row statements, so a 20,000-row import stays fast.
 */
export async function insertAuditRecords(
  trx: Transaction<Database>,
  dialect: Dialect,
  records: AuditRecord[],
): Promise<void> {
  if (records.length === 0) return;
  // Replicas on PostgreSQL append concurrently: serialise them so the chain never forks.
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(727001)`.execute(trx);
  const last = await trx
    .selectFrom('auditLog')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prevHash = last?.hash ?? genesisHash;
  const rows = records.map((record) => {
    const hash = hashAuditRecord(prevHash, record);
    const row = { ...record, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // SQLite allows 32,766 parameters per statement; ten columns a row.
  for (let start = 0; start < rows.length; start += 500) {
    await trx
      .insertInto('auditLog')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
}

/** One page of records, newest first. */
export async function listAuditRecords(
  db: Db,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom('auditLog');
  if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
  if (filter.actorId) query = query.where('actorId', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Walks the whole chain in id order, in batches, and reports the first broken link. */
export async function verifyAuditChain(
  db: Db,
): Promise<{ isIntact: boolean; checked: number; firstBrokenId: number | null }> {
  let prevHash = genesisHash;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const batch = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (batch.length === 0) return { isIntact: true, checked, firstBrokenId: null };
    for (const row of batch) {
      const expected = hashAuditRecord(prevHash, row);
      if (row.prevHash !== prevHash || row.hash !== expected) {
        return { isIntact: false, checked, firstBrokenId: row.id };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
    }
  }
}
