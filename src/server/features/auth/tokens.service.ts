import type { ApiToken, CreatedApiToken, NewApiToken } from '../../../shared/contracts/auth';
import type { AppContext } from '../../context';
import { notFound } from '../../i18n/app-error';
import { type AuditActor, recordChange } from '../audit/audit.service';
import { generateSecret, hashSecret } from './secrets';
import { findTokenOfUser, insertToken, listTokensOfUser, revokeToken } from './tokens.repository';

export const tokenPrefix = 'rg_';

export function listTokens(ctx: AppContext, userId: number): Promise<ApiToken[]> {
  return listTokensOfUser(ctx.db, userId);
}

/** Makes a token for a user; the secret is in this answer only, the database keeps its hash. */
export async function createToken(
  ctx: AppContext,
  actor: AuditActor,
  userId: number,
  input: NewApiToken,
): Promise<CreatedApiToken> {
  const token = generateSecret(tokenPrefix, 32);
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertToken(trx, {
      userId,
      name: input.name,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 10),
      createdAt: now,
      expiresAt: input.expiresInDays === null ? null : now + input.expiresInDays * 86_400_000,
    });
    await recordChange(ctx, trx, actor, {
      action: 'token.create',
      entityType: 'apiToken',
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return { ...row, token };
}

/** Revokes one of the user's own tokens; another user's token is "not found". */
export async function revokeOwnToken(
  ctx: AppContext,
  actor: AuditActor & { userId: number },
  id: number,
): Promise<void> {
  const token = await findTokenOfUser(ctx.db, id, actor.userId);
  if (!token) throw notFound('token');
  await ctx.db.transaction().execute(async (trx) => {
    await revokeToken(trx, id, ctx.now());
    await recordChange(ctx, trx, actor, {
      action: 'token.revoke',
      entityType: 'apiToken',
      entityId: id,
      before: token,
    });
  });
}
