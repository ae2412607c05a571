import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connect';

// Frozen once landed: a later change is a new migration.

// Lists and the board put items without a due date last with this expression (the dialects sort
// nulls differently); an index holds it so that both can read a page in order instead of sorting
// every item of the team or of the state. Same text as the queries', or the planners won't match it.
const dueDateNullsLast = sql`(case when due_date is null then 1 else 0 end)`;

/**
 * Indexes only, found by `npm run bench -- work`: at 50,000 items in a team, the list's first page
 * by due date, its late pages and its order by priority, and each board column, sorted all the
 * team's (or state's) items to show 25 or 50 of them.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await sql`create index work_items_team_due_order on work_items (team_id, ${dueDateNullsLast}, due_date, id)`.execute(
    db,
  );
  await sql`create index work_items_state_order on work_items (state_id, priority, ${dueDateNullsLast}, due_date, id)`.execute(
    db,
  );
  await db.schema
    .createIndex('work_items_team_priority')
    .on('workItems')
    .columns(['teamId', 'priority', 'id'])
    .execute();
}
