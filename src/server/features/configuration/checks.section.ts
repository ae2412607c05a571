import { createHash } from 'node:crypto';
import { CheckSettings } from '../../../shared/contracts/check-kinds';
import type { Check, CheckWithPushUrl, NewCheckInput, UpdateCheck } from '../../../shared/contracts/checks';
import type { CheckSpec, ItemSpec } from '../../../shared/contracts/configuration';
import { maskedSecret, openSettings } from '../checks/check-secrets';
import { createCheck, listChecks, updateCheck } from '../checks/checks.service';
import {
  type ConfigurationSection,
  type ConfigurationTarget,
  canonical,
  listAllPages,
  listAllServicePages,
  type PlanChange,
  type PlanEntry,
  withoutDefaults,
} from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { listAllItems } from './items.section';
import { listAllTeams } from './teams.section';

// Checks as code. Secrets are the values of `settings.headers` (see `CheckSpec`):
// - export writes `********` for each of them, never the value;
// - apply reads `********` as "keep the stored value" (the checks service does the keeping);
// - `${NAME}` in a header value is replaced by the environment variable NAME when apply plans, so a
//   pipeline supplies secrets; `$${` is a literal `${`; an unset or empty variable is an error.
// The plan compares secrets without showing them: locally through digests of the stored values (only
// in memory), through the API not at all (the server never shows a stored secret), so there a value
// given in clear is always sent again.

/** Every check as the API shows it (secret header values masked). */
export async function listAllChecks(target: ConfigurationTarget): Promise<Check[]> {
  if (target.mode === 'remote') return listAllPages<Check>(target.api, '/checks', { sort: 'name' });
  return listAllServicePages((page, pageSize) =>
    listChecks(target.ctx, target.actor, { page, pageSize, sort: 'name', direction: 'asc' }),
  );
}

/** Digests of the stored header values of current specs (local target only), never the values. */
const storedSecretDigests = new WeakMap<CheckSpec, Map<string, string>>();

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

async function readSecretDigests(target: ConfigurationTarget): Promise<Map<string, Map<string, string>>> {
  const byCheck = new Map<string, Map<string, string>>();
  if (target.mode !== 'local') return byCheck;
  const rows = await target.ctx.db
    .selectFrom('checks')
    .select(['name', 'settings'])
    .where('kind', '=', 'http')
    .execute();
  for (const row of rows) {
    const parsed = CheckSettings.safeParse(JSON.parse(row.settings));
    if (!parsed.success || parsed.data.kind !== 'http') continue;
    const opened = openSettings(target.ctx.secrets, parsed.data);
    if (opened.kind !== 'http') continue;
    const headers = new Map(Object.entries(opened.headers).map(([name, value]) => [name, digest(value)]));
    if (headers.size > 0) byCheck.set(row.name, headers);
  }
  return byCheck;
}

const topFields = [
  'item',
  'owner',
  'intervalSeconds',
  'cron',
  'timeoutMs',
  'retries',
  'degradedAboveMs',
  'isPaused',
  'locations',
  'downQuorum',
] as const satisfies readonly (keyof CheckSpec)[];

const defaults: Partial<CheckSpec> = {
  item: null,
  owner: null,
  cron: null,
  timeoutMs: 10_000,
  retries: 0,
  degradedAboveMs: null,
  isPaused: false,
  locations: ['local'],
  downQuorum: 1,
};

/** Settings without the fields at their default: a field goes when parsing without it gives the same. */
function compactSettings(settings: CheckSettings): object {
  const whole = canonical(settings);
  let compacted: Record<string, unknown> = { ...settings };
  for (const field of Object.keys(settings)) {
    if (field === 'kind') continue;
    const { [field]: _dropped, ...without } = compacted;
    const parsed = CheckSettings.safeParse(without);
    if (parsed.success && canonical(parsed.data) === whole) compacted = without;
  }
  return compacted;
}

const referencePattern = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{/g;

/**
 * Replaces `${NAME}` with the environment variable NAME and `$${` with `${`. Lists the variables that
 * are unset or empty, and whether a `${` was not a reference (a typo, or a `$${` meant).
 */
export function expandEnvironment(
  value: string,
  env: Record<string, string | undefined>,
): { value: string; missing: string[]; malformed: boolean } {
  const missing: string[] = [];
  let malformed = false;
  const expanded = value.replace(referencePattern, (match, name: string | undefined) => {
    if (match === '$${') return '${';
    if (name === undefined) {
      malformed = true;
      return match;
    }
    const found = env[name];
    if (found === undefined || found === '') {
      missing.push(name);
      return '';
    }
    return found;
  });
  return { value: expanded, missing, malformed };
}

type PlanEnv = Record<string, string | undefined>;

/** Header values of a spec's settings (HTTP checks), else none. */
function headersOf(spec: Pick<CheckSpec, 'settings'>): Record<string, string> {
  return spec.settings.kind === 'http' ? spec.settings.headers : {};
}

/** The spec with `${NAME}` expanded in its header values; problems go to `issues`. */
function expandSpec(spec: CheckSpec, index: number, env: PlanEnv, issues: ConfigurationIssue[]): CheckSpec {
  if (spec.settings.kind !== 'http') return spec;
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(spec.settings.headers)) {
    const path = `checks[${index}].settings.headers.${name}`;
    const { value, missing, malformed } = expandEnvironment(raw, env);
    for (const variable of missing)
      issues.push({ path, line: null, message: `environment variable ${variable} is not set or empty` });
    if (malformed)
      issues.push({
        path,
        line: null,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows the syntax
        message: '"${" must start a ${NAME} reference (letters, digits, _); write "$${" for a literal "${"',
      });
    if (value.length > 8192 || /[\r\n\0]/.test(value))
      issues.push({
        path,
        line: null,
        message: 'the value from the environment is longer than 8192 or has a line break',
      });
    headers[name] = value;
  }
  return { ...spec, settings: { ...spec.settings, headers } };
}

