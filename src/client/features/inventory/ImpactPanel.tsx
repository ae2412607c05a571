import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CriticalityBadge, KindBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useImpact } from './inventory.api';

/** Everything that transitively depends on the item, nearest first. */
export function ImpactPanel({ itemId }: { itemId: number }) {
  const { t } = useTranslation();
  const impact = useImpact(itemId);
  const rows = [...(impact.data?.impacted ?? [])].sort(
    (a, b) => a.depth - b.depth || a.criticality - b.criticality,
  );
  return (
    <Paper withBorder p="md" data-testid="impact-panel">
      <Title order={2} size="h4">
        {t('inventory.impact.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('inventory.impact.intro')}
      </Text>
      {impact.isPending && <PageLoader />}
      {impact.isError && <ErrorAlert error={impact.error} onRetry={() => void impact.refetch()} />}
      {impact.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('inventory.impact.none')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inventory.fields.name')}</Table.Th>
                <Table.Th>{t('inventory.fields.kind')}</Table.Th>
                <Table.Th>{t('inventory.fields.criticality')}</Table.Th>
                <Table.Th>{t('inventory.impact.depth')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="impact-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/inventory/${row.id}`}>
                      {row.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <KindBadge value={row.kind} />
                  </Table.Td>
                  <Table.Td>
                    <CriticalityBadge value={row.criticality} />
                  </Table.Td>
                  <Table.Td>{row.depth}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
