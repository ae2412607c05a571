import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/** Checks, their state, results, rollups and state changes; runners; procedure tests. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('checks'), dialect)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('itemId', 'integer', (c) => c.references('items.id').onDelete('set null'))
    .addColumn('ownerTeamId', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('intervalSeconds', 'integer')
    .addColumn('cron', 'varchar(100)')
    .addColumn('timeoutMs', 'integer', (c) => c.notNull())
    .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('degradedAboveMs', 'integer')
    .addColumn('isPaused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locations', 'text', (c) => c.notNull().defaultTo('["local"]'))
    .addColumn('downQuorum', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('pushTokenHash', 'varchar(64)', (c) => c.unique())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checks_item').on('checks').column('itemId').execute();

  // The overall state of a check, and the lease that lets one replica run it per interval.
  await db.schema
    .createTable('checkStates')
    .addColumn('checkId', 'integer', (c) => c.primaryKey().references('checks.id').onDelete('cascade'))
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('changedAt', 'bigint', (c) => c.notNull())
    .addColumn('lastResultAt', 'bigint')
    .addColumn('lastStatus', 'varchar(10)')
    .addColumn('lastMessage', 'text')
    .addColumn('lastLatencyMs', 'integer')
    .addColumn('nextRunAt', 'bigint')
    .addColumn('leaseOwner', 'varchar(100)')
    .addColumn('leaseUntil', 'bigint')
    .execute();

  // What each location last said, for retries and the down quorum.
  await db.schema
    .createTable('checkLocationStates')
    .addColumn('checkId', 'integer', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('location', 'varchar(100)', (c) => c.notNull())
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('consecutiveFailures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lastResultAt', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkLocationStatesPk', ['checkId', 'location'])
    .execute();

  await withIdColumn(db.schema.createTable('checkResults'), dialect)
    .addColumn('checkId', 'integer', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('location', 'varchar(100)', (c) => c.notNull())
    .addColumn('plannedAt', 'bigint', (c) => c.notNull())
    .addColumn('startedAt', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('latencyMs', 'integer', (c) => c.notNull())
    .addColumn('dnsMs', 'integer')
    .addColumn('connectMs', 'integer')
    .addColumn('tlsMs', 'integer')
    .addColumn('firstByteMs', 'integer')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    // One result per planned run and location: a run replayed after a crash is not counted twice.
    .addUniqueConstraint('checkResultsOnce', ['checkId', 'location', 'plannedAt'])
    .execute();
  await db.schema
    .createIndex('check_results_time')
    .on('checkResults')
    .columns(['checkId', 'startedAt'])
    .execute();
  await db.schema.createIndex('check_results_started').on('checkResults').column('startedAt').execute();

  await db.schema
    .createTable('checkRollups')
    .addColumn('checkId', 'integer', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('resolution', 'varchar(3)', (c) => c.notNull())
    .addColumn('bucketStart', 'bigint', (c) => c.notNull())
    .addColumn('upCount', 'integer', (c) => c.notNull())
    .addColumn('degradedCount', 'integer', (c) => c.notNull())
    .addColumn('downCount', 'integer', (c) => c.notNull())
    .addColumn('latencyMin', 'integer')
    .addColumn('latencyMax', 'integer')
    .addColumn('latencySum', 'bigint', (c) => c.notNull())
    .addColumn('histogram', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkRollupsPk', ['checkId', 'resolution', 'bucketStart'])
    .execute();

  // State changes: the facts other features (incidents, compliance, KPIs) react to.
  await withIdColumn(db.schema.createTable('checkEvents'), dialect)
    .addColumn('checkId', 'integer', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('fromState', 'varchar(10)', (c) => c.notNull())
    .addColumn('toState', 'varchar(10)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('resultId', 'integer')
    .execute();
  await db.schema.createIndex('check_events_check').on('checkEvents').columns(['checkId', 'at']).execute();

  await withIdColumn(db.schema.createTable('runners'), dialect)
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('location', 'varchar(100)', (c) => c.notNull())
    .addColumn('tokenHash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('lastSeenAt', 'bigint')
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .execute();
}
