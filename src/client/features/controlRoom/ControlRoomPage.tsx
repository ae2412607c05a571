import {
  Anchor,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAffiliate, IconFileImport, IconPlus, IconServer2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission } from '../../../shared/domain/roles';
import { KindBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { criticalityColor, useLabels } from '../../components/labels';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { OpenIncidentsCard } from '../incidents/OpenIncidentsCard';
import { useInventoryCounts } from './controlRoom.api';
import { NeedsYouCard } from './NeedsYouCard';

/** The home page: inventory figures by kind and criticality, and shortcuts. */
export function ControlRoomPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const me = useSignedInUser();
  const canRead = hasPermission(me.role, 'read');
  const canWrite = hasPermission(me.role, 'inventory.write');
  const counts = useInventoryCounts(canRead);
  const show = (value: number | undefined) =>
    value !== undefined ? format.number(value) : counts.error ? t('common.none') : '…';

  if (!canRead) {
    return (
      <>
        <PageHeader title={t('controlRoom.title')} />
        <Text>{t('controlRoom.noAccess')}</Text>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('controlRoom.title')} />
      <Text c="dimmed" mb="md">
        {t('controlRoom.intro')}
      </Text>
      {counts.error && <ErrorAlert error={counts.error} />}
      <OpenIncidentsCard />
      <NeedsYouCard />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} mb="md">
        <Card withBorder component={Link} to="/inventory" data-testid="count-total">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" size="lg">
              <IconServer2 size={20} />
            </ThemeIcon>
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('controlRoom.itemsTotal')}
              </Text>
              <Text fw={700} size="xl">
                {show(counts.total.total)}
              </Text>
            </div>
          </Group>
        </Card>
        {counts.byCriticality.map((entry) => (
          <Card
            key={entry.criticality}
            withBorder
            component={Link}
            to={`/inventory?criticality=${entry.criticality}`}
            data-testid={`count-criticality-${entry.criticality}`}
            style={{ borderLeft: `4px solid var(--mantine-color-${criticalityColor[entry.criticality]}-6)` }}
          >
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {labels.criticality(entry.criticality)}
            </Text>
            <Text fw={700} size="xl">
              {show(entry.total)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('controlRoom.byKind')}
          </Title>
          <Table verticalSpacing={4} data-testid="counts-by-kind">
            <Table.Tbody>
              {counts.byKind.map((entry) => (
                <Table.Tr key={entry.kind}>
                  <Table.Td>
                    <Anchor component={Link} to={`/inventory?kind=${entry.kind}`} underline="never">
                      <KindBadge value={entry.kind} />
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" fw={600} c={entry.total ? undefined : 'dimmed'}>
                    {show(entry.total)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('controlRoom.quickLinks')}
          </Title>
          <Stack gap="xs" align="flex-start">
            {canWrite && (
              <Button
                component={Link}
                to="/inventory/new"
                leftSection={<IconPlus size={16} />}
                variant="light"
              >
                {t('controlRoom.newItem')}
              </Button>
            )}
            <Button component={Link} to="/inventory" leftSection={<IconServer2 size={16} />} variant="light">
              {t('nav.inventory')}
            </Button>
            <Button component={Link} to="/map" leftSection={<IconAffiliate size={16} />} variant="light">
              {t('nav.dependencyMap')}
            </Button>
            {canWrite && (
              <Button
                component={Link}
                to="/import"
                leftSection={<IconFileImport size={16} />}
                variant="light"
              >
                {t('nav.import')}
              </Button>
            )}
          </Stack>
        </Paper>
      </SimpleGrid>
    </>
  );
}
