import { ConfigurationDocument } from '../../../shared/contracts/configuration';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import type { Actor } from '../auth/actor';
import type { ConfigurationTarget } from '../configuration/configuration.section';
import {
  applyConfiguration,
  type ConfigurationPlan,
  planConfiguration,
  systemActor,
} from '../configuration/configuration.service';
import { acknowledgeIncident, createIncident } from '../incidents/incidents.service';
import { listItems } from '../inventory/inventory.service';
import { listTeams } from '../teams/teams.service';
import { demoHeartbeatCheck, demoTargetsOf, demoTargetsUrl } from './demo.checks';
import { buildDemoDocument, demoAdminEmail, demoCompany, demoPassword } from './demo.data';
import { demoIncident, demoIncidentItem } from './demo.operations';
import { seedDemoWork } from './demo.work';

export interface DemoResult {
  company: string;
  adminEmail: string;
  password: string;
  counts: ConfigurationPlan['counts'];
  /** work items this run created (none when the teams already had a backlog) */
  workItems: number;
  checks: {
    /** running checks against this Regia's demo targets, a TCP check and a heartbeat */
    live: number;
    /** paused examples on the company's real hosts */
    paused: number;
    /** where the live HTTP checks point, e.g. http://127.0.0.1:8080/demo-targets/ */
    targetsUrl: string;
    /** the heartbeat check and its push URL; the URL only when this run created it (shown once) */
    heartbeat: { check: string; pushUrl: string | null };
  };
}

/**
 * Seeds the demo company through the configuration planner and the services, so every object has its
 * audit record. Refuses when teams or items exist, unless forced: then what differs from the demo is
 * brought back to it and nothing else is touched.
 */
export async function seedDemo(ctx: AppContext, options: { force?: boolean } = {}): Promise<DemoResult> {
  const target: ConfigurationTarget = { mode: 'local', ctx, actor: systemActor('demo') };
  if (!options.force) {
    const [teams, items] = await Promise.all([listTeams(ctx), listItems(ctx, target.actor, { pageSize: 1 })]);
    if (teams.length > 0 || items.total > 0) {
      throw new AppError(
        'conflict',
        `This Regia already has ${teams.length} teams and ${items.total} items; use --force to add the demo anyway`,
      );
    }
  }
  const targets = demoTargetsOf(ctx.config);
  const document = ConfigurationDocument.parse(buildDemoDocument(ctx.now(), targets));
  const plan = await planConfiguration(target, document);
  // Every demo account gets the same known password, so each role can be tried.
  const outcome = await applyConfiguration(target, plan, { newUserPassword: demoPassword });
  await openDemoIncident(ctx, target.actor);
  const workItems = await seedDemoWork(ctx, target.actor);
  return {
    company: demoCompany,
    adminEmail: demoAdminEmail,
    password: demoPassword,
    counts: plan.counts,
    workItems,
    checks: {
      live: document.checks.filter((check) => !check.isPaused).length,
      paused: document.checks.filter((check) => check.isPaused).length,
      targetsUrl: `${demoTargetsUrl(targets)}/`,
      heartbeat: {
        check: demoHeartbeatCheck,
        pushUrl: outcome.pushUrls.find((push) => push.check === demoHeartbeatCheck)?.url ?? null,
      },
    },
  };
}

/**
 * One incident a person is already working on (opened by hand and acknowledged), unless an open
 * incident on its item exists (a second `demo --force`). The live checks open their own.
 */
async function openDemoIncident(ctx: AppContext, actor: Actor): Promise<void> {
  const item = await ctx.db
    .selectFrom('items')
    .select('id')
    .where('name', '=', demoIncidentItem)
    .executeTakeFirst();
  if (!item) return;
  const open = await ctx.db
    .selectFrom('incidents')
    .select('id')
    .where('itemId', '=', item.id)
    .where('resolvedAt', 'is', null)
    .executeTakeFirst();
  if (open) return;
  const incident = await createIncident(ctx, actor, demoIncident(item.id));
  await acknowledgeIncident(ctx, actor, incident.id);
}
