import type { Db } from '../../db/connect';

/** A token that is neither revoked nor expired, by the hash of its secret. */
export function findLiveToken(db: Db, tokenHash: string, now: number) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'userId', 'lastUsedAt'])
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .executeTakeFirst();
}

export async function markTokenUsed(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', id).execute();
}

const listed = ['id', 'name', 'prefix', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'] as const;

/** A user's tokens, newest first, without their hashes. */
export function listTokensOfUser(db: Db, userId: number) {
  return db
    .selectFrom('apiTokens')
    .select(listed)
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

export function insertToken(
  db: Db,
  token: {
    userId: number;
    name: string;
    tokenHash: string;
    prefix: string;
    createdAt: number;
    expiresAt: number | null;
  },
) {
  return db.insertInto('apiTokens').values(token).returning(listed).executeTakeFirstOrThrow();
}

export function findTokenOfUser(db: Db, id: number, userId: number) {
  return db
    .selectFrom('apiTokens')
    .select(listed)
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function revokeToken(db: Db, id: number, now: number): Promise<void> {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}
