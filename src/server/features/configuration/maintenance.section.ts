import type {
  MaintenanceWindow,
  MaintenanceWindowSpec,
  NewMaintenanceWindowInput,
} from '../../../shared/contracts/maintenance';
import {
  createMaintenanceWindow,
  listMaintenanceWindows,
  updateMaintenanceWindow,
} from '../maintenance/maintenance.service';
import { listAllChecks } from './checks.section';
import {
  type ConfigurationSection,
  type ConfigurationTarget,
  listAllPages,
  listAllServicePages,
  planByKey,
  withoutDefaults,
} from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { listAllItems } from './items.section';

const fields = [
  'description',
  'startsAt',
  'durationMinutes',
  'recurrence',
  'timezone',
  'repeatUntil',
  'notifyOwners',
  'items',
  'checks',
] as const satisfies readonly (keyof MaintenanceWindowSpec)[];

const defaults: Partial<MaintenanceWindowSpec> = {
  description: '',
  recurrence: null,
  timezone: 'Europe/Rome',
  repeatUntil: null,
  notifyOwners: true,
  items: [],
  checks: [],
};

/** Every window, as the API shows it. */
async function listAllWindows(target: ConfigurationTarget): Promise<MaintenanceWindow[]> {
  if (target.mode === 'remote') return listAllPages<MaintenanceWindow>(target.api, '/maintenance-windows');
  return listAllServicePages((page, pageSize) =>
    listMaintenanceWindows(target.ctx, target.actor, { page, pageSize }),
  );
}

/** Targets as sets of names: their order in a file never reads as a change. */
function normalised(spec: MaintenanceWindowSpec): MaintenanceWindowSpec {
  return { ...spec, items: [...new Set(spec.items)].sort(), checks: [...new Set(spec.checks)].sort() };
}

function toSpec(window: MaintenanceWindow): MaintenanceWindowSpec {
  return normalised({
    title: window.title,
    description: window.description,
    startsAt: new Date(window.startsAt).toISOString(),
    durationMinutes: window.durationMinutes,
    recurrence: window.recurrence,
    timezone: window.timezone,
    repeatUntil: window.repeatUntil === null ? null : new Date(window.repeatUntil).toISOString(),
    notifyOwners: window.notifyOwners,
    items: window.items.map((item) => item.name),
    checks: window.checks.map((check) => check.name),
  });
}

/**
 * Maintenance windows by title, with their targets by item and check name. Titles name windows in
 * files, so two windows with one title cannot both be managed as code.
 */
export const maintenanceSection: ConfigurationSection<MaintenanceWindowSpec> = {
  name: 'maintenanceWindows',
  label: 'maintenance window',
  keyOf: (spec) => spec.title,

  async exportSection(target) {
    return (await listAllWindows(target)).map(toSpec);
  },

  compact: (spec) => withoutDefaults(spec, defaults),

  planSection(desired, context) {
    const items = new Set([
      ...(context.current.items as { name: string }[]).map((item) => item.name),
      ...context.desired.items.map((item) => item.name),
    ]);
    const checks = new Set([
      ...(context.current.checks as { name: string }[]).map((check) => check.name),
      ...context.desired.checks.map((check) => check.name),
    ]);
    const issues: ConfigurationIssue[] = [];
    desired.forEach((spec, index) => {
      spec.items.forEach((name, at) => {
        if (!items.has(name))
          issues.push({
            path: `maintenanceWindows[${index}].items[${at}]`,
            line: null,
            message: `no item "${name}"`,
          });
      });
      spec.checks.forEach((name, at) => {
        if (!checks.has(name))
          issues.push({
            path: `maintenanceWindows[${index}].checks[${at}]`,
            line: null,
            message: `no check "${name}"`,
          });
      });
      if (spec.items.length + spec.checks.length === 0) {
        issues.push({
          path: `maintenanceWindows[${index}]`,
          line: null,
          message: 'choose at least one item or check',
        });
      }
    });
    const current = context.current.maintenanceWindows as MaintenanceWindowSpec[];
    return { entries: planByKey(maintenanceSection, desired.map(normalised), current, fields), issues };
  },

  async applySection(entries, target) {
    const itemIds = new Map((await listAllItems(target)).map((item) => [item.name, item.id]));
    const checkIds = new Map((await listAllChecks(target)).map((check) => [check.name, check.id]));
    const windows = new Map((await listAllWindows(target)).map((window) => [window.title, window]));
    const idOf = (ids: Map<string, number>, what: string, name: string) => {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`${what} ${name} disappeared while applying`);
      return id;
    };
    for (const { action, key, desired } of entries) {
      if (action === 'unchanged') continue;
      const input: NewMaintenanceWindowInput = {
        title: desired.title,
        description: desired.description,
        startsAt: Date.parse(desired.startsAt),
        durationMinutes: desired.durationMinutes,
        recurrence: desired.recurrence,
        timezone: desired.timezone,
        repeatUntil: desired.repeatUntil === null ? null : Date.parse(desired.repeatUntil),
        notifyOwners: desired.notifyOwners,
        itemIds: desired.items.map((name) => idOf(itemIds, 'item', name)),
        checkIds: desired.checks.map((name) => idOf(checkIds, 'check', name)),
      };
      if (action === 'create') {
        if (target.mode === 'local') await createMaintenanceWindow(target.ctx, target.actor, input);
        else await target.api.send<MaintenanceWindow>('POST', '/maintenance-windows', input);
        continue;
      }
      const window = windows.get(key);
      if (!window) throw new Error(`maintenance window ${key} disappeared while applying`);
      const { title: _title, ...change } = input;
      if (target.mode === 'local') await updateMaintenanceWindow(target.ctx, target.actor, window.id, change);
      else await target.api.send<MaintenanceWindow>('PATCH', `/maintenance-windows/${window.id}`, change);
    }
  },
};
