import type { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connect';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { isUniqueViolation } from '../inventory/inventory.repository';
import { findChannelIdByName, findRuleIdByName } from './notifications.repository';

/** What carries a name that must be unique among its kind. */
type Named = 'channel' | 'rule';

const findIdByName = { channel: findChannelIdByName, rule: findRuleIdByName } as const;

function nameTaken(kind: Named, name: string): AppError {
  return appError('conflict', phrase(`notifications.nameTaken.${kind}`, { name }), [
    { path: 'body.name', message: phrase(`notifications.issueNameUsed.${kind}`) },
  ]);
}

/** Refuses a name another channel (or rule) has; `id` is the one being renamed, which may keep it. */
export async function assertNameFree(db: Db, kind: Named, name: string, id?: number): Promise<void> {
  const other = await findIdByName[kind](db, name);
  if (other && other.id !== id) throw nameTaken(kind, name);
}

/**
 * Runs a write that may set `name`. Two writers can both pass `assertNameFree` before either
 * commits; the loser then trips the unique index, which is answered as the same conflict.
 */
export async function withNameConflict<T>(
  kind: Named,
  name: string | undefined,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(kind, name);
    throw error;
  }
}
