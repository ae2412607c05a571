import type { z } from 'zod';
import {
  NewRule,
  type NewRuleInput,
  type Rule,
  RuleListQuery,
  type RulePage,
  UpdateRule,
} from '../../../shared/contracts/notifications';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError, type KeyedIssue, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { toRule } from './channel-rows';
import { announceNotificationChange } from './channels.service';
import { assertCanManageNotifications, type NotificationActor } from './notifications.policy';
import {
  deleteRuleRow,
  existingChannelIds,
  existingTeamIds,
  findRuleRow,
  insertRuleRow,
  listRuleRows,
  updateRuleRow,
} from './notifications.repository';
import { assertNameFree, withNameConflict } from './unique-names';

async function findRuleIn(db: Db, id: number): Promise<Rule> {
  const row = await findRuleRow(db, id);
  if (!row) throw notFound('rule');
  return toRule(row);
}

/** Refuses channel and team ids that name nothing, field by field. */
async function assertReferencesExist(
  db: Db,
  refs: { channelIds?: number[]; teamIds?: number[] },
): Promise<void> {
  const issues: KeyedIssue[] = [];
  if (refs.channelIds) {
    const found = await existingChannelIds(db, refs.channelIds);
    refs.channelIds.forEach((id, index) => {
      if (!found.has(id))
        issues.push({
          path: `body.channelIds.${index}`,
          message: phrase('notifications.issueNoChannelWithId', { id }),
        });
    });
  }
  if (refs.teamIds) {
    const found = await existingTeamIds(db, refs.teamIds);
    refs.teamIds.forEach((id, index) => {
      if (!found.has(id))
        issues.push({ path: `body.teamIds.${index}`, message: phrase('issue.noTeamWithId', { id }) });
    });
  }
  if (issues.length > 0)
    throw appError('validation_failed', phrase('notifications.ruleRefersToMissing'), issues);
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** One page of rules. */
export async function listRules(
  ctx: AppContext,
  actor: NotificationActor,
  query: z.input<typeof RuleListQuery> = {},
): Promise<RulePage> {
  assertCanManageNotifications(actor);
  const { page, pageSize } = parseInput(RuleListQuery, query, 'querystring');
  const { rows, total } = await listRuleRows(ctx.db, { limit: pageSize, offset: (page - 1) * pageSize });
  return { rows: rows.map(toRule), total, page, pageSize };
}

/** One rule; 404 when there is none. */
export async function getRule(ctx: AppContext, actor: NotificationActor, id: number): Promise<Rule> {
  assertCanManageNotifications(actor);
  return findRuleIn(ctx.db, id);
}

/** Creates a rule; audited. */
export async function createRule(
  ctx: AppContext,
  actor: NotificationActor,
  input: NewRuleInput,
): Promise<Rule> {
  assertCanManageNotifications(actor);
  const rule = parseInput(NewRule, input, 'body');
  const now = ctx.now();
  const created = await withNameConflict('rule', rule.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, 'rule', rule.name);
      await assertReferencesExist(trx, rule);
      const id = await insertRuleRow(trx, {
        name: rule.name,
        events: JSON.stringify(unique(rule.events)),
        teamIds: JSON.stringify(unique(rule.teamIds)),
        channelIds: JSON.stringify(unique(rule.channelIds)),
        maxSeverity: rule.maxSeverity,
        isEnabled: rule.isEnabled ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      });
      const after = await findRuleIn(trx, id);
      await recordChange(ctx, trx, actor, {
        action: 'notificationRule.create',
        entityType: 'notificationRule',
        entityId: id,
        after,
      });
      return after;
    }),
  );
  announceNotificationChange(ctx);
  return created;
}

/** Changes the given fields of a rule; a change that changes nothing is not written. */
export async function updateRule(
  ctx: AppContext,
  actor: NotificationActor,
  id: number,
  input: z.input<typeof UpdateRule>,
): Promise<Rule> {
  assertCanManageNotifications(actor);
  const change = parseInput(UpdateRule, input, 'body');
  const updated = await withNameConflict('rule', change.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await findRuleIn(trx, id);
      const values: Parameters<typeof updateRuleRow>[2] = {};
      if (change.name !== undefined && change.name !== before.name) {
        await assertNameFree(trx, 'rule', change.name, id);
        values.name = change.name;
      }
      await assertReferencesExist(trx, { channelIds: change.channelIds, teamIds: change.teamIds });
      const lists = {
        events: change.events,
        teamIds: change.teamIds,
        channelIds: change.channelIds,
      } as const;
      for (const [field, list] of Object.entries(lists)) {
        if (list === undefined) continue;
        const text = JSON.stringify(unique<unknown>(list));
        if (text !== JSON.stringify(before[field as keyof typeof lists]))
          values[field as keyof typeof lists] = text;
      }
      if (change.maxSeverity !== undefined && change.maxSeverity !== before.maxSeverity) {
        values.maxSeverity = change.maxSeverity;
      }
      if (change.isEnabled !== undefined && change.isEnabled !== before.isEnabled) {
        values.isEnabled = change.isEnabled ? 1 : 0;
      }
      if (Object.keys(values).length === 0) return before;
      await updateRuleRow(trx, id, { ...values, updatedAt: ctx.now() });
      const after = await findRuleIn(trx, id);
      await recordChange(ctx, trx, actor, {
        action: 'notificationRule.update',
        entityType: 'notificationRule',
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
  announceNotificationChange(ctx);
  return updated;
}

/** Deletes a rule; audited. Deliveries already queued by it still go out. */
export async function deleteRule(ctx: AppContext, actor: NotificationActor, id: number): Promise<void> {
  assertCanManageNotifications(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findRuleIn(trx, id);
    await deleteRuleRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'notificationRule.delete',
      entityType: 'notificationRule',
      entityId: id,
      before,
    });
  });
  announceNotificationChange(ctx);
}
