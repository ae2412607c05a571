import { Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useSignedInUser } from '../auth/auth.api';
import { useTeams } from '../teams/teams.api';

/**
 * A page about one team's settings (its workflow, its recurring work): a team picker kept in the
 * address (`?teamId=`), starting on a team the person leads, else one they belong to, else the first.
 */
export function TeamScopedPage({
  title,
  children,
}: {
  title: string;
  /** The page's body for the chosen team; keyed by it, so its state starts afresh on a change. */
  children: (teamId: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const rows = teams.data?.rows ?? [];
  const chosen = Number(params.get('teamId'));
  const preferred =
    rows.find((team) => me.leadTeamIds.includes(team.id)) ??
    rows.find((team) => me.teamIds.includes(team.id));
  const teamId = rows.some((team) => team.id === chosen) ? chosen : ((preferred ?? rows[0])?.id ?? null);
  return (
    <>
      <PageHeader title={title} />
      <Select
        label={t('workItems.team')}
        data={rows.map((team) => ({ value: String(team.id), label: team.name }))}
        value={teamId === null ? null : String(teamId)}
        onChange={(value) => value && setParams({ teamId: value }, { replace: true })}
        w={240}
        mb="md"
      />
      {teamId !== null && children(teamId)}
    </>
  );
}
