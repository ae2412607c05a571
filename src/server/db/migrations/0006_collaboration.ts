import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';

// Frozen once landed: a later change is a new migration.

/** Comments, mentions, watchers, personal notifications and their preferences. */
export async function up(_db: Kysely<unknown>, _dialect: Dialect): Promise<void> {}
