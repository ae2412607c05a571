import type { AppContext } from '../src/server/context';
import type { Db } from '../src/server/db/connect';
import { upsertMember } from '../src/server/features/teams/teams.repository';
import { createTeam } from '../src/server/features/teams/teams.service';
import { listStateRows } from '../src/server/features/workflows/workflows.repository';
import { addDays } from '../src/shared/domain/calendar-dates';
import { createUserWithToken } from '../test/app';

const system = { userId: null, label: 'bench' };
const dayMs = 86_400_000;
const rowsPerInsert = 500;
const labels = [
  'network',
  'backup',
  'security',
  'printer',
  'server',
  'email',
  'vpn',
  'wifi',
  'audit',
  'urgent',
];
const words = [
  'replace',
  'switch',
  'firewall',
  'rule',
  'renew',
  'certificate',
  'laptop',
  'migrate',
  'mailbox',
  'patch',
  'cluster',
  'storage',
  'rotate',
  'password',
  'printer',
  'floor',
  'license',
  'update',
  'router',
  'camera',
];
// Most of a team's items are done: they pile up over the years while the open ones stay few.
const categoryShares: [string, number][] = [
  ['triage', 0.05],
  ['todo', 0.15],
  ['in_progress', 0.1],
  ['done', 0.7],
];

function categoryOf(roll: number): string {
  let below = 0;
  for (const [category, share] of categoryShares) {
    below += share;
    if (roll < below) return category;
  }
  return 'done';
}

/** What the benchmark asks about: the team, who asks, and today's date on the bench's clock. */
export interface WorkWorld {
  teamId: number;
  /** a member of the team, assignee of some of its items ("my work") */
  member: { id: number; headers: Record<string, string> };
  /** the label the filtered list asks for */
  label: string;
  /** the word the text search looks for */
  word: string;
  today: string;
}

/** A deterministic pseudo-random sequence, so that every run seeds the same data. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * One team with `size` work items inserted directly (states, assignees, due and start dates,
 * labels, parents, dependencies), one create audit row per item (the team feed reads them), a
 * tenth as many requests with comments (request figures), and a second team with a tenth of the
 * items, so that team filters have something to leave out.
 */
