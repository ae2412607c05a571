import type { Transaction } from 'kysely';
import {
  type ConfigurationDocument,
  type ConfigurationDocumentInput,
  configurationApiVersion,
} from '../../../shared/contracts/configuration';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import type { EventBus, EventMap } from '../../events';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { Actor } from '../auth/actor';
import { checksSection } from './checks.section';
import {
  type ApplyOptions,
  type ApplyOutcome,
  type ConfigurationSection,
  type ConfigurationTarget,
  canonical,
  type PlanEntry,
  type SectionName,
} from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { itemsSection } from './items.section';
import { maintenanceSection } from './maintenance.section';
import { notificationChannelsSection, notificationRulesSection } from './notifications.section';
import { relationsSection } from './relations.section';
import { statusPagesSection } from './status-pages.section';
import { teamsSection } from './teams.section';
import { usersSection } from './users.section';
import { workflowsSection, workRecurrencesSection } from './work-items.section';

/**
 * Every configurable kind, in apply order: a section may refer to objects of the sections before it
 * (teams list users, items name their owner team, relations and checks name items). Register new kinds here.
 */
export const configurationSections: ConfigurationSection<unknown>[] = [
  usersSection,
  teamsSection,
  itemsSection,
  relationsSection,
  checksSection,
  maintenanceSection,
  statusPagesSection,
  notificationChannelsSection,
  notificationRulesSection,
  workflowsSection,
  workRecurrencesSection,
] as ConfigurationSection<unknown>[];

/** What apply would do, object by object, in apply order. */
export interface ConfigurationPlan {
  entries: PlanEntry[];
  counts: { create: number; update: number; unchanged: number };
}

/** The current state of every section, in the document's form. */
async function readCurrent(target: ConfigurationTarget): Promise<Record<SectionName, unknown[]>> {
  const current = {} as Record<SectionName, unknown[]>;
  for (const section of configurationSections) {
    // Sorted here by code point, not by the database's collation, so both dialects export alike.
    const specs = await section.exportSection(target);
    current[section.name] = specs
      .map((spec) => ({ key: section.keyOf(spec), spec }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ spec }) => spec);
  }
  return current;
}

/** Exports the configuration as a document that apply reads back as all unchanged. */
export async function exportConfiguration(target: ConfigurationTarget): Promise<ConfigurationDocumentInput> {
  const current = await readCurrent(target);
  const document: Record<string, unknown> = { apiVersion: configurationApiVersion };
  for (const section of configurationSections) {
    document[section.name] = current[section.name].map((spec) => section.compact(spec));
  }
  return document as ConfigurationDocumentInput;
}

function duplicateIssues(section: ConfigurationSection<unknown>, specs: unknown[]): ConfigurationIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ConfigurationIssue[] = [];
  specs.forEach((spec, index) => {
    const key = section.keyOf(spec);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else
      issues.push({
        path: `${section.name}[${index}]`,
        line: null,
        message: `${section.label} "${key}" is already at ${section.name}[${first}]`,
      });
  });
  return issues;
}

export interface PlanOptions {
  /** where `${NAME}` in secret values is looked up; the process environment by default */
  env?: Record<string, string | undefined>;
}

/**
 * Compares a validated document with the target's current state. Throws `validation_failed` listing
 * every problem (duplicates, references to unknown objects, unset environment variables) before
 * anything is written.
 */
export async function planConfiguration(
  target: ConfigurationTarget,
  desired: ConfigurationDocument,
  options: PlanOptions = {},
): Promise<ConfigurationPlan> {
  const current = await readCurrent(target);
  const env = options.env ?? process.env;
  const issues: ConfigurationIssue[] = [];
  const entries: PlanEntry[] = [];
  for (const section of configurationSections) {
    const specs = desired[section.name] as unknown[];
    issues.push(...duplicateIssues(section, specs));
    const planned = section.planSection(specs, { desired, current, env });
    issues.push(...planned.issues);
    entries.push(...planned.entries);
  }
  if (issues.length > 0) throw appError('validation_failed', phrase('configuration.refersToMissing'), issues);
  const count = (action: PlanEntry['action']) => entries.filter((entry) => entry.action === action).length;
  return {
    entries,
    counts: { create: count('create'), update: count('update'), unchanged: count('unchanged') },
  };
}

/**
 * Carries out a plan. Locally the whole plan is one transaction: it applies completely or not at all.
 * Against a server each change is its own request, in apply order; a failure stops at that change.
 */
