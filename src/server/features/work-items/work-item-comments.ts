import { registerCommentTarget } from '../collaboration/comment-targets';
import { assertCanReadWork, canChangeWork } from './work.policy';
import { findWorkItemRow } from './work-items.repository';

/**
 * Makes work items commentable and watchable: anyone who may read work may read and follow their
 * threads; those who may change the item's team's work may comment.
 */
export function registerWorkItemComments(): void {
  registerCommentTarget('workItem', {
    async find(db, id) {
      const row = await findWorkItemRow(db, id);
      return row && { id: row.id, title: row.title, teamId: row.teamId, link: `/work-items/${row.id}` };
    },
    canRead(actor) {
      try {
        assertCanReadWork(actor);
        return true;
      } catch {
        return false;
      }
    },
    canComment: (actor, entity) => entity.teamId !== null && canChangeWork(actor, entity.teamId),
    async listTeamEntityIds(db, teamId) {
      const rows = await db.selectFrom('workItems').select('id').where('teamId', '=', teamId).execute();
      return rows.map((row) => row.id);
    },
  });
}
