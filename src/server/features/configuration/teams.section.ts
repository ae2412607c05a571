import type { TeamMemberSpec, TeamSpec } from '../../../shared/contracts/configuration';
import type { Team } from '../../../shared/contracts/teams';
import { createTeam, listTeams, putTeamMember, updateTeam } from '../teams/teams.service';
import {
  type ConfigurationSection,
  type ConfigurationTarget,
  type PlanChange,
  type PlanEntry,
  withoutDefaults,
} from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { listAllUsers } from './users.section';

/** Every team with its members, for other sections that refer to teams by name. */
export async function listAllTeams(target: ConfigurationTarget): Promise<Team[]> {
  if (target.mode === 'remote') return (await target.api.get<{ rows: Team[] }>('/teams')).rows;
  return listTeams(target.ctx);
}

const byEmail = (a: TeamMemberSpec, b: TeamMemberSpec) =>
  a.email < b.email ? -1 : a.email > b.email ? 1 : 0;

/**
 * Teams by name, with description and members. Members are only ever added or have their lead flag
 * set: a member missing from the file stays in the team (apply never removes anything).
 */
export const teamsSection: ConfigurationSection<TeamSpec> = {
  name: 'teams',
  label: 'team',
  keyOf: (spec) => spec.name,

  async exportSection(target) {
    const teams = await listAllTeams(target);
    return teams.map((team) => ({
      name: team.name,
      description: team.description,
      members: team.members.map((member) => ({ email: member.email, lead: member.isLead })).sort(byEmail),
    }));
  },

  compact(spec) {
    const members = spec.members.map((member) => withoutDefaults(member, { lead: false }));
    return withoutDefaults({ ...spec, members }, { description: '', members: [] });
  },

  planSection(desired, context) {
    const current = new Map((context.current.teams as TeamSpec[]).map((team) => [team.name, team]));
    const knownEmails = new Set([
      ...(context.current.users as { email: string }[]).map((user) => user.email),
      ...context.desired.users.map((user) => user.email),
    ]);
    const issues: ConfigurationIssue[] = [];
    const entries = desired.map((spec, index): PlanEntry<TeamSpec> => {
      const seen = new Set<string>();
      spec.members.forEach((member, memberIndex) => {
        const path = `teams[${index}].members[${memberIndex}].email`;
        if (!knownEmails.has(member.email))
          issues.push({ path, line: null, message: `no user ${member.email}` });
        if (seen.has(member.email))
          issues.push({ path, line: null, message: `${member.email} is listed twice` });
        seen.add(member.email);
      });
      const existing = current.get(spec.name);
      if (!existing)
        return {
          section: 'teams',
          label: 'team',
          key: spec.name,
          action: 'create',
          changes: [],
          desired: spec,
        };
      const changes: PlanChange[] = [];
      if (existing.description !== spec.description) {
        changes.push({ field: 'description', from: existing.description, to: spec.description });
      }
      const members = new Map(existing.members.map((member) => [member.email, member]));
      for (const member of spec.members) {
        const was = members.get(member.email);
        if (!was)
          changes.push({ field: `member ${member.email}`, from: null, to: member.lead ? 'lead' : 'member' });
        else if (was.lead !== member.lead) {
          changes.push({
            field: `member ${member.email}`,
            from: was.lead ? 'lead' : 'member',
            to: member.lead ? 'lead' : 'member',
          });
        }
      }
      const action = changes.length > 0 ? 'update' : 'unchanged';
      return { section: 'teams', label: 'team', key: spec.name, action, changes, desired: spec };
    });
    return { entries, issues };
  },

  async applySection(entries, target) {
    const pending = entries.filter((entry) => entry.action !== 'unchanged');
    if (pending.length === 0) return;
    const userIds = new Map((await listAllUsers(target)).map((user) => [user.email, user.id]));
    const teams = new Map((await listAllTeams(target)).map((team) => [team.name, team]));
    for (const { desired: spec, action } of pending) {
      let team = teams.get(spec.name);
      if (action === 'create' || !team) {
        const input = { name: spec.name, description: spec.description };
        team =
          target.mode === 'local'
            ? await createTeam(target.ctx, target.actor, input)
            : await target.api.send<Team>('POST', '/teams', input);
      } else if (team.description !== spec.description) {
        const input = { description: spec.description };
        team =
          target.mode === 'local'
            ? await updateTeam(target.ctx, target.actor, team.id, input)
            : await target.api.send<Team>('PATCH', `/teams/${team.id}`, input);
      }
      const current = new Map(team.members.map((member) => [member.email, member.isLead]));
      for (const member of spec.members) {
        if (current.get(member.email) === member.lead) continue;
        const userId = userIds.get(member.email);
        if (userId === undefined) throw new Error(`user ${member.email} disappeared while applying`);
        if (target.mode === 'local')
          await putTeamMember(target.ctx, target.actor, team.id, userId, member.lead);
        else
          await target.api.send<Team>('PUT', `/teams/${team.id}/members/${userId}`, { isLead: member.lead });
      }
    }
  },
};
