import { randomBytes } from 'node:crypto';
import type { UserSpec } from '../../../shared/contracts/configuration';
import type { User } from '../../../shared/contracts/users';
import { createUser, listUserPage, updateUser } from '../users/users.service';
import {
  type ApplyOutcome,
  type ConfigurationSection,
  type ConfigurationTarget,
  listAllPages,
  listAllServicePages,
  planByKey,
  withoutDefaults,
} from './configuration.section';

const fields = ['name', 'role', 'disabled'] as const;

/** Every user, for other sections that refer to users by email. */
export async function listAllUsers(target: ConfigurationTarget): Promise<User[]> {
  if (target.mode === 'remote') return listAllPages<User>(target.api, '/users', { sort: 'email' });
  return listAllServicePages((page, pageSize) =>
    listUserPage(target.ctx, { page, pageSize, sort: 'email', direction: 'asc' }),
  );
}

/** A password nobody knows yet: shown once after apply, for an admin to hand over or reset. */
function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Users by email: name, role, disabled. Never passwords: new users get a random one, shown once. */
export const usersSection: ConfigurationSection<UserSpec> = {
  name: 'users',
  label: 'user',
  keyOf: (spec) => spec.email,

  async exportSection(target) {
    const users = await listAllUsers(target);
    return users.map((user) => ({
      email: user.email,
      name: user.name,
      role: user.role,
      disabled: user.isDisabled,
    }));
  },

  compact: (spec) => withoutDefaults(spec, { disabled: false }),

  planSection(desired, context) {
    return {
      entries: planByKey(usersSection, desired, context.current.users as UserSpec[], fields),
      issues: [],
    };
  },

  async applySection(entries, target, outcome: ApplyOutcome, options) {
    const users = new Map((await listAllUsers(target)).map((user) => [user.email, user]));
    for (const entry of entries) {
      const spec = entry.desired;
      if (entry.action === 'create') {
        const password = options.newUserPassword ?? randomPassword();
        const input = { email: spec.email, name: spec.name, role: spec.role, password };
        const created =
          target.mode === 'local'
            ? await createUser(target.ctx, target.actor, input)
            : await target.api.send<User>('POST', '/users', input);
        if (spec.disabled) await changeUser(target, created.id, { isDisabled: true });
        if (!options.newUserPassword) outcome.passwords.push({ email: spec.email, password });
      } else if (entry.action === 'update') {
        const user = users.get(entry.key);
        if (!user) throw new Error(`user ${entry.key} disappeared while applying`);
        await changeUser(target, user.id, { name: spec.name, role: spec.role, isDisabled: spec.disabled });
      }
    }
  },
};

function changeUser(
  target: ConfigurationTarget,
  id: number,
  change: { name?: string; role?: User['role']; isDisabled?: boolean },
) {
  return target.mode === 'local'
    ? updateUser(target.ctx, target.actor, id, change)
    : target.api.send<User>('PATCH', `/users/${id}`, change);
}
