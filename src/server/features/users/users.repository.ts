import type { UserListQuery } from '../../../shared/contracts/users';
import type { Db } from '../../db/connect';

const setupClosedKey = 'setupCompletedAt';

/** Setup closes for good once any account has been made, even if every account is later removed. */
export async function isSetupClosed(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', setupClosedKey)
    .executeTakeFirst();
  if (row) return true;
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return anyUser !== undefined;
}

export async function markSetupClosed(db: Db, now: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: setupClosedKey, value: String(now) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

const publicColumns = ['id', 'email', 'name', 'role', 'isDisabled', 'createdAt', 'updatedAt'] as const;

export function findUser(db: Db, id: number) {
  return db.selectFrom('users').select(publicColumns).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(publicColumns).where('email', '=', email).executeTakeFirst();
}

/** One page of users matching the query; sort fields come from the contract's allow-list. */
export async function listUsers(db: Db, query: UserListQuery) {
  let base = db.selectFrom('users');
  if (query.q) {
    const pattern = `%${query.q.toLowerCase()}%`;
    base = base.where((eb) =>
      eb.or([eb(eb.fn('lower', ['email']), 'like', pattern), eb(eb.fn('lower', ['name']), 'like', pattern)]),
    );
  }
  if (query.role) base = base.where('role', '=', query.role);
  const [rows, count] = await Promise.all([
    base
      .select(publicColumns)
      .orderBy(query.sort, query.direction)
      .orderBy('id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function insertUser(
  db: Db,
  user: { email: string; name: string; role: string; passwordHash: string; now: number },
) {
  return db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash: user.passwordHash,
      isDisabled: 0,
      locale: null,
      createdAt: user.now,
      updatedAt: user.now,
    })
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
}

export function updateUserRow(
  db: Db,
  id: number,
  change: { name?: string; role?: string; isDisabled?: number; passwordHash?: string; updatedAt: number },
) {
  return db
    .updateTable('users')
    .set(change)
    .where('id', '=', id)
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
}

/** Enabled admins other than the given user: the last one cannot be demoted or disabled. */
export async function countOtherEnabledAdmins(db: Db, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('isDisabled', '=', 0)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
