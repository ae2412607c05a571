import { randomInt } from 'node:crypto';
import type {
  ChangePasswordRequest,
  LoginRequest,
  Me,
  SetupRequest,
  UpdateMeRequest,
} from '../../../shared/contracts/auth';
import type { AppContext } from '../../context';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { recordChange } from '../audit/audit.service';
import { isSetupClosed, markSetupClosed } from '../users/users.repository';
import type { Actor } from './actor';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { generateSecret, hashSecret, isSameSecret } from './secrets';
import { deleteSession, deleteSessionsOfUser, insertSession } from './sessions.repository';

/** A new session: the cookie value for the browser; only its hash is stored. */
export interface IssuedSession {
  cookieValue: string;
  maxAgeSeconds: number;
}

/** The client's view of an actor, with the organisation's timezone the browser computes dates in. */
export function toMe(actor: Actor, timezone: string): Me {
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    locale: actor.locale,
    teamIds: actor.teamIds,
    leadTeamIds: actor.leadTeamIds,
    timezone,
  };
}

/** Starts a session for a user (a fresh id at every sign-in). */
export async function startSession(ctx: AppContext, userId: number): Promise<IssuedSession> {
  const cookieValue = generateSecret('', 32);
  const now = ctx.now();
  const maxAgeSeconds = ctx.config.sessionDays * 86_400;
  await insertSession(ctx.db, {
    id: hashSecret(cookieValue),
    userId,
    createdAt: now,
    expiresAt: now + maxAgeSeconds * 1000,
  });
  return { cookieValue, maxAgeSeconds };
}

/**
 * Checks email and password; an unknown email, a wrong password and a disabled account get the same
 * answer in the same time. Too many failures per email or per address are refused for a while.
 */
export async function login(
  ctx: AppContext,
  throttle: LoginThrottle,
  request: LoginRequest,
  clientAddress: string,
): Promise<{ userId: number; session: IssuedSession }> {
  const keys = [`email:${request.email}`, `ip:${clientAddress}`];
  const waitMs = throttle.retryAfterMs(keys, ctx.now());
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    throw appError(
      'too_many_requests',
      minutes === 1 ? phrase('auth.tooManySignInsOneMinute') : phrase('auth.tooManySignIns', { minutes }),
      { retryAfterSeconds: Math.ceil(waitMs / 1000) },
    );
  }
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'isDisabled'])
    .where('email', '=', request.email)
    .executeTakeFirst();
  const isValid = await verifyPassword(user?.passwordHash ?? null, request.password);
  if (!user || !isValid || user.isDisabled) {
    throttle.recordFailure(keys, ctx.now());
    throw appError('unauthenticated', phrase('auth.wrongCredentials'));
  }
  throttle.recordSuccess([`email:${request.email}`]);
  return { userId: user.id, session: await startSession(ctx, user.id) };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.sessionId) await deleteSession(ctx.db, actor.sessionId);
}

/** Changes the caller's password, ends all their sessions and returns a fresh one for this browser. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  request: ChangePasswordRequest,
): Promise<IssuedSession | null> {
  const user = await ctx.db
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, request.currentPassword))) {
    throw appError('validation_failed', phrase('auth.currentPasswordWrong'), [
      { path: 'body.currentPassword', message: phrase('auth.issueWrongPassword') },
    ]);
  }
  const passwordHash = await hashPassword(request.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: ctx.now() })
      .where('id', '=', actor.userId)
      .execute();
    await deleteSessionsOfUser(trx, actor.userId);
    await recordChange(ctx, trx, actor, {
      action: 'user.password.change',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
  return actor.via === 'session' ? startSession(ctx, actor.userId) : null;
}

/** Updates the caller's own name or language. */
export async function updateMe(ctx: AppContext, actor: Actor, request: UpdateMeRequest): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['name', 'locale'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const after = {
      name: request.name ?? before.name,
      locale: request.locale === undefined ? before.locale : request.locale,
    };
    await trx
      .updateTable('users')
      .set({ ...after, updatedAt: ctx.now() })
      .where('id', '=', actor.userId)
      .execute();
    await recordChange(ctx, trx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: actor.userId,
      before,
      after,
    });
  });
}

/**
 * First-run setup: open only while no account exists and it has never completed. The one-time code is
 * printed by the server at start, so whoever reaches a fresh server first on the network cannot take it.
 */
export class SetupGate {
  private code: string | null = null;

  /** Makes a code when setup is open and returns it (for the terminal), or null when closed. */
  async open(ctx: AppContext): Promise<string | null> {
    if (await isSetupClosed(ctx.db)) return null;
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const pick = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
    this.code = `${pick()}-${pick()}-${pick()}`;
    return this.code;
  }

  /** Tests and embedding code set a known code. */
  fixCode(code: string): void {
    this.code = code;
  }

  async isOpen(ctx: AppContext): Promise<boolean> {
    return this.code !== null && !(await isSetupClosed(ctx.db));
  }

  /** Creates the first admin if the code matches; closes setup for good. */
  async complete(ctx: AppContext, request: SetupRequest): Promise<number> {
    if (!(await this.isOpen(ctx)) || this.code === null) {
      throw appError('setup_closed', phrase('auth.setupClosed'));
    }
    if (!isSameSecret(request.code.toUpperCase(), this.code)) {
      throw appError('forbidden', phrase('auth.setupCodeWrong'), [
        { path: 'body.code', message: phrase('auth.issueWrongCode') },
      ]);
    }
    const passwordHash = await hashPassword(request.password);
    const userId = await ctx.db.transaction().execute(async (trx) => {
      if (await isSetupClosed(trx)) throw appError('setup_closed', phrase('auth.setupClosed'));
      const now = ctx.now();
      const user = await trx
        .insertInto('users')
        .values({
          email: request.email,
          name: request.name,
          passwordHash,
          role: 'admin',
          isDisabled: 0,
          locale: null,
          createdAt: now,
          updatedAt: now,
        })
        .returning(['id', 'email', 'name', 'role'])
        .executeTakeFirstOrThrow();
      await markSetupClosed(trx, now);
      await recordChange(
        ctx,
        trx,
        { userId: user.id, label: user.email },
        {
          action: 'setup.complete',
          entityType: 'user',
          entityId: user.id,
          after: user,
        },
      );
      return user.id;
    });
    this.code = null;
    return userId;
  }
}