export async function seedWork(ctx: AppContext, size: number): Promise<WorkWorld> {
  const random = randomFrom(size);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const ops = await createTeam(ctx, system, { name: 'Ops', description: '' });
  const other = await createTeam(ctx, system, { name: 'Net', description: '' });
  const member = await createUserWithToken(ctx, 'member');
  await upsertMember(ctx.db, ops.id, member.user.id, false);
  const now = ctx.now();
  const assignees = [member.user.id];
  for (let index = 0; index < 20; index += 1) {
    const row = await ctx.db
      .insertInto('users')
      .values({
        email: `bench${index}@example.test`,
        name: `Bench person ${index}`,
        passwordHash: 'x',
        role: 'member',
        isDisabled: 0,
        locale: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await upsertMember(ctx.db, ops.id, row.id, false);
    assignees.push(row.id);
  }
  const today = new Date(now).toISOString().slice(0, 10);
  const ids = await seedItems(ctx.db, ops.id, size, { now, today, random, pick, assignees });
  await seedItems(ctx.db, other.id, Math.ceil(size / 10), { now, today, random, pick, assignees: [] });
  await seedRelations(ctx.db, ids, { now, random, pick });
  await seedAudit(ctx.db, ids, now);
  await seedRequests(ctx.db, ops.id, ids, { now, random, pick, requesterId: member.user.id, assignees });
  return {
    teamId: ops.id,
    member: { id: member.user.id, headers: member.headers },
    label: 'vpn',
    word: 'firewall',
    today,
  };
}

interface Randomness {
  now: number;
  random: () => number;
  pick: <T>(values: readonly T[]) => T;
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerInsert)
    await insert(rows.slice(start, start + rowsPerInsert));
}

async function seedItems(
  db: Db,
  teamId: number,
  size: number,
  seed: Randomness & { today: string; assignees: number[] },
): Promise<number[]> {
  const { now, today, random, pick } = seed;
  const states = await listStateRows(db, teamId);
  const stateOf = (category: string) => states.find((state) => state.category === category) ?? states[0]!;
  const rows = Array.from({ length: size }, (_, index) => {
    const category = categoryOf(random());
    const state = stateOf(category);
    const createdAt = now - Math.floor(random() * 365 * dayMs);
    const completedAt =
      category === 'done' ? Math.min(now, createdAt + Math.floor(random() * 30 * dayMs)) : null;
    const startedAt = category === 'done' || category === 'in_progress' ? createdAt + dayMs : null;
    // Due dates from half a year ago to three months ahead; a fifth have none.
    const dueDate = random() < 0.2 ? null : addDays(today, Math.floor(random() * 270) - 180);
    const startDate =
      dueDate !== null && random() < 0.3 ? addDays(dueDate, -1 - Math.floor(random() * 20)) : null;
    return {
      teamId,
      stateId: state.id,
      category: state.category,
      type:
        random() < 0.05
          ? 'milestone'
          : pick(['task', 'task', 'task', 'change', 'request', 'project'] as const),
      title: `${pick(words)} ${pick(words)} ${pick(words)} ${index}`,
      description: `${pick(words)} the ${pick(words)} on the ${pick(words)}; see the runbook.`,
      priority: 1 + Math.floor(random() * 4),
      assigneeId: seed.assignees.length === 0 || random() < 0.15 ? null : pick(seed.assignees),
      reporterId: null,
      parentId: null,
      startDate,
      dueDate,
      estimateMinutes: random() < 0.5 ? 30 * (1 + Math.floor(random() * 16)) : null,
      spentMinutes: 0,
      startedAt,
      completedAt,
      stateChangedAt: completedAt ?? startedAt ?? createdAt,
      overdueNoticeFor: null,
      dueSoonNoticeFor: null,
      recurrenceId: null,
      occurrenceAt: null,
      createdAt,
      updatedAt: completedAt ?? createdAt,
    };
  });
  const ids: number[] = [];
  await insertInChunks(rows, async (chunk) => {
    const inserted = await db.insertInto('workItems').values(chunk).returning('id').execute();
    ids.push(...inserted.map((row) => row.id));
  });
  return ids;
}

/** Labels on 40% of the items, a parent for 5% of them, a blocker for 3%. */
async function seedRelations(db: Db, ids: number[], seed: Randomness): Promise<void> {
  const { now, random, pick } = seed;
  const labelRows: { workItemId: number; label: string }[] = [];
  const dependencyRows: { blockerId: number; blockedId: number; createdAt: number }[] = [];
  for (const [index, id] of ids.entries()) {
    if (random() < 0.4) {
      const first = pick(labels);
      labelRows.push({ workItemId: id, label: first });
      const second = pick(labels);
      if (random() < 0.3 && second !== first) labelRows.push({ workItemId: id, label: second });
    }
    // Earlier items only: no cycles, as the service would refuse them.
    if (index > 0 && random() < 0.03) {
      dependencyRows.push({ blockerId: ids[Math.floor(random() * index)]!, blockedId: id, createdAt: now });
    }
  }
  await insertInChunks(labelRows, (chunk) => db.insertInto('workItemLabels').values(chunk).execute());
  const unique = [
    ...new Map(dependencyRows.map((row) => [`${row.blockerId}-${row.blockedId}`, row])).values(),
  ];
  await insertInChunks(unique, (chunk) => db.insertInto('workItemDependencies').values(chunk).execute());
  for (const [index, id] of ids.entries()) {
    if (index === 0 || random() >= 0.05) continue;
    const parentId = ids[Math.floor(random() * index)]!;
    await db.updateTable('workItems').set({ parentId }).where('id', '=', id).execute();
  }
}

/** One create entry per item: the team feed reads the audit log, not the items. */
async function seedAudit(db: Db, ids: number[], now: number): Promise<void> {
  const rows = ids.map((id, index) => ({
    at: now - (ids.length - index) * 60_000,
    actorId: null,
    actorLabel: 'bench',
    action: 'workItem.create',
    entityType: 'workItem',
    entityId: String(id),
    before: null,
    after: JSON.stringify({ id, title: `Item ${id}`, priority: 3 }),
    // The feed does not verify the chain; the values only have to be there.
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  }));
  await insertInChunks(rows, (chunk) => db.insertInto('auditLog').values(chunk).execute());
}

/**
 * A tenth as many requests as items, submitted over the last 180 days: accepted ones point to a
 * work item, and half of them have a comment by a team member (the response the figures time).
 */
async function seedRequests(
  db: Db,
  teamId: number,
  itemIds: number[],
  seed: Randomness & { requesterId: number; assignees: number[] },
): Promise<void> {
  const { now, random, pick } = seed;
  const count = Math.ceil(itemIds.length / 10);
  const rows = Array.from({ length: count }, (_, index) => {
    const submittedAt = now - Math.floor(random() * 180 * dayMs);
    const status = pick(['triage', 'accepted', 'accepted', 'accepted', 'declined', 'merged'] as const);
    return {
      teamId,
      kind: 'request',
      title: `request ${index}`,
      details: '',
      priority: 3,
      itemId: null,
      requesterId: seed.requesterId,
      status,
      workItemId: status === 'accepted' ? itemIds[index * 10]! : null,
      mergedIntoRequestId: null,
      declineReason: status === 'declined' ? 'no' : null,
      submittedAt,
      firstResponseAt: null,
      acceptedAt: status === 'accepted' ? submittedAt + dayMs : null,
      declinedAt: status === 'declined' ? submittedAt + dayMs : null,
      mergedAt: status === 'merged' ? submittedAt + dayMs : null,
      updatedAt: submittedAt,
    };
  });
  const inserted: { id: number; workItemId: number | null; submittedAt: number }[] = [];
  await insertInChunks(rows, async (chunk) => {
    const ids = await db.insertInto('requests').values(chunk).returning('id').execute();
    for (const [index, row] of ids.entries()) inserted.push({ id: row.id, ...chunk[index]! });
  });
  const comments = inserted.flatMap((request) =>
    random() < 0.5
      ? [
          {
            entityType: request.workItemId === null ? 'request' : 'workItem',
            entityId: request.workItemId ?? request.id,
            authorId: pick(seed.assignees.slice(1)),
            body: 'on it',
            createdAt: request.submittedAt + Math.floor(random() * 2 * dayMs),
            editedAt: null,
          },
        ]
      : [],
  );
  await insertInChunks(comments, (chunk) => db.insertInto('comments').values(chunk).execute());
}
