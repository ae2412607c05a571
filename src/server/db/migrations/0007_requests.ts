import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/**
 * Requests and problems from colleagues. A request waits in its own table while in triage, so that
 * team boards only show work the team has accepted; accepting it makes a work item of type request.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('requests'), dialect)
    .addColumn('teamId', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    // Markdown as written; clients render it sanitised.
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('itemId', 'integer', (c) => c.references('items.id').onDelete('set null'))
    .addColumn('requesterId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // triage, accepted, merged, declined; "resolved" is read from the work item's completion
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('workItemId', 'integer', (c) => c.references('workItems.id').onDelete('set null'))
    .addColumn('mergedIntoRequestId', 'integer', (c) => c.references('requests.id').onDelete('set null'))
    .addColumn('declineReason', 'text')
    // Moments kept apart so the KPI figures can measure response and resolution times.
    .addColumn('submittedAt', 'bigint', (c) => c.notNull())
    .addColumn('firstResponseAt', 'bigint')
    .addColumn('acceptedAt', 'bigint')
    .addColumn('declinedAt', 'bigint')
    .addColumn('mergedAt', 'bigint')
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('requests_team_status')
    .on('requests')
    .columns(['teamId', 'status', 'id'])
    .execute();
  await db.schema.createIndex('requests_work_item').on('requests').column('workItemId').execute();

  // Who follows a request: its requester, and the requesters of requests merged into it.
  await db.schema
    .createTable('requestFollowers')
    .addColumn('requestId', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('userId', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_followers_pk', ['requestId', 'userId'])
    .execute();
  await db.schema
    .createIndex('request_followers_user')
    .on('requestFollowers')
    .columns(['userId', 'requestId'])
    .execute();

  // The status history shown to the requester: submitted, accepted, merged, declined, resolved.
  await withIdColumn(db.schema.createTable('requestEvents'), dialect)
    .addColumn('requestId', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('actorId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_events_request')
    .on('requestEvents')
    .columns(['requestId', 'id'])
    .execute();
}
