import type { RelationSpec } from '../../../shared/contracts/configuration';
import type { DependencyGraph, ItemRelations, Relation } from '../../../shared/contracts/inventory';
import { createRelation, listAllRelations } from '../inventory/relations.service';
import type { ConfigurationSection, ConfigurationTarget, PlanEntry } from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { listAllItems } from './items.section';

const keyOf = (spec: RelationSpec) => `${spec.source} ${spec.kind} ${spec.target}`;

/** Every relation, by item names. Over the API: the whole-inventory map, or item by item when it is too big. */
async function listAllRelationSpecs(target: ConfigurationTarget): Promise<RelationSpec[]> {
  const toSpec = (relation: Pick<Relation, 'sourceName' | 'kind' | 'targetName'>): RelationSpec => ({
    source: relation.sourceName,
    kind: relation.kind,
    target: relation.targetName,
  });
  if (target.mode === 'local') return (await listAllRelations(target.ctx, target.actor)).map(toSpec);
  const graph = await target.api.get<DependencyGraph>('/relations/graph');
  if (!graph.isTruncated) {
    const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
    return graph.edges.map((edge) => ({
      source: names.get(edge.source) ?? String(edge.source),
      kind: edge.kind,
      target: names.get(edge.target) ?? String(edge.target),
    }));
  }
  const specs: RelationSpec[] = [];
  for (const item of await listAllItems(target)) {
    const relations = await target.api.get<ItemRelations>(`/items/${item.id}/relations`);
    specs.push(...relations.outgoing.map(toSpec));
  }
  return specs;
}

/** Relations "source kind target" between items named in the inventory or in the file; only ever added. */
export const relationsSection: ConfigurationSection<RelationSpec> = {
  name: 'relations',
  label: 'relation',
  keyOf,

  exportSection: listAllRelationSpecs,

  compact: (spec) => spec,

  planSection(desired, context) {
    const items = new Set([
      ...(context.current.items as { name: string }[]).map((item) => item.name),
      ...context.desired.items.map((item) => item.name),
    ]);
    const current = new Set((context.current.relations as RelationSpec[]).map(keyOf));
    const issues: ConfigurationIssue[] = [];
    const entries = desired.map((spec, index): PlanEntry<RelationSpec> => {
      for (const end of ['source', 'target'] as const) {
        if (!items.has(spec[end]))
          issues.push({ path: `relations[${index}].${end}`, line: null, message: `no item "${spec[end]}"` });
      }
      if (spec.source === spec.target) {
        issues.push({
          path: `relations[${index}].target`,
          line: null,
          message: 'an item cannot be related to itself',
        });
      }
      const action = current.has(keyOf(spec)) ? 'unchanged' : 'create';
      return {
        section: 'relations',
        label: 'relation',
        key: keyOf(spec),
        action,
        changes: [],
        desired: spec,
      };
    });
    return { entries, issues };
  },

  async applySection(entries, target) {
    const ids = new Map((await listAllItems(target)).map((item) => [item.name, item.id]));
    const idOf = (name: string) => {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`item ${name} disappeared while applying`);
      return id;
    };
    for (const { action, desired } of entries) {
      if (action !== 'create') continue;
      const input = {
        sourceItemId: idOf(desired.source),
        targetItemId: idOf(desired.target),
        kind: desired.kind,
      };
      if (target.mode === 'local') await createRelation(target.ctx, target.actor, input);
      else await target.api.send<Relation>('POST', '/relations', input);
    }
  },
};
