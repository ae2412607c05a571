import { Anchor, Badge, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MaintenanceStatus, MaintenanceWindow } from '../../../shared/contracts/maintenance';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { useMaintenanceWindows } from './maintenance.api';

const pageSize = 25;
const statusColor: Record<MaintenanceStatus, string> = { active: 'orange', upcoming: 'blue', past: 'gray' };

/** The status of a window as a coloured badge. */
export function MaintenanceStatusBadge({ status }: { status: MaintenanceStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light">
      {t(`maintenance.status.${status}`)}
    </Badge>
  );
}

/** When a window happens, in a few words: now until…, next…, or ended. */
export function useWhenText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (window: MaintenanceWindow) => {
    if (window.status === 'active' && window.current) {
      return t('maintenance.list.current', { end: format.dateTime(window.current.endsAt) });
    }
    if (window.current) return t('maintenance.list.next', { when: format.dateTime(window.current.startsAt) });
    return t('maintenance.list.ended');
  };
}

/** The windows as a table, filtered by status, soonest first. */
export function MaintenanceList() {
  const { t } = useTranslation();
  const whenText = useWhenText();
  const [status, setStatus] = useState<MaintenanceStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const windows = useMaintenanceWindows({ status: status === 'all' ? undefined : status, page, pageSize });

  return (
    <>
      <SegmentedControl
        mb="md"
        value={status}
        onChange={(value) => {
          setStatus(value as MaintenanceStatus | 'all');
          setPage(1);
        }}
        data={[
          { value: 'all', label: t('common.all') },
          { value: 'active', label: t('maintenance.status.active') },
          { value: 'upcoming', label: t('maintenance.status.upcoming') },
          { value: 'past', label: t('maintenance.status.past') },
        ]}
        data-testid="maintenance-status-filter"
      />
      {windows.isPending ? (
        <PageLoader />
      ) : windows.isError ? (
        <ErrorAlert error={windows.error} onRetry={() => void windows.refetch()} />
      ) : windows.data.rows.length === 0 ? (
        <Text c="dimmed">{t('maintenance.list.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={700}>
            <Table striped highlightOnHover data-testid="maintenance-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('maintenance.fields.title')}</Table.Th>
                  <Table.Th>{t('maintenance.fields.kind')}</Table.Th>
                  <Table.Th>{t('maintenance.fields.when')}</Table.Th>
                  <Table.Th>{t('maintenance.fields.targets')}</Table.Th>
                  <Table.Th>{t('maintenance.fields.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {windows.data.rows.map((window) => (
                  <Table.Tr key={window.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/maintenance/${window.id}/edit`}>
                        {window.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {window.recurrence ? (
                        <Group gap={4}>
                          <Text size="sm">{t('maintenance.kinds.recurring')}</Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {window.recurrence}
                          </Text>
                        </Group>
                      ) : (
                        t('maintenance.kinds.oneOff')
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{whenText(window)}</Text>
                      <Text size="xs" c="dimmed">
                        {t('maintenance.minutes', { count: window.durationMinutes })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {[...window.items, ...window.checks].map((target) => target.name).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <MaintenanceStatusBadge status={window.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={windows.data.total} page={page} pageSize={pageSize} onPage={setPage} />
        </>
      )}
    </>
  );
}
