import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withIdColumn } from '../dialect';

// Frozen once landed: a later change is a new migration.

/** Workflows, work items, their links, dependencies and recurring work. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await createWorkflowStates(db, dialect);
  await createRecurrences(db, dialect);
  await createWorkItems(db, dialect);
  await createWorkItemRelations(db);
}

async function createWorkflowStates(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // One team's workflow is its ordered states; the category (triage, todo, in_progress, done) is
  // what figures and deadlines read, so states can be renamed freely.
  await withIdColumn(db.schema.createTable('workflowStates'), dialect)
    .addColumn('teamId', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('name', 'varchar(80)', (c) => c.notNull())
    .addColumn('category', 'varchar(12)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('wipLimit', 'integer')
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workflow_states_team_name')
    .on('workflowStates')
    .columns(['teamId', 'name'])
    .unique()
    .execute();
}

async function createRecurrences(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // A schedule of deadlines (cron in a timezone) and the template of the item each one brings.
  await withIdColumn(db.schema.createTable('workRecurrences'), dialect)
    .addColumn('teamId', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('schedule', 'varchar(100)', (c) => c.notNull())
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'varchar(12)', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('assigneeId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('leadDays', 'integer', (c) => c.notNull())
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(1))
    // The deadline whose item was created last; the next one is the schedule's next run after it.
    .addColumn('lastOccurrenceAt', 'bigint')
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_recurrences_team_name')
    .on('workRecurrences')
    .columns(['teamId', 'name'])
    .unique()
    .execute();
}

async function createWorkItems(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('workItems'), dialect)
    .addColumn('teamId', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('stateId', 'integer', (c) => c.notNull().references('workflowStates.id'))
    // Copied from the state so that lists filter and figures count without a join.
    .addColumn('category', 'varchar(12)', (c) => c.notNull())
    .addColumn('type', 'varchar(12)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    // Markdown source; the client renders it sanitised.
    .addColumn('description', 'text', (c) => c.notNull())
    // 1 = urgent, 2 = high, 3 = medium, 4 = low: sorts the way people read it.
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('assigneeId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reporterId', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('parentId', 'integer', (c) => c.references('workItems.id').onDelete('set null'))
    // Calendar days (ISO YYYY-MM-DD): they must not move with a timezone.
    .addColumn('startDate', 'varchar(10)')
    .addColumn('dueDate', 'varchar(10)')
    .addColumn('estimateMinutes', 'integer')
    .addColumn('spentMinutes', 'integer', (c) => c.notNull().defaultTo(0))
    // When the item first entered an in-progress state and when it entered a done state; cycle
    // time is completed − started, lead time completed − created.
    .addColumn('startedAt', 'bigint')
    .addColumn('completedAt', 'bigint')
    .addColumn('stateChangedAt', 'bigint', (c) => c.notNull())
    // The due date for which "overdue" / "due soon" was announced, so each is announced once per date.
    .addColumn('overdueNoticeFor', 'varchar(10)')
    .addColumn('dueSoonNoticeFor', 'varchar(10)')
    .addColumn('recurrenceId', 'integer', (c) => c.references('workRecurrences.id').onDelete('set null'))
    .addColumn('occurrenceAt', 'bigint')
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  // Lists filter by team first, then by state, assignee or due date; the ids keep pages stable.
  const indexes: [string, string[]][] = [
    ['work_items_team_state', ['teamId', 'stateId', 'priority', 'id']],
    ['work_items_team_due', ['teamId', 'dueDate', 'id']],
    ['work_items_team_updated', ['teamId', 'updatedAt', 'id']],
    ['work_items_team_category', ['teamId', 'category', 'completedAt']],
    ['work_items_assignee', ['assigneeId', 'category', 'dueDate']],
    ['work_items_category_due', ['category', 'dueDate']],
    ['work_items_parent', ['parentId']],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('workItems').columns(columns).execute();
  }
  // One item per occurrence of a recurrence, whichever server or restart creates it.
  await db.schema
    .createIndex('work_items_occurrence')
    .on('workItems')
    .columns(['recurrenceId', 'occurrenceAt'])
    .unique()
    .execute();
}

async function createWorkItemRelations(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workItemLabels')
    .addColumn('workItemId', 'integer', (c) => c.notNull().references('workItems.id').onDelete('cascade'))
    .addColumn('label', 'varchar(60)', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_item_labels_pk', ['workItemId', 'label'])
    .execute();
  await db.schema.createIndex('work_item_labels_label').on('workItemLabels').columns(['label']).execute();

  // "blocker blocks blocked"; cycles are refused by the service before the insert.
  await db.schema
    .createTable('workItemDependencies')
    .addColumn('blockerId', 'integer', (c) => c.notNull().references('workItems.id').onDelete('cascade'))
    .addColumn('blockedId', 'integer', (c) => c.notNull().references('workItems.id').onDelete('cascade'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_item_dependencies_pk', ['blockerId', 'blockedId'])
    .execute();
  await db.schema
    .createIndex('work_item_dependencies_blocked')
    .on('workItemDependencies')
    .columns(['blockedId'])
    .execute();

  // Links to inventory items and incidents; no foreign key on targetId as it points to two tables.
  await db.schema
    .createTable('workItemLinks')
    .addColumn('workItemId', 'integer', (c) => c.notNull().references('workItems.id').onDelete('cascade'))
    .addColumn('targetType', 'varchar(10)', (c) => c.notNull())
    .addColumn('targetId', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_item_links_pk', ['workItemId', 'targetType', 'targetId'])
    .execute();
  await db.schema
    .createIndex('work_item_links_target')
    .on('workItemLinks')
    .columns(['targetType', 'targetId'])
    .execute();
}
