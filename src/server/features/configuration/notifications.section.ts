import { createHash } from 'node:crypto';
import type { Channel, ChannelSettings, Rule } from '../../../shared/contracts/notifications';
import {
  ChannelSettings as ChannelSettingsSchema,
  maskedSecret,
  type NotificationChannelSpec,
  type NotificationRuleSpec,
} from '../../../shared/contracts/notifications';
import { AppError } from '../../../shared/errors';
import { openChannelRow } from '../notifications/channel-rows';
import { createChannel, listChannels, updateChannel } from '../notifications/channels.service';
import { listAllChannelRows } from '../notifications/notifications.repository';
import { createRule, listRules, updateRule } from '../notifications/rules.service';
import { expandEnvironment } from './checks.section';
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
import { listAllTeams } from './teams.section';

// Notification channels and rules as code. Secrets follow the checks' rules (see checks.section.ts):
// export writes "********"; apply reads "********" as "keep the stored value"; `${NAME}` in a secret
// is taken from the environment when apply plans. The plan compares secrets through digests of the
// stored values when local, and cannot compare them through the API (a value given is sent again).

/**
 * Reads a list through the API; a token whose role may not manage notifications reads none, so its
 * export leaves them out (as its lists would) instead of failing whole.
 */
async function listRemote<Row>(
  target: Extract<ConfigurationTarget, { mode: 'remote' }>,
  path: string,
): Promise<Row[]> {
  try {
    return await listAllPages<Row>(target.api, path);
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return [];
    throw error;
  }
}

/** Every channel as the API shows it (secrets masked). */
async function listAllChannels(target: ConfigurationTarget): Promise<Channel[]> {
  if (target.mode === 'remote') return listRemote<Channel>(target, '/notifications/channels');
  return listAllServicePages((page, pageSize) => listChannels(target.ctx, target.actor, { page, pageSize }));
}

async function listAllRules(target: ConfigurationTarget): Promise<Rule[]> {
  if (target.mode === 'remote') return listRemote<Rule>(target, '/notifications/rules');
  return listAllServicePages((page, pageSize) => listRules(target.ctx, target.actor, { page, pageSize }));
}

/** The secret fields of settings, by path, with their values. */
function secretFields(settings: ChannelSettings): Map<string, string> {
  const found = new Map<string, string>();
  switch (settings.kind) {
    case 'email':
      found.set('password', settings.password);
      break;
    case 'webhook':
      found.set('signingSecret', settings.signingSecret);
      for (const [name, value] of Object.entries(settings.headers)) found.set(`headers.${name}`, value);
      break;
    case 'slack':
    case 'teams':
      found.set('webhookUrl', settings.webhookUrl);
      break;
    case 'telegram':
      found.set('botToken', settings.botToken);
      break;
  }
  return found;
}

