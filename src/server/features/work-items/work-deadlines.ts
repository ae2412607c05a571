import { addDays } from '../../../shared/domain/calendar-dates';
import type { NotificationEvent } from '../../../shared/domain/notification-events';
import { runTransaction } from '../../after-commit';
import type { AppContext } from '../../context';
import { notifyUsers } from '../collaboration/personal-notifications';
import { queueNotification } from '../notifications/notification-queue';
import { deadlineContext } from './work-settings';

type Notice = 'overdue' | 'dueSoon';
const noticeColumn = { overdue: 'overdueNoticeFor', dueSoon: 'dueSoonNoticeFor' } as const;

/**
 * Announces items that became overdue or due soon, once per item and due date (a changed due date
 * is announced again): to the notification outbox (rules pick `workItem.overdue` / `workItem.dueSoon`)
 * and to the assignee's and team leads' notification centres. Each item is claimed by a guarded
 * update in its own transaction, so two servers never announce it twice. Returns how many were sent.
 */
export async function announceDeadlines(ctx: AppContext): Promise<number> {
  const { today, dueSoonDays } = await deadlineContext(ctx);
  let sent = 0;
  for (const notice of ['overdue', 'dueSoon'] as const) {
    const column = noticeColumn[notice];
    let query = ctx.db
      .selectFrom('workItems')
      .innerJoin('teams', 'teams.id', 'workItems.teamId')
      .leftJoin('users as assignee', 'assignee.id', 'workItems.assigneeId')
      .select([
        'workItems.id',
        'workItems.title',
        'workItems.teamId',
        'teams.name as teamName',
        'workItems.assigneeId',
        'assignee.name as assigneeName',
        'workItems.dueDate',
        'workItems.priority',
      ])
      .where('workItems.category', '<>', 'done')
      .where((eb) =>
        eb.or([
          eb(`workItems.${column}`, 'is', null),
          eb(`workItems.${column}`, '<>', eb.ref('workItems.dueDate')),
        ]),
      );
    query =
      notice === 'overdue'
        ? query.where('workItems.dueDate', '<', today)
        : query
            .where('workItems.dueDate', '>=', today)
            .where('workItems.dueDate', '<=', addDays(today, dueSoonDays));
    for (const item of await query.limit(1000).execute()) {
      if (await announce(ctx, notice, { ...item, dueDate: item.dueDate as string })) sent += 1;
    }
  }
  return sent;
}

interface DueItem {
  id: number;
  title: string;
  teamId: number;
  teamName: string;
  assigneeId: number | null;
  assigneeName: string | null;
  dueDate: string;
  priority: number;
}

async function announce(ctx: AppContext, notice: Notice, item: DueItem): Promise<boolean> {
  const column = noticeColumn[notice];
  return runTransaction(ctx, async (trx) => {
    const claimed = await trx
      .updateTable('workItems')
      .set({ [column]: item.dueDate })
      .where('id', '=', item.id)
      .where((eb) => eb.or([eb(column, 'is', null), eb(column, '<>', item.dueDate)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    const leads = await trx
      .selectFrom('teamMembers')
      .innerJoin('users', 'users.id', 'teamMembers.userId')
      .select(['users.id', 'users.name'])
      .where('teamMembers.teamId', '=', item.teamId)
      .where('teamMembers.isLead', '=', 1)
      .execute();
    const now = ctx.now();
    const event: NotificationEvent = {
      kind: notice === 'overdue' ? 'workItem.overdue' : 'workItem.dueSoon',
      key: `workItem:${item.id}:${notice}:${item.dueDate}`,
      at: now,
      // Priority 1–4 reads as severity 1–4: urgent work is announced like a severe incident.
      severity: Math.min(4, Math.max(1, item.priority)) as NotificationEvent['severity'],
      teamId: item.teamId,
      subject: { type: 'workItem', id: item.id, name: item.title },
      link: `/work-items/${item.id}`,
      facts: {
        team: item.teamName,
        dueDate: item.dueDate,
        assignee: item.assigneeName,
        lead: leads.map((lead) => lead.name).join(', ') || null,
      },
    };
    await queueNotification(trx, event, now);
    const people = [...(item.assigneeId === null ? [] : [item.assigneeId]), ...leads.map((lead) => lead.id)];
    await notifyUsers(trx, {
      userIds: people,
      kind: notice,
      entityType: 'workItem',
      entityId: item.id,
      title: item.title,
      body: item.dueDate,
      actorId: null,
      at: now,
    });
    return true;
  });
}
