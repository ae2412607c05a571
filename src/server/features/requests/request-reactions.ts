import type { AppContext } from '../../context';
import { registerRequestComments } from './request-comments';
import { recordRequestResolutions } from './requests.service';

/**
 * Requests join collaboration (comments, watchers) and hear when work items change, to tell
 * requesters that their accepted request is resolved. Called by `installReactions` after work items.
 */
export function installRequestReactions(ctx: AppContext): void {
  registerRequestComments();
  ctx.events.on('work.changed', (event) => {
    if (event.workItemId === null) return;
    recordRequestResolutions(ctx, event.workItemId).catch((error: unknown) => {
      ctx.log.error({ err: error, workItemId: event.workItemId }, 'could not record request resolutions');
    });
  });
}
