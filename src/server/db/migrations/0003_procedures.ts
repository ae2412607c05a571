import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/** Procedure tests (restore tests, DR drills, ...): their runs, evidence files and state changes. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('procedureTests'), dialect)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('itemId', 'integer', (c) => c.references('items.id').onDelete('set null'))
    // Required on create; null only once the owner team has been deleted.
    .addColumn('ownerTeamId', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('schedule', 'varchar(100)', (c) => c.notNull())
    .addColumn('graceDays', 'integer', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('stateChangedAt', 'bigint', (c) => c.notNull())
    .addColumn('stateMessage', 'text', (c) => c.notNull())
    // The current due date and the end of its grace; null when the schedule never occurs again.
    .addColumn('dueAt', 'bigint')
    .addColumn('graceEndsAt', 'bigint')
    // Set once the current due date has been recorded as missed, so the job records it only once.
    .addColumn('isMissed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lastRunId', 'integer')
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('procedure_tests_team').on('procedureTests').column('ownerTeamId').execute();
  await db.schema.createIndex('procedure_tests_item').on('procedureTests').column('itemId').execute();
  await db.schema.createIndex('procedure_tests_grace').on('procedureTests').column('graceEndsAt').execute();

  await withIdColumn(db.schema.createTable('procedureRuns'), dialect)
    .addColumn('procedureTestId', 'integer', (c) =>
      c.notNull().references('procedureTests.id').onDelete('cascade'),
    )
    .addColumn('outcome', 'varchar(10)', (c) => c.notNull())
    .addColumn('effectiveDate', 'varchar(10)', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('recordedById', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recordedByLabel', 'varchar(320)', (c) => c.notNull())
    .addColumn('recordedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('procedure_runs_test')
    .on('procedureRuns')
    .columns(['procedureTestId', 'effectiveDate'])
    .execute();

  // Evidence files: the bytes live under the data folder with a generated name, never the given one.
  await withIdColumn(db.schema.createTable('procedureAttachments'), dialect)
    .addColumn('runId', 'integer', (c) => c.notNull().references('procedureRuns.id').onDelete('cascade'))
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('storedName', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('contentType', 'varchar(100)', (c) => c.notNull())
    .addColumn('sizeBytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('uploadedById', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('uploadedByLabel', 'varchar(320)', (c) => c.notNull())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('procedure_attachments_run')
    .on('procedureAttachments')
    .column('runId')
    .execute();

  // State changes, like checkEvents: what incidents, compliance and KPIs react to.
  await withIdColumn(db.schema.createTable('procedureEvents'), dialect)
    .addColumn('procedureTestId', 'integer', (c) =>
      c.notNull().references('procedureTests.id').onDelete('cascade'),
    )
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('fromState', 'varchar(10)', (c) => c.notNull())
    .addColumn('toState', 'varchar(10)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('runId', 'integer')
    .execute();
  await db.schema
    .createIndex('procedure_events_test')
    .on('procedureEvents')
    .columns(['procedureTestId', 'at'])
    .execute();
  await db.schema.createIndex('procedure_events_at').on('procedureEvents').column('at').execute();
}
