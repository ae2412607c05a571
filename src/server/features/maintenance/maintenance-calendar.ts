import { type Occurrence, WindowOccurrences } from '../../../shared/domain/maintenance-occurrences';
import type { AppContext } from '../../context';
import type { MaintenanceLookup } from '../../reactions';
import { listLiveWindowRows, listTargetsOf } from './maintenance.repository';
import { computeCoverage } from './maintenance-coverage';

/** Results can arrive late (a runner's buffer, a retry): windows that ended this long ago still count. */
const lateResultMarginMs = 86_400_000;

interface CalendarEntry {
  windowId: number;
  title: string;
  occurrences: WindowOccurrences;
  itemIds: Set<number>;
  checkIds: Set<number>;
}

/**
 * Every maintenance window that may still matter, held in memory with what each covers, so that the
 * recording of results (inside its transaction, for every result) asks without any I/O. Reloaded after
 * each change made through the maintenance service, when the event relay brings another server's
 * change (`maintenance.changed`), and every minute by a job, which also picks up new relations and
 * new checks.
 */
export class MaintenanceCalendar implements MaintenanceLookup {
  private entries: CalendarEntry[] = [];
  private byCheck = new Map<number, CalendarEntry[]>();
  private byItem = new Map<number, CalendarEntry[]>();
  private queue: Promise<void> = Promise.resolve();

  /** A calendar loaded from the database. */
  static async load(ctx: AppContext): Promise<MaintenanceCalendar> {
    const calendar = new MaintenanceCalendar();
    await calendar.reload(ctx);
    return calendar;
  }

  /**
   * Reads the windows again. Reads run one after another, and each call's read starts after the call,
   * so a change committed before it is always seen.
   */
  reload(ctx: AppContext): Promise<void> {
    const next = this.queue.catch(() => undefined).then(() => this.read(ctx));
    this.queue = next;
    return next;
  }

  private async read(ctx: AppContext): Promise<void> {
    const rows = await listLiveWindowRows(ctx.db, ctx.now() - lateResultMarginMs);
    const targets = await listTargetsOf(
      ctx.db,
      rows.map((row) => row.id),
    );
    const entries: CalendarEntry[] = [];
    for (const row of rows) {
      const target = targets.get(row.id);
      const coverage = await computeCoverage(ctx, {
        itemIds: target?.items.map((item) => item.id) ?? [],
        checkIds: target?.checks.map((check) => check.id) ?? [],
      });
      entries.push({
        windowId: row.id,
        title: row.title,
        occurrences: new WindowOccurrences(row),
        ...coverage,
      });
    }
    this.install(entries);
  }

  private install(entries: CalendarEntry[]): void {
    const byCheck = new Map<number, CalendarEntry[]>();
    const byItem = new Map<number, CalendarEntry[]>();
    for (const entry of entries) {
      for (const id of entry.checkIds) byCheck.set(id, [...(byCheck.get(id) ?? []), entry]);
      for (const id of entry.itemIds) byItem.set(id, [...(byItem.get(id) ?? []), entry]);
    }
    // Swapped in at once: a lookup never sees half a reload.
    this.entries = entries;
    this.byCheck = byCheck;
    this.byItem = byItem;
  }

  /** Whether a check is inside an occurrence of a window at `at` (synchronous, no I/O). */
  isCheckInMaintenance(checkId: number, at: number): boolean {
    return (this.byCheck.get(checkId) ?? []).some((entry) => entry.occurrences.covering(at) !== null);
  }

  /** Whether an item (a target, or something depending on one) is inside an occurrence at `at`. */
  isItemInMaintenance(itemId: number, at: number): boolean {
    return (this.byItem.get(itemId) ?? []).some((entry) => entry.occurrences.covering(at) !== null);
  }

  /** The occurrences covering any of the items from `from` to `to`, with their window, soonest first. */
  occurrencesForItems(
    itemIds: Iterable<number>,
    from: number,
    to: number,
  ): (Occurrence & { windowId: number; title: string })[] {
    const entries = new Set<CalendarEntry>();
    for (const id of itemIds) for (const entry of this.byItem.get(id) ?? []) entries.add(entry);
    return [...entries]
      .flatMap((entry) =>
        entry.occurrences
          .between(from, to, 100)
          .map((occurrence) => ({ ...occurrence, windowId: entry.windowId, title: entry.title })),
      )
      .sort((a, b) => a.startsAt - b.startsAt || a.windowId - b.windowId);
  }

  /** How many windows are held (for tests and logs). */
  get size(): number {
    return this.entries.length;
  }
}

/** The context's calendar when maintenance is installed, else null (bare contexts in other tests). */
export function calendarOf(ctx: AppContext): MaintenanceCalendar | null {
  const lookup = ctx.reactions.maintenance;
  return lookup instanceof MaintenanceCalendar ? lookup : null;
}

/** Reloads the context's calendar after a change; a failure is logged and left to the minute job. */
export async function reloadCalendar(ctx: AppContext): Promise<void> {
  try {
    await calendarOf(ctx)?.reload(ctx);
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not reload the maintenance calendar');
  }
}
