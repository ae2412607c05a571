import { NewDependency, NewWorkItemLink, type WorkItemDetail } from '../../../shared/contracts/work-items';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { findDependencyCycle } from './dependency-cycles';
import type { WorkActor } from './work.policy';
import {
  deleteDependency,
  findWorkItemRow,
  insertDependency,
  listBlockedEdgesFrom,
} from './work-items.repository';
import { changeWorkItem } from './work-items.service';

// What ties a work item to others: the items that block it, and its links to inventory items and
// incidents. Each change runs through changeWorkItem, so it is authorised, audited and announced
// like any other change to the item.

/**
 * Records "`id` is blocked by `blockerId`". A dependency that would close a loop is refused with the
 * loop spelled out (#3 → #5 → #3), since a loop of blockers can never be finished.
 */
export function addDependency(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  input: NewDependency,
): Promise<WorkItemDetail> {
  const { blockerId } = parseInput(NewDependency, input, 'body');
  return changeWorkItem(ctx, actor, id, 'workItem.dependency.create', async (trx) => {
    if (blockerId === id) {
      throw appError('bad_request', phrase('work.cannotBlockItself'), [
        { path: 'body.blockerId', message: phrase('work.issueChooseAnotherItem') },
      ]);
    }
    if (!(await findWorkItemRow(trx, blockerId))) {
      throw appError('validation_failed', phrase('work.noSuchWorkItem'), [
        { path: 'body.blockerId', message: phrase('issue.noSuchWorkItem') },
      ]);
    }
    // The new edge blocker → id closes a loop when id already reaches blocker.
    const cycle = findDependencyCycle(await listBlockedEdgesFrom(trx, id), id, blockerId);
    if (cycle) {
      const loop = cycle.map((itemId) => `#${itemId}`).join(' → ');
      throw appError('conflict', phrase('work.dependencyLoop', { loop }), [
        { path: 'body.blockerId', message: phrase('work.issueDependencyLoop', { loop }) },
      ]);
    }
    await insertDependency(trx, blockerId, id, ctx.now());
    return { blockerId, blockedId: id };
  });
}

/** Removes "`id` is blocked by `blockerId`"; 404 when there is no such dependency. */
export function deleteDependencyOf(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  blockerId: number,
): Promise<WorkItemDetail> {
  return changeWorkItem(ctx, actor, id, 'workItem.dependency.delete', async (trx) => {
    if ((await deleteDependency(trx, blockerId, id)) === 0) throw notFound('dependency');
    return { blockerId, blockedId: id };
  });
}

/** Links an item to an inventory item or an incident that exists. */
export function addWorkItemLink(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  input: NewWorkItemLink,
): Promise<WorkItemDetail> {
  const link = parseInput(NewWorkItemLink, input, 'body');
  return changeWorkItem(ctx, actor, id, 'workItem.link.create', async (trx) => {
    const exists =
      link.targetType === 'item'
        ? await trx.selectFrom('items').select('id').where('id', '=', link.targetId).executeTakeFirst()
        : await trx.selectFrom('incidents').select('id').where('id', '=', link.targetId).executeTakeFirst();
    if (!exists) {
      const isItem = link.targetType === 'item';
      throw appError(
        'validation_failed',
        phrase(isItem ? 'work.noSuchLinkedItem' : 'work.noSuchLinkedIncident'),
        [
          {
            path: 'body.targetId',
            message: phrase(isItem ? 'work.issueNoSuchLinkedItem' : 'work.issueNoSuchLinkedIncident'),
          },
        ],
      );
    }
    await trx
      .insertInto('workItemLinks')
      .values({ workItemId: id, ...link })
      .onConflict((oc) => oc.columns(['workItemId', 'targetType', 'targetId']).doNothing())
      .execute();
    return link;
  });
}

/** Removes a link; 404 when there is none. */
export function deleteWorkItemLink(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  link: NewWorkItemLink,
): Promise<WorkItemDetail> {
  return changeWorkItem(ctx, actor, id, 'workItem.link.delete', async (trx) => {
    const result = await trx
      .deleteFrom('workItemLinks')
      .where('workItemId', '=', id)
      .where('targetType', '=', link.targetType)
      .where('targetId', '=', link.targetId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('link');
    return link;
  });
}
