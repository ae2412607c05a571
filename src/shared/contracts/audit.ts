import { z } from 'zod';
import { EpochMs, PageQuery, pageOf } from './common';

/** One tamper-evident record of a change. */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: EpochMs,
  actorId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string().describe('e.g. item.create, user.update'),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = z.strictObject({
  ...PageQuery,
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  action: z.string().max(100).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditPage = pageOf(AuditEntry);

/** Result of walking the hash chain. */
export const AuditVerification = z.object({
  isIntact: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