export async function applyConfiguration(
  target: ConfigurationTarget,
  plan: ConfigurationPlan,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { passwords: [], pushUrls: [] };
  const run = async (inner: ConfigurationTarget) => {
    for (const section of configurationSections) {
      const entries = plan.entries.filter((entry) => entry.section === section.name);
      if (entries.some((entry) => entry.action !== 'unchanged')) {
        await section.applySection(entries, inner, outcome, options);
      }
    }
  };
  if (target.mode === 'remote') await run(target);
  else await inOneTransaction(target.ctx, (ctx) => run({ ...target, ctx }));
  return outcome;
}

/**
 * Runs service calls inside one transaction. Services open their own transactions; here those
 * become part of the outer one, so a failure anywhere rolls back everything. The events the services
 * emit (a check created: runners re-read it) are held until the transaction commits, and dropped if
 * it rolls back, so listeners never look for rows they cannot see yet.
 */
export async function inOneTransaction<T>(
  ctx: AppContext,
  work: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const held: (() => void)[] = [];
  const events = {
    on: ctx.events.on.bind(ctx.events),
    emit: <K extends keyof EventMap>(name: K, event: EventMap[K]) => {
      held.push(() => ctx.events.emit(name, event));
    },
  } as unknown as EventBus;
  const result = await ctx.db.transaction().execute(async (trx) => {
    const db = joinNestedTransactions(trx);
    return work({ ...ctx, db, storage: { ...ctx.storage, db }, events });
  });
  for (const emit of held) emit();
  return result;
}

function joinNestedTransactions(trx: Transaction<Database>): Db {
  const joined: Transaction<Database> = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') {
        // A service's own transaction becomes a plain block of the outer one (deeper levels too).
        const builder = {
          execute: <R>(callback: (inner: Transaction<Database>) => Promise<R>) => callback(joined),
          setIsolationLevel: () => builder,
          setAccessMode: () => builder,
        };
        return () => builder;
      }
      // Kysely keeps its state in private fields: methods must run on the real object, not the proxy.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return joined;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return canonical(value);
  return String(value);
}

/** The plan as people read it: `+ item "ERP"`, `~ item "ERP": criticality 2 → 1`, then the counts. */
export function formatPlan(plan: ConfigurationPlan, options: { showUnchanged?: boolean } = {}): string {
  const lines: string[] = [];
  for (const entry of plan.entries) {
    const name = `${entry.label} "${entry.key}"`;
    if (entry.action === 'create') lines.push(`+ ${name}`);
    else if (entry.action === 'update') {
      lines.push(
        `~ ${name}: ${entry.changes.map((c) => `${c.field} ${show(c.from)} → ${show(c.to)}`).join(', ')}`,
      );
    } else if (options.showUnchanged) lines.push(`= ${name}`);
  }
  const { create, update, unchanged } = plan.counts;
  lines.push(`${create} to create, ${update} to update, ${unchanged} unchanged.`);
  return lines.join('\n');
}

/**
 * What apply shows once, after applying: the one-time passwords of new users and the push URLs of new
 * heartbeat checks (neither can be read back later). Empty when there is neither.
 */
export function formatApplyOutcome(outcome: ApplyOutcome): string {
  const lines: string[] = [];
  if (outcome.passwords.length > 0) {
    lines.push(
      'New users and their one-time passwords (shown only now; ask them to change it at first sign-in):',
      ...outcome.passwords.map(({ email, password }) => `  ${email}  ${password}`),
    );
  }
  if (outcome.pushUrls.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      'New heartbeat checks and their push URLs (shown only now; a job calls it, e.g. curl -fsS -X POST URL):',
      ...outcome.pushUrls.map(({ check, url }) => `  ${check}  ${url}`),
    );
  }
  return lines.join('\n');
}

/** True when applying the plan would change nothing. */
export function isEmptyPlan(plan: ConfigurationPlan): boolean {
  return plan.counts.create === 0 && plan.counts.update === 0;
}

/** The actor of local commands: Regia itself, named in the audit log by a label (`cli`, `demo`). */
export function systemActor(label: string): Actor {
  // Actor is shaped for signed-in users; Regia's own changes carry no user id (null in the audit log)
  // and every right, since whoever runs the local CLI holds the database file anyway.
  return {
    userId: null as unknown as number,
    email: '',
    name: label,
    role: 'admin',
    locale: null,
    teamIds: [],
    leadTeamIds: [],
    via: 'token',
    sessionId: null,
    label,
  };
}
