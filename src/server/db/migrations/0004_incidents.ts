import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/**
 * Incidents, maintenance windows, notifications (channels, rules, outbox, delivery log) and public
 * status pages; and, for availability that excludes maintenance, the share of each rollup bucket
 * that fell inside a maintenance window.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await addMaintenanceCounts(db);
  await createIncidents(db, dialect);
  await createMaintenance(db, dialect);
  await createNotifications(db, dialect);
  await createStatusPages(db, dialect);
}

async function addMaintenanceCounts(db: Kysely<unknown>): Promise<void> {
  // A result taken inside a maintenance window keeps its status and is also counted here, so a
  // figure can count it or leave it out, as its rule says.
  await db.schema
    .alterTable('checkResults')
    .addColumn('inMaintenance', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['maintenanceUpCount', 'maintenanceDegradedCount', 'maintenanceDownCount']) {
    await db.schema
      .alterTable('checkRollups')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

async function createIncidents(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('incidents'), dialect)
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // What a status page may show of it; empty means a neutral "service disruption".
    .addColumn('publicSummary', 'text', (c) => c.notNull())
    .addColumn('itemId', 'integer', (c) => c.references('items.id').onDelete('set null'))
    .addColumn('teamId', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    // 1 = most severe, 4 = least, from the item's criticality unless set by hand.
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('origin', 'varchar(10)', (c) => c.notNull())
    .addColumn('state', 'varchar(15)', (c) => c.notNull())
    .addColumn('autoResolve', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('assigneeId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // Set when grouped under an incident on an item further along the dependency chain.
    .addColumn('parentIncidentId', 'integer')
    // The four moments are kept apart: KPIs choose which interval they measure.
    .addColumn('detectedAt', 'bigint', (c) => c.notNull())
    .addColumn('acknowledgedAt', 'bigint')
    .addColumn('restoredAt', 'bigint')
    .addColumn('resolvedAt', 'bigint')
    .addColumn('reopenCount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewCause', 'text')
    .addColumn('reviewActions', 'text')
    .addColumn('reviewedAt', 'bigint')
    .addColumn('reviewedById', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('createdById', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  // One open incident per item, kept by the database even with several servers.
  await db.schema
    .createIndex('incidents_open_item')
    .on('incidents')
    .column('itemId')
    .unique()
    .where(sql.ref('resolvedAt'), 'is', null)
    .where(sql.ref('itemId'), 'is not', null)
    .execute();
  await db.schema.createIndex('incidents_detected').on('incidents').column('detectedAt').execute();
  await db.schema.createIndex('incidents_state').on('incidents').columns(['state', 'severity']).execute();

  // The checks an incident gathers, with when each failed and came back.
  await db.schema
    .createTable('incidentChecks')
    .addColumn('incidentId', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('checkId', 'integer', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('failingSince', 'bigint', (c) => c.notNull())
    .addColumn('recoveredAt', 'bigint')
    .addPrimaryKeyConstraint('incident_checks_pk', ['incidentId', 'checkId'])
    .execute();
  await db.schema.createIndex('incident_checks_check').on('incidentChecks').column('checkId').execute();

  // The procedure tests an incident gathers (a failed restore drill on the item), as for checks.
  await db.schema
    .createTable('incidentProcedures')
    .addColumn('incidentId', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('procedureTestId', 'integer', (c) =>
      c.notNull().references('procedureTests.id').onDelete('cascade'),
    )
    .addColumn('failingSince', 'bigint', (c) => c.notNull())
    .addColumn('recoveredAt', 'bigint')
    .addPrimaryKeyConstraint('incident_procedures_pk', ['incidentId', 'procedureTestId'])
    .execute();
  await db.schema
    .createIndex('incident_procedures_test')
    .on('incidentProcedures')
    .column('procedureTestId')
    .execute();

  // The timeline: every event, automatic or by hand, in order.
  await withIdColumn(db.schema.createTable('incidentEvents'), dialect)
    .addColumn('incidentId', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('actorId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actorLabel', 'varchar(320)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('incident_events_incident')
    .on('incidentEvents')
    .columns(['incidentId', 'at'])
    .execute();
}

async function createMaintenance(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('maintenanceWindows'), dialect)
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // The first (or only) occurrence, and how long each lasts.
    .addColumn('startsAt', 'bigint', (c) => c.notNull())
    .addColumn('durationMinutes', 'integer', (c) => c.notNull())
    // A cron expression in `timezone` for recurring windows; null for a one-off window.
    .addColumn('recurrence', 'varchar(100)')
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    // No occurrence starts after this moment; null for no end.
    .addColumn('repeatUntil', 'bigint')
    .addColumn('notifyOwners', 'integer', (c) => c.notNull().defaultTo(1))
    // Set once the owners of the impacted services have been told of the next occurrence.
    .addColumn('announcedOccurrenceAt', 'bigint')
    .addColumn('createdById', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  // What a window covers: items (and everything that depends on them) or single checks.
  await db.schema
    .createTable('maintenanceTargets')
    .addColumn('windowId', 'integer', (c) =>
      c.notNull().references('maintenanceWindows.id').onDelete('cascade'),
    )
    .addColumn('itemId', 'integer', (c) => c.references('items.id').onDelete('cascade'))
    .addColumn('checkId', 'integer', (c) => c.references('checks.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('maintenance_targets_window')
    .on('maintenanceTargets')
    .column('windowId')
    .execute();
}

async function createNotifications(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('notificationChannels'), dialect)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // JSON; secrets inside (passwords, tokens, signing keys, webhook URLs) are encrypted.
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('language', 'varchar(5)', (c) => c.notNull().defaultTo('en'))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();

  await withIdColumn(db.schema.createTable('notificationRules'), dialect)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    // JSON arrays: event kinds, team ids (empty = every team), channel ids.
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('teamIds', 'text', (c) => c.notNull())
    .addColumn('channelIds', 'text', (c) => c.notNull())
    // Events at least this severe (1 = most severe) match; 4 lets every severity through.
    .addColumn('maxSeverity', 'integer', (c) => c.notNull().defaultTo(4))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();

  // The outbox: written in the transaction of the fact it announces, delivered at least once.
  await withIdColumn(db.schema.createTable('notificationOutbox'), dialect)
    .addColumn('channelId', 'integer', (c) =>
      c.notNull().references('notificationChannels.id').onDelete('cascade'),
    )
    .addColumn('eventKind', 'varchar(40)', (c) => c.notNull())
    // The same key for every attempt, so a receiver can drop a repeat.
    .addColumn('idempotencyKey', 'varchar(200)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('nextAttemptAt', 'bigint', (c) => c.notNull())
    .addColumn('leaseOwner', 'varchar(100)')
    .addColumn('leaseUntil', 'bigint')
    .addColumn('lastError', 'text')
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('deliveredAt', 'bigint')
    .execute();
  await db.schema
    .createIndex('notification_outbox_key')
    .on('notificationOutbox')
    .columns(['channelId', 'idempotencyKey'])
    .unique()
    .execute();
  await db.schema
    .createIndex('notification_outbox_due')
    .on('notificationOutbox')
    .columns(['status', 'nextAttemptAt'])
    .execute();

  // One row per delivery attempt: the delivery log the web client shows.
  await withIdColumn(db.schema.createTable('notificationAttempts'), dialect)
    .addColumn('outboxId', 'integer', (c) =>
      c.notNull().references('notificationOutbox.id').onDelete('cascade'),
    )
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('isSuccess', 'integer', (c) => c.notNull())
    .addColumn('statusCode', 'integer')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('durationMs', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_attempts_outbox')
    .on('notificationAttempts')
    .column('outboxId')
    .execute();
}

async function createStatusPages(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('statusPages'), dialect)
    .addColumn('slug', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('language', 'varchar(5)', (c) => c.notNull().defaultTo('en'))
    .addColumn('isPublished', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  // The services a page shows, under a public name (never the item's internal name or host).
  await db.schema
    .createTable('statusPageServices')
    .addColumn('pageId', 'integer', (c) => c.notNull().references('statusPages.id').onDelete('cascade'))
    .addColumn('itemId', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('displayName', 'varchar(200)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('status_page_services_pk', ['pageId', 'itemId'])
    .execute();
}
