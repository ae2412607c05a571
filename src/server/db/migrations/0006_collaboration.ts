import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/**
 * Comments, mentions, watchers, personal notifications and their preferences. Comments and watchers
 * name what they are about by type and id (a work item, an incident, an inventory item) without a
 * foreign key: the collaboration feature's target registry checks that the entity exists.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('comments'), dialect)
    .addColumn('entityType', 'varchar(30)', (c) => c.notNull())
    .addColumn('entityId', 'integer', (c) => c.notNull())
    .addColumn('authorId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // The Markdown source as written; clients render it sanitised.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    // Set by an edit, so readers see that the text changed after others may have read it.
    .addColumn('editedAt', 'bigint')
    .execute();
  await db.schema
    .createIndex('comments_entity')
    .on('comments')
    .columns(['entityType', 'entityId', 'id'])
    .execute();

  // Who a comment mentions, resolved when it was saved (unknown names stay plain text).
  await db.schema
    .createTable('commentMentions')
    .addColumn('commentId', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('comment_mentions_pk', ['commentId', 'userId'])
    .execute();

  // Who follows an entity, and why (explicit, commented, mentioned, assignee, reporter).
  await db.schema
    .createTable('watchers')
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('entityType', 'varchar(30)', (c) => c.notNull())
    .addColumn('entityId', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(20)', (c) => c.notNull())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('watchers_pk', ['userId', 'entityType', 'entityId'])
    .execute();
  await db.schema.createIndex('watchers_entity').on('watchers').columns(['entityType', 'entityId']).execute();

  // The in-app notification centre: one row per person and fact.
  await withIdColumn(db.schema.createTable('personalNotifications'), dialect)
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('entityType', 'varchar(30)', (c) => c.notNull())
    .addColumn('entityId', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // The entity's page in the web client, as the notifying feature knows it.
    .addColumn('link', 'varchar(300)', (c) => c.notNull())
    .addColumn('actorId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('readAt', 'bigint')
    .execute();
  await db.schema
    .createIndex('personal_notifications_user')
    .on('personalNotifications')
    .columns(['userId', 'readAt', 'id'])
    .execute();

  // Per person and kind: in the centre, by email. A missing row means the kind's default.
  await db.schema
    .createTable('notificationPreferences')
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('isInApp', 'integer', (c) => c.notNull())
    .addColumn('isEmail', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['userId', 'kind'])
    .execute();

  // Who wants the daily digest.
  await db.schema
    .createTable('digestSubscriptions')
    .addColumn('userId', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .execute();

  // One digest per person and organisation day, kept by the database across restarts and replicas.
  await db.schema
    .createTable('digestDeliveries')
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('notificationCount', 'integer', (c) => c.notNull())
    .addColumn('queuedAt', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_deliveries_pk', ['userId', 'day'])
    .execute();
}
