import type { z } from 'zod';
import type { ItemSpec } from '../../../shared/contracts/configuration';
import type { Environment, Item, NewItem, UpdateItem } from '../../../shared/contracts/inventory';
import { createItem, listItems, updateItem } from '../inventory/inventory.service';
import {
  type ConfigurationSection,
  type ConfigurationTarget,
  listAllPages,
  listAllServicePages,
  type PlanEntry,
  planByKey,
  withoutDefaults,
} from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { listAllTeams } from './teams.section';

/** Every item, for other sections that refer to items by name. */
export async function listAllItems(target: ConfigurationTarget): Promise<Item[]> {
  if (target.mode === 'remote') return listAllPages<Item>(target.api, '/items', { sort: 'name' });
  return listAllServicePages((page, pageSize) =>
    listItems(target.ctx, target.actor, { page, pageSize, sort: 'name' }),
  );
}

/** Tags as a set: no repeats, sorted, so their order in a file never reads as a change. */
function normalised(spec: ItemSpec): ItemSpec {
  return { ...spec, tags: [...new Set(spec.tags)].sort() };
}

const fields = [
  'kind',
  'description',
  'owner',
  'criticality',
  'environment',
  'location',
  'vendor',
  'acquiredOn',
  'warrantyEnd',
  'endOfSupport',
  'purchaseCostCents',
  'annualCostCents',
  'currency',
  'tags',
  'attributes',
] as const satisfies readonly (keyof ItemSpec)[];

const defaults: Partial<ItemSpec> = {
  description: '',
  owner: null,
  environment: '',
  location: '',
  vendor: '',
  acquiredOn: null,
  warrantyEnd: null,
  endOfSupport: null,
  purchaseCostCents: null,
  annualCostCents: null,
  currency: 'EUR',
  tags: [],
  attributes: {},
};

function toSpec(item: Item): ItemSpec {
  return normalised({
    name: item.name,
    kind: item.kind,
    description: item.description,
    owner: item.ownerTeamName,
    criticality: item.criticality,
    environment: item.environment as z.infer<typeof Environment>,
    location: item.location,
    vendor: item.vendor,
    acquiredOn: item.acquiredOn,
    warrantyEnd: item.warrantyEnd,
    endOfSupport: item.endOfSupport,
    purchaseCostCents: item.purchaseCostCents,
    annualCostCents: item.annualCostCents,
    currency: item.currency,
    tags: item.tags,
    attributes: item.attributes,
  });
}

/** Inventory items by name, every field of the inventory contract, the owner team by name. */
export const itemsSection: ConfigurationSection<ItemSpec> = {
  name: 'items',
  label: 'item',
  keyOf: (spec) => spec.name,

  async exportSection(target) {
    return (await listAllItems(target)).map(toSpec);
  },

  compact: (spec) => withoutDefaults(spec, defaults),

  planSection(desired, context) {
    const teams = new Set([
      ...(context.current.teams as { name: string }[]).map((team) => team.name),
      ...context.desired.teams.map((team) => team.name),
    ]);
    const issues: ConfigurationIssue[] = [];
    desired.forEach((spec, index) => {
      if (spec.owner !== null && !teams.has(spec.owner)) {
        issues.push({ path: `items[${index}].owner`, line: null, message: `no team "${spec.owner}"` });
      }
    });
    const current = context.current.items as ItemSpec[];
    return { entries: planByKey(itemsSection, desired.map(normalised), current, fields), issues };
  },

  async applySection(entries, target) {
    const teamIds = new Map((await listAllTeams(target)).map((team) => [team.name, team.id]));
    const items = new Map((await listAllItems(target)).map((item) => [item.name, item]));
    const teamId = (name: string | null) => {
      if (name === null) return null;
      const id = teamIds.get(name);
      if (id === undefined) throw new Error(`team ${name} disappeared while applying`);
      return id;
    };
    for (const entry of entries) {
      if (entry.action === 'create') {
        const { owner, ...fieldsOfItem } = entry.desired;
        const input: NewItem = { ...fieldsOfItem, ownerTeamId: teamId(owner) };
        if (target.mode === 'local') await createItem(target.ctx, target.actor, input);
        else await target.api.send<Item>('POST', '/items', input);
      } else if (entry.action === 'update') {
        const item = items.get(entry.key);
        if (!item) throw new Error(`item ${entry.key} disappeared while applying`);
        const change = changeOf(entry, teamId);
        if (target.mode === 'local') await updateItem(target.ctx, target.actor, item.id, change);
        else await target.api.send<Item>('PATCH', `/items/${item.id}`, change);
      }
    }
  },
};

/** Only the changed fields, so the audit record and the rights check concern what really changes. */
function changeOf(entry: PlanEntry<ItemSpec>, teamId: (name: string | null) => number | null): UpdateItem {
  const change: Record<string, unknown> = {};
  for (const { field } of entry.changes) {
    if (field === 'owner') change.ownerTeamId = teamId(entry.desired.owner);
    else change[field] = entry.desired[field as keyof ItemSpec];
  }
  return change as UpdateItem;
}
