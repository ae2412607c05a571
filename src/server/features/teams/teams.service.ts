import type { NewTeam, Team, UpdateTeam } from '../../../shared/contracts/teams';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { type AuditActor, recordChange } from '../audit/audit.service';
import { findUser } from '../users/users.repository';
import { ensureWorkflow, languageOfUser } from '../workflows/workflows.service';
import { assertCanManageMembers, type TeamActor } from './teams.policy';
import {
  deleteMember,
  deleteTeamRow,
  findTeamByName,
  insertTeam,
  listTeamsWithMembers,
  updateTeamRow,
  upsertMember,
} from './teams.repository';

export async function listTeams(ctx: AppContext): Promise<Team[]> {
  return listTeamsWithMembers(ctx.db);
}

export async function getTeam(ctx: AppContext, id: number): Promise<Team> {
  const [team] = await listTeamsWithMembers(ctx.db, [id]);
  if (!team) throw notFound('team');
  return team;
}

async function assertNameFree(ctx: AppContext, name: string, exceptId?: number): Promise<void> {
  const existing = await findTeamByName(ctx.db, name);
  if (existing && existing.id !== exceptId) {
    throw appError('conflict', phrase('teams.nameUsed'), [
      { path: 'body.name', message: phrase('issue.alreadyUsed') },
    ]);
  }
}

export async function createTeam(ctx: AppContext, actor: AuditActor, input: NewTeam): Promise<Team> {
  await assertNameFree(ctx, input.name);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const team = await insertTeam(trx, { ...input, now: ctx.now() });
    // The default states are named in the creator's language.
    await ensureWorkflow(trx, team.id, ctx.now(), await languageOfUser(trx, actor.userId));
    await recordChange(ctx, trx, actor, {
      action: 'team.create',
      entityType: 'team',
      entityId: team.id,
      after: team,
    });
    return team.id;
  });
  return getTeam(ctx, id);
}

export async function updateTeam(
  ctx: AppContext,
  actor: AuditActor,
  id: number,
  input: UpdateTeam,
): Promise<Team> {
  const before = await getTeam(ctx, id);
  if (input.name) await assertNameFree(ctx, input.name, id);
  await ctx.db.transaction().execute(async (trx) => {
    const after = await updateTeamRow(trx, id, { ...input, updatedAt: ctx.now() });
    await recordChange(ctx, trx, actor, {
      action: 'team.update',
      entityType: 'team',
      entityId: id,
      before,
      after,
    });
  });
  return getTeam(ctx, id);
}

export async function deleteTeam(ctx: AppContext, actor: AuditActor, id: number): Promise<void> {
  const before = await getTeam(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteTeamRow(trx, id);
    await recordChange(ctx, trx, actor, { action: 'team.delete', entityType: 'team', entityId: id, before });
  });
}

/** Adds a member to a team, or changes whether they lead it. */
export async function putTeamMember(
  ctx: AppContext,
  actor: TeamActor,
  teamId: number,
  userId: number,
  isLead: boolean,
): Promise<Team> {
  const before = await getTeam(ctx, teamId);
  assertCanManageMembers(actor, teamId);
  if (!(await findUser(ctx.db, userId))) throw notFound('user');
  await ctx.db.transaction().execute(async (trx) => {
    await upsertMember(trx, teamId, userId, isLead);
    await recordChange(ctx, trx, actor, {
      action: 'team.member.put',
      entityType: 'team',
      entityId: teamId,
      before: before.members.find((m) => m.userId === userId) ?? null,
      after: { userId, isLead },
    });
  });
  return getTeam(ctx, teamId);
}

export async function removeTeamMember(
  ctx: AppContext,
  actor: TeamActor,
  teamId: number,
  userId: number,
): Promise<Team> {
  const before = await getTeam(ctx, teamId);
  assertCanManageMembers(actor, teamId);
  const member = before.members.find((m) => m.userId === userId);
  if (!member) throw notFound('teamMember');
  await ctx.db.transaction().execute(async (trx) => {
    await deleteMember(trx, teamId, userId);
    await recordChange(ctx, trx, actor, {
      action: 'team.member.delete',
      entityType: 'team',
      entityId: teamId,
      before: member,
    });
  });
  return getTeam(ctx, teamId);
}