/** Who answers for a check: its own team, else its item's. */
function effectiveOwner(spec: Pick<CheckSpec, 'owner' | 'item'>, itemOwner: (item: string) => string | null) {
  return spec.owner ?? (spec.item === null ? null : itemOwner(spec.item));
}

/** What changes between the current and the desired settings; secret values never shown. */
function settingsChanges(current: CheckSpec, desired: CheckSpec): PlanChange[] {
  const changes: PlanChange[] = [];
  const was = current.settings as Record<string, unknown>;
  const wanted = desired.settings as Record<string, unknown>;
  for (const field of new Set([...Object.keys(was), ...Object.keys(wanted)])) {
    if (field === 'headers') continue;
    if (canonical(was[field]) !== canonical(wanted[field]))
      changes.push({ field: `settings.${field}`, from: was[field], to: wanted[field] });
  }
  const stored = headersOf(current);
  const given = headersOf(desired);
  const digests = storedSecretDigests.get(current);
  for (const name of new Set([...Object.keys(stored), ...Object.keys(given)])) {
    const field = `settings.headers.${name}`;
    const value = given[name];
    if (value === undefined) changes.push({ field, from: maskedSecret, to: null });
    else if (!(name in stored)) changes.push({ field, from: null, to: maskedSecret });
    else if (value === maskedSecret) continue;
    else if (!digests) {
      // Through the API a stored secret cannot be compared: the value given is sent again.
      changes.push({
        field,
        from: maskedSecret,
        to: `${maskedSecret} (sent again: not comparable remotely)`,
      });
    } else if (digests.get(name) !== digest(value)) {
      changes.push({ field, from: maskedSecret, to: `${maskedSecret} (new value)` });
    }
  }
  return changes;
}

/**
 * Checks by name: every field of the checks contract, the item and the owner team by name, the
 * settings of their kind. Created and changed through the checks service (or the API), so every
 * change is audited and the runners re-read the check. Heartbeat checks created here report their
 * push URL in the apply outcome, once.
 */
