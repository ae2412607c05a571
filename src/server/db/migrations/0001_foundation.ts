import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/** Accounts, sessions, tokens, teams, the audit log, settings and the inventory. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('users'), dialect)
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('passwordHash', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('isDisabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'varchar(10)')
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('expiresAt', 'bigint', (c) => c.notNull())
    .addColumn('lastSeenAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('userId').execute();

  await withIdColumn(db.schema.createTable('apiTokens'), dialect)
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('tokenHash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('expiresAt', 'bigint')
    .addColumn('lastUsedAt', 'bigint')
    .addColumn('revokedAt', 'bigint')
    .execute();

  await withIdColumn(db.schema.createTable('teams'), dialect)
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('teamMembers')
    .addColumn('teamId', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('isLead', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('teamMembersPk', ['teamId', 'userId'])
    .execute();
  await db.schema.createIndex('team_members_user').on('teamMembers').column('userId').execute();

  await withIdColumn(db.schema.createTable('auditLog'), dialect)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actorId', 'integer')
    .addColumn('actorLabel', 'varchar(320)', (c) => c.notNull())
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('entityType', 'varchar(50)', (c) => c.notNull())
    .addColumn('entityId', 'varchar(100)', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prevHash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_entity')
    .on('auditLog')
    .columns(['entityType', 'entityId'])
    .execute();

  // The audit log refuses changes in the database itself, whatever code or user tries.
  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
  } else {
    await sql`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`.execute(db);
    await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`.execute(db);
  }

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(db.schema.createTable('items'), dialect)
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ownerTeamId', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('criticality', 'integer', (c) => c.notNull())
    .addColumn('environment', 'varchar(40)', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('vendor', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('acquiredOn', 'varchar(10)')
    .addColumn('warrantyEnd', 'varchar(10)')
    .addColumn('endOfSupport', 'varchar(10)')
    .addColumn('purchaseCostCents', 'bigint')
    .addColumn('annualCostCents', 'bigint')
    .addColumn('currency', 'varchar(3)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('items_name').on('items').column('name').unique().execute();
  await db.schema.createIndex('items_kind').on('items').column('kind').execute();
  await db.schema.createIndex('items_owner').on('items').column('ownerTeamId').execute();

  await db.schema
    .createTable('itemTags')
    .addColumn('itemId', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(60)', (c) => c.notNull())
    .addPrimaryKeyConstraint('itemTagsPk', ['itemId', 'tag'])
    .execute();
  await db.schema.createIndex('item_tags_tag').on('itemTags').column('tag').execute();

  await withIdColumn(db.schema.createTable('relations'), dialect)
    .addColumn('sourceItemId', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('targetItemId', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('relationsUnique', ['sourceItemId', 'targetItemId', 'kind'])
    .execute();
  await db.schema.createIndex('relations_target').on('relations').column('targetItemId').execute();
}
