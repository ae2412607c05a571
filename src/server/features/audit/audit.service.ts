import type { Transaction } from 'kysely';
import type { AuditEntry, AuditListQuery, AuditVerification } from '../../../shared/contracts/audit';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import { insertAuditRecords, listAuditRecords, verifyAuditChain } from './audit.repository';

/** Who made a change: a signed-in user, or Regia itself (CLI, jobs) with userId null. */
export interface AuditActor {
  userId: number | null;
  label: string;
}

export interface Change {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

// Fields that must never reach the audit log, whatever the entity.
const secretFields = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'secret']);

function serialise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, inner) => (secretFields.has(key) ? undefined : inner));
}

/** Records a change in the tamper-evident log, inside the transaction that makes the change. */
export function recordChange(
  ctx: Pick<AppContext, 'dialect' | 'now'>,
  trx: Transaction<Database>,
  actor: AuditActor,
  change: Change,
): Promise<void> {
  return recordChanges(ctx, trx, actor, [change]);
}

/** Records many changes at once, in order (imports, apply): one chain read, multi-row inserts. */
export async function recordChanges(
  ctx: Pick<AppContext, 'dialect' | 'now'>,
  trx: Transaction<Database>,
  actor: AuditActor,
  changes: Change[],
): Promise<void> {
  const at = ctx.now();
  await insertAuditRecords(
    trx,
    ctx.dialect,
    changes.map((change) => ({
      at,
      actorId: actor.userId,
      actorLabel: actor.label,
      action: change.action,
      entityType: change.entityType,
      entityId: String(change.entityId),
      before: serialise(change.before),
      after: serialise(change.after),
    })),
  );
}

/** A page of the audit log for admins and auditors. */
export async function listAuditEntries(
  ctx: AppContext,
  query: AuditListQuery,
): Promise<{ rows: AuditEntry[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await listAuditRecords(ctx.db, query, query.page, query.pageSize);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actorId,
      actorLabel: row.actorLabel,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
      hash: row.hash,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Checks the hash chain end to end. */
export function verifyAudit(ctx: AppContext): Promise<AuditVerification> {
  return verifyAuditChain(ctx.db);
}
