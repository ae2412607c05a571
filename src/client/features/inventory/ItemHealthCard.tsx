import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HealthState } from '../../../shared/contracts/service-health';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AvailabilityBars } from '../statusPages/AvailabilityBars';
import { useServiceHealth } from '../statusPages/statusPages.api';

const stateColor: Record<HealthState, string> = {
  up: 'green',
  degraded: 'yellow',
  down: 'red',
  maintenance: 'blue',
  unknown: 'gray',
};

/**
 * An item's health through its relations (a business service is down when what it relies on is),
 * with 90 days of daily availability and the rules both were computed by.
 */
export function ItemHealthCard({ itemId }: { itemId: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'it' ? 'it' : 'en';
  const health = useServiceHealth(itemId);
  return (
    <Paper withBorder p="md" data-testid="item-health">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4">
          {t('inventory.health.title')}
        </Title>
        {health.data && (
          <Badge color={stateColor[health.data.state]} variant="light" data-testid="item-health-state">
            {t(`statusPages.public.states.${health.data.state}`)}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('inventory.health.intro')}
      </Text>
      {health.isError && <ErrorAlert error={health.error} />}
      {health.data && (
        <Stack gap="xs">
          <AvailabilityBars days={health.data.days} language={language} />
          <Text size="xs" c="dimmed">
            <Text span fw={600} inherit>
              {t('inventory.health.howCounted')}
            </Text>{' '}
            {health.data.stateRuleText} {health.data.ruleText}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
