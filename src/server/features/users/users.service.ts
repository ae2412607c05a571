import type { NewUser, UpdateUser, User, UserListQuery } from '../../../shared/contracts/users';
import type { Role } from '../../../shared/domain/roles';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { type AuditActor, recordChange } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { deleteSessionsOfUser } from '../auth/sessions.repository';
import {
  countOtherEnabledAdmins,
  findUser,
  findUserByEmail,
  insertUser,
  listUsers,
  markSetupClosed,
  updateUserRow,
} from './users.repository';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

function toUser(row: UserRow): User {
  return { ...row, role: row.role as Role, isDisabled: Boolean(row.isDisabled) };
}

export async function listUserPage(ctx: AppContext, query: UserListQuery) {
  const { rows, total } = await listUsers(ctx.db, query);
  return { rows: rows.map(toUser), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(ctx: AppContext, id: number): Promise<User> {
  const row = await findUser(ctx.db, id);
  if (!row) throw notFound('user');
  return toUser(row);
}

/** Creates an account (admin, or the CLI); the first account also closes first-run setup. */
export async function createUser(ctx: AppContext, actor: AuditActor, input: NewUser): Promise<User> {
  if (await findUserByEmail(ctx.db, input.email)) {
    throw appError('conflict', phrase('users.emailUsed'), [
      { path: 'body.email', message: phrase('issue.alreadyUsed') },
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertUser(trx, { ...input, passwordHash, now: ctx.now() });
    await markSetupClosed(trx, ctx.now());
    await recordChange(ctx, trx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return toUser(row);
}

/** Changes a user; a new password or disabling ends all their sessions at once. */
export async function updateUser(
  ctx: AppContext,
  actor: AuditActor,
  id: number,
  input: UpdateUser,
): Promise<User> {
  const before = await findUser(ctx.db, id);
  if (!before) throw notFound('user');
  const losesAdmin =
    before.role === 'admin' &&
    !before.isDisabled &&
    ((input.role && input.role !== 'admin') || input.isDisabled === true);
  if (losesAdmin && (await countOtherEnabledAdmins(ctx.db, id)) === 0) {
    throw appError('conflict', phrase('users.lastAdmin'));
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const after = await updateUserRow(trx, id, {
      name: input.name,
      role: input.role,
      isDisabled: input.isDisabled === undefined ? undefined : Number(input.isDisabled),
      passwordHash,
      updatedAt: ctx.now(),
    });
    if (passwordHash || input.isDisabled) await deleteSessionsOfUser(trx, id);
    await recordChange(ctx, trx, actor, {
      action: passwordHash ? 'user.update.password' : 'user.update',
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  return toUser(row);
}
