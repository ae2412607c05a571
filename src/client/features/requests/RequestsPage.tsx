import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { useMe } from '../auth/auth.api';
import { RequestStatusBadge } from './requestParts';
import { useRequests } from './requests.api';

/** `/requests`: the caller's own requests with their status, and the way to a new one. */
export function RequestsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { data, error, isLoading } = useRequests('mine');
  const canTriage = me.data ? hasPermission(me.data.role, 'work.write') : false;
  return (
    <Stack>
      <PageHeader
        title={t('requests.title')}
        actions={
          <Group gap="xs">
            {canTriage && (
              <Button component={Link} to="/requests/triage" variant="default" data-testid="open-triage">
                {t('requests.triage')}
              </Button>
            )}
            <Button component={Link} to="/requests/new" data-testid="new-request">
              {t('requests.newRequest')}
            </Button>
          </Group>
        }
      />
      <Text c="dimmed">{t('requests.intro')}</Text>
      {error && <ErrorAlert error={error} />}
      {isLoading && <PageLoader />}
      {data && data.rows.length === 0 && <Text>{t('requests.none')}</Text>}
      {data && data.rows.length > 0 && (
        <Table data-testid="my-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.fields.title')}</Table.Th>
              <Table.Th>{t('requests.fields.kind')}</Table.Th>
              <Table.Th>{t('requests.fields.team')}</Table.Th>
              <Table.Th>{t('requests.fields.status')}</Table.Th>
              <Table.Th>{t('requests.fields.submittedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${row.id}`}>
                    {row.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`requests.kinds.${row.kind}`)}</Table.Td>
                <Table.Td>{row.teamName}</Table.Td>
                <Table.Td>
                  <RequestStatusBadge status={row.status} />
                </Table.Td>
                <Table.Td>{format.dateTime(row.submittedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