/** The settings with each secret field replaced by `transform`'s answer. */
function withSecrets(
  settings: ChannelSettings,
  transform: (field: string, value: string) => string,
): ChannelSettings {
  switch (settings.kind) {
    case 'email':
      return { ...settings, password: transform('password', settings.password) };
    case 'webhook':
      return {
        ...settings,
        signingSecret: transform('signingSecret', settings.signingSecret),
        headers: Object.fromEntries(
          Object.entries(settings.headers).map(([name, value]) => [
            name,
            transform(`headers.${name}`, value),
          ]),
        ),
      };
    case 'slack':
    case 'teams':
      return { ...settings, webhookUrl: transform('webhookUrl', settings.webhookUrl) };
    case 'telegram':
      return { ...settings, botToken: transform('botToken', settings.botToken) };
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex');
/** Digests of the stored secrets of exported specs (local target only), never the values. */
const storedDigests = new WeakMap<NotificationChannelSpec, Map<string, string>>();

async function readSecretDigests(target: ConfigurationTarget): Promise<Map<string, Map<string, string>>> {
  const byName = new Map<string, Map<string, string>>();
  if (target.mode !== 'local') return byName;
  for (const row of await listAllChannelRows(target.ctx.db)) {
    const open = openChannelRow(target.ctx.secrets, row);
    const digests = new Map([...secretFields(open.settings)].map(([field, value]) => [field, digest(value)]));
    byName.set(row.name, digests);
  }
  return byName;
}

/** Settings without the fields at their default: a field goes when parsing without it gives the same. */
function compactSettings(settings: ChannelSettings): object {
  const whole = canonical(settings);
  let compacted: Record<string, unknown> = { ...settings };
  for (const field of Object.keys(settings)) {
    if (field === 'kind') continue;
    const { [field]: _dropped, ...without } = compacted;
    const parsed = ChannelSettingsSchema.safeParse(without);
    if (parsed.success && canonical(parsed.data) === whole) compacted = without;
  }
  return compacted;
}

/** What changes in the settings; secret values are never shown. */
function settingsChanges(current: NotificationChannelSpec, desired: NotificationChannelSpec): PlanChange[] {
  const changes: PlanChange[] = [];
  const stored = secretFields(current.settings);
  const given = secretFields(desired.settings);
  const isSecret = (field: string) => field === 'headers' || stored.has(field) || given.has(field);
  const was = current.settings as Record<string, unknown>;
  const wanted = desired.settings as Record<string, unknown>;
  for (const field of new Set([...Object.keys(was), ...Object.keys(wanted)])) {
    if (isSecret(field)) continue;
    if (canonical(was[field]) !== canonical(wanted[field]))
      changes.push({ field: `settings.${field}`, from: was[field], to: wanted[field] });
  }
  const digests = storedDigests.get(current);
  for (const field of new Set([...stored.keys(), ...given.keys()])) {
    const path = `settings.${field}`;
    const before = stored.get(field) ?? '';
    const after = given.get(field) ?? '';
    if (after === maskedSecret || before === after) continue;
    if (after === '') changes.push({ field: path, from: maskedSecret, to: null });
    else if (before === '') changes.push({ field: path, from: null, to: maskedSecret });
    else if (!digests)
      changes.push({
        field: path,
        from: maskedSecret,
        to: `${maskedSecret} (sent again: not comparable remotely)`,
      });
    else if (digests.get(field) !== digest(after))
      changes.push({ field: path, from: maskedSecret, to: `${maskedSecret} (new value)` });
  }
  return changes;
}

/** Notification channels by name; created and changed through the channels service or its API. */
export const notificationChannelsSection: ConfigurationSection<NotificationChannelSpec> = {
  name: 'notificationChannels',
  label: 'notification channel',
  keyOf: (spec) => spec.name,

  async exportSection(target) {
    const [channels, digests] = await Promise.all([listAllChannels(target), readSecretDigests(target)]);
    return channels.map((channel) => {
      const spec: NotificationChannelSpec = {
        name: channel.name,
        language: channel.language,
        isEnabled: channel.isEnabled,
        settings: channel.settings,
      };
      const secrets = digests.get(channel.name);
      if (secrets) storedDigests.set(spec, secrets);
      return spec;
    });
  },

  compact(spec) {
    const { settings, ...flat } = spec;
    return {
      ...withoutDefaults(flat, { language: 'en', isEnabled: true }),
      settings: compactSettings(settings),
    };
  },

  planSection(desired, context) {
    const issues: ConfigurationIssue[] = [];
    const current = new Map(
      (context.current.notificationChannels as NotificationChannelSpec[]).map((spec) => [spec.name, spec]),
    );
    const entries = desired.map((raw, index): PlanEntry<NotificationChannelSpec> => {
      const at = (field: string) => `notificationChannels[${index}].${field}`;
      const existing = current.get(raw.name);
      const storedSecrets =
        existing && existing.settings.kind === raw.settings.kind
          ? secretFields(existing.settings)
          : new Map();
      const settings = withSecrets(raw.settings, (field, value) => {
        if (value === maskedSecret) {
          if (!storedSecrets.get(field))
            issues.push({
              path: at(`settings.${field}`),
              line: null,
              message: `"${maskedSecret}" keeps the stored value, but none is stored: give the value, or \${NAME} to take it from the environment`,
            });
          return value;
        }
        const expanded = expandEnvironment(value, context.env);
        for (const variable of expanded.missing)
          issues.push({
            path: at(`settings.${field}`),
            line: null,
            message: `environment variable ${variable} is not set or empty`,
          });
        if (expanded.malformed)
          issues.push({
            path: at(`settings.${field}`),
            line: null,
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows the syntax
            message: '"${" must start a ${NAME} reference; write "$${" for a literal "${"',
          });
        return expanded.value;
      });
      const spec = { ...raw, settings };
      const entry = {
        section: 'notificationChannels' as const,
        label: 'notification channel',
        key: spec.name,
        desired: spec,
      };
      if (!existing) return { ...entry, action: 'create', changes: [] };
      if (existing.settings.kind !== spec.settings.kind) {
        issues.push({
          path: at('settings.kind'),
          line: null,
          message: `the channel is a ${existing.settings.kind} channel and its kind cannot change; give the new channel another name`,
        });
        return { ...entry, action: 'unchanged', changes: [] };
      }
      const changes: PlanChange[] = [];
      for (const field of ['language', 'isEnabled'] as const) {
        if (existing[field] !== spec[field]) changes.push({ field, from: existing[field], to: spec[field] });
      }
      changes.push(...settingsChanges(existing, spec));
      return { ...entry, action: changes.length > 0 ? 'update' : 'unchanged', changes };
    });
    return { entries, issues };
  },

  async applySection(entries, target) {
    const ids = new Map((await listAllChannels(target)).map((channel) => [channel.name, channel.id]));
    for (const entry of entries) {
      const spec = entry.desired;
      if (entry.action === 'create') {
        if (target.mode === 'local') await createChannel(target.ctx, target.actor, spec);
        else await target.api.send('POST', '/notifications/channels', spec);
      } else if (entry.action === 'update') {
        const id = ids.get(entry.key);
        if (id === undefined) throw new Error(`notification channel ${entry.key} disappeared while applying`);
        // Settings are sent whole; secrets left "********" keep their stored value.
        const change = { language: spec.language, isEnabled: spec.isEnabled, settings: spec.settings };
        if (target.mode === 'local') await updateChannel(target.ctx, target.actor, id, change);
        else await target.api.send('PATCH', `/notifications/channels/${id}`, change);
      }
    }
  },
};

const ruleFields = ['events', 'teams', 'maxSeverity', 'channels', 'isEnabled'] as const;
const sorted = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Notification rules by name, naming channels and teams by name. */
export const notificationRulesSection: ConfigurationSection<NotificationRuleSpec> = {
  name: 'notificationRules',
  label: 'notification rule',
  keyOf: (spec) => spec.name,

  async exportSection(target) {
    const [rules, channels, teams] = await Promise.all([
      listAllRules(target),
      listAllChannels(target),
      listAllTeams(target),
    ]);
    const channelNames = new Map(channels.map((channel) => [channel.id, channel.name]));
    const teamNames = new Map(teams.map((team) => [team.id, team.name]));
    const namesOf = (ids: number[], names: Map<number, string>) =>
      sorted(ids.flatMap((id) => (names.has(id) ? [names.get(id) as string] : [])));
    return rules.map((rule) => ({
      name: rule.name,
      events: [...rule.events].sort(),
      teams: namesOf(rule.teamIds, teamNames),
      maxSeverity: rule.maxSeverity,
      channels: namesOf(rule.channelIds, channelNames),
      isEnabled: rule.isEnabled,
    }));
  },

  compact(spec) {
    return withoutDefaults(spec, { teams: [], maxSeverity: 4, isEnabled: true });
  },

  planSection(desired, context) {
    const issues: ConfigurationIssue[] = [];
    const channels = new Set([
      ...(context.current.notificationChannels as { name: string }[]).map((channel) => channel.name),
      ...context.desired.notificationChannels.map((channel) => channel.name),
    ]);
    const teams = new Set([
      ...(context.current.teams as { name: string }[]).map((team) => team.name),
      ...context.desired.teams.map((team) => team.name),
    ]);
    const current = new Map(
      (context.current.notificationRules as NotificationRuleSpec[]).map((spec) => [spec.name, spec]),
    );
    const entries = desired.map((raw, index): PlanEntry<NotificationRuleSpec> => {
      const spec = {
        ...raw,
        events: [...new Set(raw.events)].sort(),
        teams: sorted([...new Set(raw.teams)]),
        channels: sorted([...new Set(raw.channels)]),
      };
      spec.channels.forEach((name) => {
        if (!channels.has(name))
          issues.push({
            path: `notificationRules[${index}].channels`,
            line: null,
            message: `no notification channel "${name}"`,
          });
      });
      spec.teams.forEach((name) => {
        if (!teams.has(name))
          issues.push({
            path: `notificationRules[${index}].teams`,
            line: null,
            message: `no team "${name}"`,
          });
      });
      const existing = current.get(spec.name);
      const entry = {
        section: 'notificationRules' as const,
        label: 'notification rule',
        key: spec.name,
        desired: spec,
      };
      if (!existing) return { ...entry, action: 'create', changes: [] };
      const changes = ruleFields
        .filter((field) => canonical(existing[field]) !== canonical(spec[field]))
        .map((field) => ({ field, from: existing[field], to: spec[field] }));
      return { ...entry, action: changes.length > 0 ? 'update' : 'unchanged', changes };
    });
    return { entries, issues };
  },

  async applySection(entries, target) {
    const [rules, channels, teams] = await Promise.all([
      listAllRules(target),
      listAllChannels(target),
      listAllTeams(target),
    ]);
    const ruleIds = new Map(rules.map((rule) => [rule.name, rule.id]));
    const channelIds = new Map(channels.map((channel) => [channel.name, channel.id]));
    const teamIds = new Map(teams.map((team) => [team.name, team.id]));
    const idsOf = (names: string[], ids: Map<string, number>, noun: string) =>
      names.map((name) => {
        const id = ids.get(name);
        if (id === undefined) throw new Error(`${noun} ${name} disappeared while applying`);
        return id;
      });
    for (const entry of entries) {
      if (entry.action === 'unchanged') continue;
      const spec = entry.desired;
      const body = {
        events: spec.events,
        teamIds: idsOf(spec.teams, teamIds, 'team'),
        maxSeverity: spec.maxSeverity,
        channelIds: idsOf(spec.channels, channelIds, 'notification channel'),
        isEnabled: spec.isEnabled,
      };
      if (entry.action === 'create') {
        if (target.mode === 'local') await createRule(target.ctx, target.actor, { name: spec.name, ...body });
        else await target.api.send('POST', '/notifications/rules', { name: spec.name, ...body });
      } else {
        const id = ruleIds.get(entry.key);
        if (id === undefined) throw new Error(`notification rule ${entry.key} disappeared while applying`);
        if (target.mode === 'local') await updateRule(target.ctx, target.actor, id, body);
        else await target.api.send('PATCH', `/notifications/rules/${id}`, body);
      }
    }
  },
};
