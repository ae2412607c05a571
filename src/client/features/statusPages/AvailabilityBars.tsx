import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DailyAvailability } from '../../../shared/contracts/service-health';
import { formattersFor } from '../../i18n/format';

/** The colour of one day's bar: grey without data, then green, lime, orange, red as it falls. */
function barColor(availability: number | null): string {
  if (availability === null) return 'var(--mantine-color-gray-4)';
  if (availability >= 0.999) return 'var(--mantine-color-green-6)';
  if (availability >= 0.99) return 'var(--mantine-color-lime-6)';
  if (availability >= 0.95) return 'var(--mantine-color-orange-6)';
  return 'var(--mantine-color-red-6)';
}

function percent(value: number, locale: 'en' | 'it'): string {
  return `${new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 2 }).format(value * 100)} %`;
}

/** One bar per day (oldest first), each with its value in a tooltip, in the given language. */
export function AvailabilityBars({ days, language }: { days: DailyAvailability[]; language: 'en' | 'it' }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(language);
  const format = formattersFor(language);
  return (
    <Stack gap={6}>
      <Group
        gap={2}
        wrap="nowrap"
        role="list"
        aria-label={t('statusPages.public.availability')}
        data-testid="status-bars"
      >
        {days.map((day) => {
          const label = t('statusPages.public.dayValue', {
            day: format.date(day.day),
            value:
              day.availability === null
                ? t('statusPages.public.noData')
                : percent(day.availability, language),
          });
          // Each day is read out as an item of the list: the tooltip alone only shows on hover.
          return (
            <Tooltip key={day.day} label={label}>
              <Box
                role="listitem"
                aria-label={label}
                data-testid="status-bar"
                style={{
                  flex: 1,
                  minWidth: 2,
                  height: 28,
                  borderRadius: 2,
                  background: barColor(day.availability),
                }}
              />
            </Tooltip>
          );
        })}
      </Group>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('statusPages.public.daysAgo')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('statusPages.public.today')}
        </Text>
      </Group>
    </Stack>
  );
}
