import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/**
 * Saved views of the work item list: a name, the filters, the order and the grouping, kept as JSON
 * text (portable across both dialects, read back through the shared contract). A view belongs to
 * one team's list; its owner may share it with everyone who sees that team.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('workViews'), dialect)
    .addColumn('teamId', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    // A deleted owner's shared views stay for the team; their personal ones go with them.
    .addColumn('ownerId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('isShared', 'integer', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_views_team').on('workViews').columns(['teamId', 'name']).execute();
}
