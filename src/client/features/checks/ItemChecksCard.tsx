import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { CheckStateBadge, Sparkline } from './CheckBits';
import { formatMs, useCheckLabels } from './checkLabels';
import { useCheckStream } from './checkStream';
import { useChecks } from './checks.api';

const shown = 20;

/** The checks watching one inventory item, with their state, on the item's page. */
export function ItemChecksCard({ itemId, canEdit }: { itemId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const labels = useCheckLabels();
  const format = useFormat();
  const checks = useChecks({ itemId, pageSize: shown, sort: 'state', direction: 'asc' });
  useCheckStream();
  const total = checks.data?.total ?? 0;
  return (
    <Paper withBorder p="md" data-testid="item-checks">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4">
          {t('checks.title')}
        </Title>
        {canEdit && (
          <Button
            component={Link}
            to={`/checks/new?itemId=${itemId}`}
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            data-testid="item-new-check"
          >
            {t('checks.newCheck')}
          </Button>
        )}
      </Group>
      {checks.isError && <ErrorAlert error={checks.error} />}
      {checks.data &&
        (checks.data.rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('checks.itemNone')}
          </Text>
        ) : (
          <Stack gap="xs">
            {checks.data.rows.map((check) => (
              <Group
                key={check.id}
                justify="space-between"
                wrap="nowrap"
                gap="sm"
                data-testid="item-check-row"
              >
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <CheckStateBadge state={check.state} size="sm" />
                  <div style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/checks/${check.id}`} size="sm" fw={500}>
                      {check.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {labels.kind(check.kind)} · {formatMs(check.lastLatencyMs, format.number)}
                      {check.lastMessage ? ` · ${check.lastMessage}` : ''}
                    </Text>
                  </div>
                </Group>
                <Sparkline values={check.sparkline} />
              </Group>
            ))}
            {total > shown && (
              <Anchor component={Link} to={`/checks?itemId=${itemId}`} size="sm">
                {t('checks.itemAll', { count: total })}
              </Anchor>
            )}
          </Stack>
        ))}
    </Paper>
  );
}
