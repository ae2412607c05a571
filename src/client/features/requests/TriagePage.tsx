import { Anchor, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { priorityKey } from './requestParts';
import { useRequestChoices, useRequests } from './requests.api';
import { TriageButtons } from './TriageButtons';

/** `/requests/triage`: requests waiting for a decision, filtered by team. */
export function TriagePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [teamId, setTeamId] = useState<string | null>(null);
  const choices = useRequestChoices('');
  const { data, error, isLoading } = useRequests('triage', teamId ? Number(teamId) : null);
  return (
    <Stack>
      <PageHeader title={t('requests.triage')} />
      <Text c="dimmed">{t('requests.triageIntro')}</Text>
      <Select
        maw={320}
        label={t('requests.fields.team')}
        placeholder={t('requests.allTeams')}
        clearable
        value={teamId}
        onChange={setTeamId}
        data={(choices.data?.teams ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
        data-testid="triage-team"
      />
      {error && <ErrorAlert error={error} />}
      {isLoading && <PageLoader />}
      {data && data.rows.length === 0 && <Text>{t('requests.noneWaiting')}</Text>}
      {data && data.rows.length > 0 && (
        <Table data-testid="triage-queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.fields.title')}</Table.Th>
              <Table.Th>{t('requests.fields.kind')}</Table.Th>
              <Table.Th>{t('requests.fields.priority')}</Table.Th>
              <Table.Th>{t('requests.fields.team')}</Table.Th>
              <Table.Th>{t('requests.fields.requester')}</Table.Th>
              <Table.Th>{t('requests.fields.submittedAt')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('controls.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${row.id}`}>
                    #{row.id} {row.title}
                  </Anchor>
                  {row.itemName && (
                    <Text size="xs" c="dimmed">
                      {row.itemName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`requests.kinds.${row.kind}`)}</Table.Td>
                <Table.Td>{t(priorityKey(row.priority))}</Table.Td>
                <Table.Td>{row.teamName}</Table.Td>
                <Table.Td>{row.requesterName}</Table.Td>
                <Table.Td>{format.dateTime(row.submittedAt)}</Table.Td>
                <Table.Td>
                  <TriageButtons request={row} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
