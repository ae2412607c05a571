import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkItemSummary } from '../../../shared/contracts/work-items';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { useRequests } from '../requests/requests.api';
import { useWorkItems } from '../workItems/workItems.api';

const shown = 5;

function WorkColumn({
  title,
  testId,
  rows,
  total,
  error,
  empty,
}: {
  title: string;
  testId: string;
  rows: WorkItemSummary[] | undefined;
  total: number | undefined;
  error: unknown;
  empty: string;
}) {
  const format = useFormat();
  return (
    <Stack gap={6} data-testid={testId}>
      <Title order={3} size="h5">
        {title}
        {total !== undefined ? ` (${format.number(total)})` : ''}
      </Title>
      {error ? <ErrorAlert error={error} /> : null}
      {rows?.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {rows?.map((item) => (
        <Group key={item.id} gap="xs" wrap="nowrap">
          <Badge size="sm" variant="light" color={item.deadline === 'overdue' ? 'red' : 'yellow'}>
            {item.dueDate ? format.date(item.dueDate) : ''}
          </Badge>
          <Anchor component={Link} to={`/work-items/${item.id}`} size="sm" lineClamp={1}>
            #{item.id} {item.title}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {item.teamName}
            {item.assigneeName ? ` · ${item.assigneeName}` : ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * What needs the person first, besides open incidents: work past its deadline or due soon in the
 * teams they see, and requests waiting for a decision (for those who triage).
 */
export function NeedsYouCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedInUser();
  const canTriage = hasPermission(me.role, 'work.write');
  const page = { isOpen: true, sort: 'dueDate', direction: 'asc', pageSize: shown } as const;
  const overdue = useWorkItems({ ...page, deadline: 'overdue' });
  const dueSoon = useWorkItems({ ...page, deadline: 'dueSoon' });
  const triage = useRequests('triage', null, canTriage);
  return (
    <Paper withBorder p="md" mb="md" data-testid="needs-you">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('controlRoom.needsYou.title')}
        </Title>
        {canTriage && triage.data && (
          <Anchor component={Link} to="/requests/triage" size="sm" data-testid="needs-you-triage">
            {t('controlRoom.needsYou.triage', {
              count: triage.data.total,
              formatted: format.number(triage.data.total),
            })}
          </Anchor>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <WorkColumn
          title={t('controlRoom.needsYou.overdue')}
          testId="needs-you-overdue"
          rows={overdue.data?.rows}
          total={overdue.data?.total}
          error={overdue.error}
          empty={t('controlRoom.needsYou.noneOverdue')}
        />
        <WorkColumn
          title={t('controlRoom.needsYou.dueSoon')}
          testId="needs-you-due-soon"
          rows={dueSoon.data?.rows}
          total={dueSoon.data?.total}
          error={dueSoon.error}
          empty={t('controlRoom.needsYou.noneDueSoon')}
        />
      </SimpleGrid>
    </Paper>
  );
}
