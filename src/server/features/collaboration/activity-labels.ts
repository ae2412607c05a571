import type { ActivityEntry, CommentEntityType } from '../../../shared/contracts/collaboration';
import type { Db } from '../../db/connect';
import { linkOf, listCommentTargets } from './comment-targets';

/**
 * Audit snapshots hold ids ("stateId: 27"); a feed must say "In review". Each field that refers to
 * another table names the table and the column that is its human name.
 */
type Table = 'users' | 'teams' | 'workflowStates' | 'workItems' | 'items' | 'incidents';

const referenceOf: Record<string, { table: Table }> = {
  assigneeId: { table: 'users' },
  reporterId: { table: 'users' },
  requesterId: { table: 'users' },
  ownerId: { table: 'users' },
  createdById: { table: 'users' },
  reviewedById: { table: 'users' },
  authorId: { table: 'users' },
  teamId: { table: 'teams' },
  ownerTeamId: { table: 'teams' },
  stateId: { table: 'workflowStates' },
  parentId: { table: 'workItems' },
  workItemId: { table: 'workItems' },
  itemId: { table: 'items' },
  blockerId: { table: 'workItems' },
  blockedId: { table: 'workItems' },
  parentIncidentId: { table: 'incidents' },
};

/** A link's `targetId` refers to the table its `targetType` names. */
const linkTargetTables: Record<string, Table> = { item: 'items', incident: 'incidents' };

/** The table a changed field refers to, if any, reading a link's type from its sibling field. */
function tableOf(field: string, changes: ActivityEntry['changes']): Table | undefined {
  if (field === 'targetId') {
    const type = changes.find((change) => change.field === 'targetType');
    const value = type?.after ?? type?.before;
    return typeof value === 'string' ? linkTargetTables[value] : undefined;
  }
  return referenceOf[field]?.table;
}

async function namesOf(db: Db, table: Table, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await (() => {
    switch (table) {
      case 'users':
        return db.selectFrom('users').select(['id', 'name as label']).where('id', 'in', ids).execute();
      case 'teams':
        return db.selectFrom('teams').select(['id', 'name as label']).where('id', 'in', ids).execute();
      case 'workflowStates':
        return db
          .selectFrom('workflowStates')
          .select(['id', 'name as label'])
          .where('id', 'in', ids)
          .execute();
      case 'workItems':
        return db.selectFrom('workItems').select(['id', 'title as label']).where('id', 'in', ids).execute();
      case 'items':
        return db.selectFrom('items').select(['id', 'name as label']).where('id', 'in', ids).execute();
      case 'incidents':
        return db.selectFrom('incidents').select(['id', 'title as label']).where('id', 'in', ids).execute();
    }
  })();
  return new Map(
    rows.map((row) => [
      row.id,
      table === 'workItems' || table === 'incidents' ? `#${row.id} ${row.label}` : String(row.label),
    ]),
  );
}

/**
 * Puts the names of referred rows beside the ids of field changes (`beforeLabel`, `afterLabel`),
 * and the person's current name in place of the email the audit log keeps, one query per table
 * for a whole page. A row deleted since keeps its bare id; a deleted person their email.
 */
export async function labelReferences(db: Db, entries: ActivityEntry[]): Promise<ActivityEntry[]> {
  const wanted = new Map<Table, Set<number>>([['users', new Set()]]);
  for (const entry of entries) {
    if (entry.actorId !== null) wanted.get('users')?.add(entry.actorId);
    for (const change of entry.changes) {
      const table = tableOf(change.field, entry.changes);
      if (!table) continue;
      const ids = wanted.get(table) ?? new Set<number>();
      for (const value of [change.before, change.after]) if (typeof value === 'number') ids.add(value);
      wanted.set(table, ids);
    }
  }
  const names = new Map<Table, Map<number, string>>();
  for (const [table, ids] of wanted) names.set(table, await namesOf(db, table, [...ids]));
  return entries.map((entry) => {
    const labelOf = (field: string, value: unknown): string | undefined => {
      const table = tableOf(field, entry.changes);
      if (!table || typeof value !== 'number') return undefined;
      return names.get(table)?.get(value);
    };
    return {
      ...entry,
      actorLabel: (entry.actorId !== null && names.get('users')?.get(entry.actorId)) || entry.actorLabel,
      changes: entry.changes.map((change) => {
        const beforeLabel = labelOf(change.field, change.before);
        const afterLabel = labelOf(change.field, change.after);
        return {
          ...change,
          ...(beforeLabel === undefined ? {} : { beforeLabel }),
          ...(afterLabel === undefined ? {} : { afterLabel }),
        };
      }),
    };
  });
}

/**
 * Names each entry's entity and the page it lives on, for a team feed where entries of many
 * entities mix. Entities are looked up once each; a deleted one keeps no title.
 */
export async function labelEntities(
  db: Db,
  userId: number,
  entries: ActivityEntry[],
): Promise<ActivityEntry[]> {
  const targets = new Map(listCommentTargets());
  const keys = new Map(entries.map((entry) => [`${entry.entityType}:${entry.entityId}`, entry]));
  // Side by side, not one after the other: a page names up to 200 entities, each a query or two,
  // and on PostgreSQL a round trip after another made most of the feed's time.
  const found = new Map(
    await Promise.all(
      [...keys].map(async ([key, entry]) => {
        const target = targets.get(entry.entityType as CommentEntityType);
        const id = Number(entry.entityId);
        const entity = target && Number.isInteger(id) ? await target.find(db, id) : undefined;
        return [
          key,
          target && entity ? { title: entity.title, link: linkOf(target, entity, userId) } : null,
        ] as const;
      }),
    ),
  );
  return entries.map((entry) => {
    const entity = found.get(`${entry.entityType}:${entry.entityId}`);
    return { ...entry, entityTitle: entity?.title ?? null, entityLink: entity?.link ?? null };
  });
}
