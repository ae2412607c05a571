import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { filterSelectProps } from '../../components/FilterBar';
import { useTeams } from './teams.api';

type Props = {
  label: string;
  /** The team id as the address bar holds it; empty means any team. */
  value: string;
  onChange: (value: string) => void;
  width: number;
  'data-testid': string;
};

/** A searchable "any team or this one" dropdown for a list's filter bar. */
export function TeamFilter({ label, value, onChange, width, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const teams = useTeams();
  const options = (teams.data?.rows ?? []).map((team) => ({ value: String(team.id), label: team.name }));
  return (
    <Select
      label={label}
      placeholder={t('common.all')}
      data={options}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      searchable
      data-testid={testId}
      {...filterSelectProps(width)}
    />
  );
}