export const checksSection: ConfigurationSection<CheckSpec> = {
  name: 'checks',
  label: 'check',
  keyOf: (spec) => spec.name,

  async exportSection(target) {
    const [checks, items, teams, digests] = await Promise.all([
      listAllChecks(target),
      listAllItems(target),
      listAllTeams(target),
      readSecretDigests(target),
    ]);
    const itemOwners = new Map(items.map((item) => [item.name, item.ownerTeamName]));
    const teamNames = new Map(teams.map((team) => [team.id, team.name]));
    return checks.map((check) => {
      const owner = check.ownerTeamId === null ? null : (teamNames.get(check.ownerTeamId) ?? null);
      const itemOwner = check.itemName === null ? null : (itemOwners.get(check.itemName) ?? null);
      const spec: CheckSpec = {
        name: check.name,
        item: check.itemName,
        // The owner is written only where it is not the item's own team (the default).
        owner: owner === itemOwner ? null : owner,
        settings: CheckSettings.parse(check.settings),
        intervalSeconds: check.intervalSeconds,
        cron: check.cron,
        timeoutMs: check.timeoutMs,
        retries: check.retries,
        degradedAboveMs: check.degradedAboveMs,
        isPaused: check.isPaused,
        locations: check.locations,
        downQuorum: check.downQuorum,
      };
      const secrets = digests.get(check.name);
      if (secrets) storedSecretDigests.set(spec, secrets);
      return spec;
    });
  },

  compact(spec) {
    const { settings, ...flat } = spec;
    // An interval of 60 s is the default, or none with a cron schedule.
    const intervalSeconds = spec.cron === null ? 60 : null;
    // The settings last: the one nested block reads best after the flat fields.
    return {
      ...withoutDefaults(flat, { ...defaults, intervalSeconds }),
      settings: compactSettings(settings),
    };
  },

  planSection(desired, context) {
    const issues: ConfigurationIssue[] = [];
    const desiredItems = new Map(context.desired.items.map((item) => [item.name, item.owner]));
    const currentItems = new Map(
      (context.current.items as ItemSpec[]).map((item) => [item.name, item.owner]),
    );
    const teams = new Set([
      ...(context.current.teams as { name: string }[]).map((team) => team.name),
      ...context.desired.teams.map((team) => team.name),
    ]);
    const current = new Map((context.current.checks as CheckSpec[]).map((spec) => [spec.name, spec]));
    const ownerAfter = (item: string) =>
      desiredItems.has(item) ? (desiredItems.get(item) ?? null) : (currentItems.get(item) ?? null);
    const ownerBefore = (item: string) => currentItems.get(item) ?? null;

    const entries = desired.map((raw, index): PlanEntry<CheckSpec> => {
      const spec = expandSpec(raw, index, context.env, issues);
      const at = (field: string) => `checks[${index}].${field}`;
      if (spec.item !== null && !desiredItems.has(spec.item) && !currentItems.has(spec.item))
        issues.push({ path: at('item'), line: null, message: `no item "${spec.item}"` });
      if (spec.owner !== null && !teams.has(spec.owner))
        issues.push({ path: at('owner'), line: null, message: `no team "${spec.owner}"` });
      const existing = current.get(spec.name);
      for (const [name, value] of Object.entries(headersOf(spec))) {
        if (value === maskedSecret && !(existing && name in headersOf(existing)))
          issues.push({
            path: at(`settings.headers.${name}`),
            line: null,
            message: `"${maskedSecret}" keeps the stored value, but ${existing ? 'the check has no such header' : 'the check does not exist yet'}: give the value, or \${NAME} to take it from the environment`,
          });
      }
      const entry = { section: 'checks' as const, label: 'check', key: spec.name, desired: spec };
      if (!existing) return { ...entry, action: 'create', changes: [] };
      if (existing.settings.kind !== spec.settings.kind) {
        issues.push({
          path: at('settings.kind'),
          line: null,
          message: `the check is a ${existing.settings.kind} check and its kind cannot change; give the new check another name`,
        });
        return { ...entry, action: 'unchanged', changes: [] };
      }
      const changes: PlanChange[] = [];
      for (const field of topFields) {
        if (field === 'owner') {
          const from = effectiveOwner(existing, ownerBefore);
          const to = effectiveOwner(spec, ownerAfter);
          if (from !== to) changes.push({ field, from, to });
        } else if (canonical(existing[field]) !== canonical(spec[field])) {
          changes.push({ field, from: existing[field], to: spec[field] });
        }
      }
      changes.push(...settingsChanges(existing, spec));
      return { ...entry, action: changes.length > 0 ? 'update' : 'unchanged', changes };
    });
    return { entries, issues };
  },

  async applySection(entries, target, outcome) {
    const [items, teams, checks] = await Promise.all([
      listAllItems(target),
      listAllTeams(target),
      listAllChecks(target),
    ]);
    const itemIds = new Map(items.map((item) => [item.name, item.id]));
    const teamIds = new Map(teams.map((team) => [team.name, team.id]));
    const checkIds = new Map(checks.map((check) => [check.name, check.id]));
    const idOf = (ids: Map<string, number>, noun: string, name: string | null) => {
      if (name === null) return null;
      const id = ids.get(name);
      if (id === undefined) throw new Error(`${noun} ${name} disappeared while applying`);
      return id;
    };
    for (const entry of entries) {
      const spec = entry.desired;
      if (entry.action === 'create') {
        const { item, owner, ...fields } = spec;
        const input: NewCheckInput = {
          ...fields,
          itemId: idOf(itemIds, 'item', item),
          ownerTeamId: idOf(teamIds, 'team', owner),
        };
        const created =
          target.mode === 'local'
            ? await createCheck(target.ctx, target.actor, input)
            : await target.api.send<CheckWithPushUrl>('POST', '/checks', input);
        if (created.pushUrl) outcome.pushUrls.push({ check: spec.name, url: created.pushUrl });
      } else if (entry.action === 'update') {
        const id = idOf(checkIds, 'check', entry.key) as number;
        const change: Record<string, unknown> = {};
        for (const { field } of entry.changes) {
          if (field === 'item') change.itemId = idOf(itemIds, 'item', spec.item);
          // No owner of its own follows the item's team, as the file says.
          else if (field === 'owner') change.ownerTeamId = idOf(teamIds, 'team', spec.owner);
          // Settings are replaced whole; headers left "********" keep their stored value.
          else if (field.startsWith('settings.')) change.settings = spec.settings;
          else if (field === 'intervalSeconds' || field === 'cron') {
            change.intervalSeconds = spec.intervalSeconds;
            change.cron = spec.cron;
          } else change[field] = spec[field as keyof CheckSpec];
        }
        if (target.mode === 'local') await updateCheck(target.ctx, target.actor, id, change as UpdateCheck);
        else await target.api.send<Check>('PATCH', `/checks/${id}`, change);
      }
    }
  },
};
