import type { AppContext } from '../context';
import { installIncidentReactions } from './incidents/incident-reactions';
import { MaintenanceCalendar, reloadCalendar } from './maintenance/maintenance-calendar';
import { installRequestReactions } from './requests/request-reactions';
import { registerWorkItemComments } from './work-items/work-item-comments';

/**
 * Fills the context's reactions at start: which features write in the transaction of another
 * feature's facts. The one place where those features meet, so none imports another to react.
 */
export async function installReactions(ctx: AppContext): Promise<void> {
  installIncidentReactions(ctx);
  // Results are marked in maintenance from memory, inside the recording transaction.
  ctx.reactions.maintenance = await MaintenanceCalendar.load(ctx);
  // Another server's change reaches this one through the event relay; the minute job still reloads
  // for what no event tells (new relations and checks). The server that made the change has
  // already reloaded, so there this is a second, harmless read.
  ctx.events.on('maintenance.changed', () => void reloadCalendar(ctx));
  // Collaboration knows incidents and items; work items join its comments and watchers here.
  registerWorkItemComments();
  // Requests join after work items: their followers keep the thread on the work item.
  installRequestReactions(ctx);
}
