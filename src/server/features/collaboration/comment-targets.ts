import type { CommentEntityType } from '../../../shared/contracts/collaboration';
import type { Db } from '../../db/connect';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { Actor } from '../auth/actor';
import { assertCanReadIncidents } from '../incidents/incidents.policy';
import { findIncidentRow } from '../incidents/incidents.repository';
import { assertCanReadInventory } from '../inventory/inventory.policy';
import { findItemRow } from '../inventory/inventory.repository';

/** An entity as comments, watchers and notifications need it. */
export interface TargetEntity {
  id: number;
  /** shown in notifications and emails, e.g. the incident's title */
  title: string;
  /** the team that owns it (for team-scoped reading rules and the team feed); null when none */
  teamId: number | null;
  /** its page in the web client, e.g. `/incidents/12` */
  link: string;
}

/**
 * How one entity type takes part in collaboration. Comments and watchers hold no foreign key to
 * the entity's table: this is what checks that the entity exists and who may see it.
 */
export interface CommentTarget {
  /** The entity, or undefined when there is none with this id. */
  find(db: Db, id: number): Promise<TargetEntity | undefined>;
  /** Whether the person may read the entity, and so read its comments and be notified about it. */
  canRead(actor: Actor, entity: TargetEntity): boolean;
  /**
   * Whether the person may comment; by default anyone who may read it, except auditors (who only
   * read). A requester's own request would say yes here even without the `read` permission.
   */
  canComment?(actor: Actor, entity: TargetEntity): boolean;
  /** The ids of the entities a team owns, for the team's activity feed; none when absent. */
  listTeamEntityIds?(db: Db, teamId: number): Promise<number[]>;
  /**
   * The page a notification about the entity links to for this person; `entity.link` when absent.
   * A requester follows a work item's thread through their request, whose page they can open.
   */
  linkFor?(entity: TargetEntity, userId: number): string;
  /**
   * People this target alone knows to be involved, offered as @mentions to someone who may not
   * browse everyone (a requester): a request's followers, say. Besides these, the owning team's
   * members, the watchers and the thread's authors are offered; each only if they may read it.
   */
  listMentionableUserIds?(db: Db, entity: TargetEntity): Promise<number[]>;
}

/** True when the policy function does not throw. */
function passes(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

const incidentTarget: CommentTarget = {
  async find(db, id) {
    const row = await findIncidentRow(db, id);
    return row && { id: row.id, title: row.title, teamId: row.teamId, link: `/incidents/${row.id}` };
  },
  canRead: (actor) => passes(() => assertCanReadIncidents(actor)),
  async listTeamEntityIds(db, teamId) {
    const rows = await db.selectFrom('incidents').select('id').where('teamId', '=', teamId).execute();
    return rows.map((row) => row.id);
  },
};

const itemTarget: CommentTarget = {
  async find(db, id) {
    const row = await findItemRow(db, id);
    return row && { id: row.id, title: row.name, teamId: row.ownerTeamId, link: `/inventory/${row.id}` };
  },
  canRead: (actor) => passes(() => assertCanReadInventory(actor)),
  async listTeamEntityIds(db, teamId) {
    const rows = await db.selectFrom('items').select('id').where('ownerTeamId', '=', teamId).execute();
    return rows.map((row) => row.id);
  },
};

const targets = new Map<CommentEntityType, CommentTarget>([
  ['incident', incidentTarget],
  ['item', itemTarget],
]);

/**
 * Makes an entity type commentable and watchable, or replaces how it is checked. The work items
 * feature calls `registerCommentTarget('workItem', { find, canRead, canComment?, listTeamEntityIds? })`
 * once when its module loads; until then comments on work items answer 404.
 */
export function registerCommentTarget(type: CommentEntityType, target: CommentTarget): void {
  targets.set(type, target);
}

/** The registered target of a type, or undefined. */
export function commentTargetOf(type: CommentEntityType): CommentTarget | undefined {
  return targets.get(type);
}

/** Every registered type with its target. */
export function listCommentTargets(): [CommentEntityType, CommentTarget][] {
  return [...targets];
}

/** The page a notification about the entity links to for this person. */
export function linkOf(target: CommentTarget, entity: TargetEntity, userId: number): string {
  return target.linkFor?.(entity, userId) ?? entity.link;
}

/** Whether the person may comment on the entity: the target's rule, or read access without auditors. */
export function canCommentOn(target: CommentTarget, actor: Actor, entity: TargetEntity): boolean {
  if (target.canComment) return target.canComment(actor, entity);
  return actor.role !== 'auditor' && target.canRead(actor, entity);
}

/**
 * The entity the person may read, or an error: not_found when it does not exist or its type is
 * not registered, forbidden when they may not see it.
 */
export async function findReadableEntity(
  db: Db,
  actor: Actor,
  type: CommentEntityType,
  id: number,
): Promise<{ target: CommentTarget; entity: TargetEntity }> {
  const target = targets.get(type);
  const entity = target ? await target.find(db, id) : undefined;
  if (!target || !entity) throw appError('not_found', phrase(`notFound.byId.${type}`, { id }));
  if (!target.canRead(actor, entity)) throw appError('forbidden', phrase('collaboration.mayNotSee'));
  return { target, entity };
}
