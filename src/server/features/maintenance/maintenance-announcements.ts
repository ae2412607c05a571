import type { Transaction } from 'kysely';
import { type Occurrence, WindowOccurrences } from '../../../shared/domain/maintenance-occurrences';
import type { NotificationEvent, Severity } from '../../../shared/domain/notification-events';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import { queueNotification } from '../notifications/notification-queue';
import {
  findItemsByIds,
  listLiveWindowRows,
  listTargetsOf,
  markAnnounced,
  updateWindowRow,
  type WindowRow,
  type WindowTargets,
} from './maintenance.repository';
import { coveredItemIds } from './maintenance-coverage';

/** Owners hear of each occurrence of a recurring window this long before it starts. */
export const announceAheadMs = 24 * 3_600_000;
const maxNamesInMessage = 20;

interface ImpactedTeam {
  teamId: number | null;
  severity: Severity;
  itemNames: string[];
}

/**
 * The teams to tell: the owners of the items the window covers (targets and their dependants) and of
 * the single checks it targets, each with the most critical of its impacted items as severity.
 */
async function impactedTeams(ctx: AppContext, trx: Transaction<Database>, targets: WindowTargets) {
  const covered = await coveredItemIds(
    { ...ctx, db: trx },
    targets.items.map((item) => item.id),
  );
  const items = await findItemsByIds(trx, [...covered]);
  const teams = new Map<number | null, ImpactedTeam>();
  const add = (teamId: number | null, criticality: number, name: string) => {
    const team = teams.get(teamId) ?? { teamId, severity: 4, itemNames: [] };
    team.severity = Math.min(team.severity, Math.max(1, Math.min(4, criticality))) as Severity;
    team.itemNames.push(name);
    teams.set(teamId, team);
  };
  for (const item of items) add(item.ownerTeamId, item.criticality, item.name);
  for (const check of targets.checks) add(check.ownerTeamId, 4, check.name);
  return [...teams.values()];
}

/**
 * Queues one `maintenance.scheduled` notification per impacted owner team for an occurrence, in the
 * caller's transaction. The key names window, occurrence and team: queued again, it adds nothing.
 */
export async function queueAnnouncements(
  ctx: AppContext,
  trx: Transaction<Database>,
  window: WindowRow,
  targets: WindowTargets,
  occurrence: Occurrence,
): Promise<number> {
  const now = ctx.now();
  let queued = 0;
  for (const team of await impactedTeams(ctx, trx, targets)) {
    const names = [...team.itemNames].sort((a, b) => a.localeCompare(b));
    const event: NotificationEvent = {
      kind: 'maintenance.scheduled',
      key: `maintenance:${window.id}:${occurrence.startsAt}:team:${team.teamId ?? 'none'}`,
      at: now,
      severity: team.severity,
      teamId: team.teamId,
      subject: { type: 'maintenance', id: window.id, name: window.title },
      link: `/maintenance?window=${window.id}`,
      facts: {
        title: window.title,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        timezone: window.timezone,
        recurrence: window.recurrence,
        items:
          names.slice(0, maxNamesInMessage).join(', ') +
          (names.length > maxNamesInMessage ? ` (+${names.length - maxNamesInMessage})` : ''),
      },
    };
    queued += await queueNotification(trx, event, now);
  }
  return queued;
}

/**
 * After a window is created or changed: tells the owners of the occurrence in progress or next
 * (whatever its distance) and remembers it, so the job does not tell them again.
 */
export async function announceNextOccurrence(
  ctx: AppContext,
  trx: Transaction<Database>,
  window: WindowRow,
  targets: WindowTargets,
): Promise<void> {
  if (!window.notifyOwners) return;
  const next = new WindowOccurrences(window).currentOrNext(ctx.now());
  if (!next) return;
  await updateWindowRow(trx, window.id, { announcedOccurrenceAt: next.startsAt });
  await queueAnnouncements(ctx, trx, window, targets, next);
}

/**
 * The periodic part: for each window whose next occurrence starts within 24 hours and has not been
 * announced, claims the announcement (one server wins) and queues it in the same transaction.
 * Returns how many occurrences were announced.
 */
export async function announceUpcomingOccurrences(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const rows = await listLiveWindowRows(ctx.db, now);
  let announced = 0;
  for (const row of rows) {
    if (!row.notifyOwners) continue;
    const next = new WindowOccurrences(row).currentOrNext(now);
    if (!next || next.startsAt - announceAheadMs > now) continue;
    if (row.announcedOccurrenceAt !== null && row.announcedOccurrenceAt >= next.startsAt) continue;
    const didClaim = await ctx.db.transaction().execute(async (trx) => {
      if (!(await markAnnounced(trx, row.id, next.startsAt))) return false;
      const targets = (await listTargetsOf(trx, [row.id])).get(row.id) ?? { items: [], checks: [] };
      await queueAnnouncements(ctx, trx, row, targets, next);
      return true;
    });
    if (didClaim) announced += 1;
  }
  return announced;
}
