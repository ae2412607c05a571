import {
  ActionIcon,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CalendarOccurrence } from '../../../shared/contracts/maintenance';

const shownPerDay = 3;

/** The 42 days (six Monday-first weeks) a month's grid shows. */
export function gridDaysOf(month: Dayjs): Dayjs[] {
  const first = month.startOf('month');
  const start = first.subtract((first.day() + 6) % 7, 'day');
  return Array.from({ length: 42 }, (_, index) => start.add(index, 'day'));
}

type Props = {
  month: Dayjs;
  occurrences: CalendarOccurrence[];
  onMonthChange: (month: Dayjs) => void;
  onOccurrenceClick: (windowId: number) => void;
  /** offered on each day when the user may plan windows */
  onAddOnDay?: (day: Dayjs) => void;
};

/** A month of maintenance occurrences, one cell per day in the browser's time, Monday first. */
export function MonthCalendar({ month, occurrences, onMonthChange, onOccurrenceClick, onAddOnDay }: Props) {
  const { t, i18n } = useTranslation();
  const days = gridDaysOf(month);
  const weekdays = days.slice(0, 7).map((day) => day.locale(i18n.language).format('ddd'));
  const today = dayjs();
  const timeOf = (at: number) => dayjs(at).format('HH:mm');

  return (
    <Stack gap="xs" data-testid="maintenance-calendar">
      <Group justify="space-between">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            aria-label={t('maintenance.calendar.previous')}
            onClick={() => onMonthChange(month.subtract(1, 'month'))}
          >
            <IconChevronLeft size={16} />
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={t('maintenance.calendar.next')}
            onClick={() => onMonthChange(month.add(1, 'month'))}
          >
            <IconChevronRight size={16} />
          </ActionIcon>
          <Button variant="subtle" size="xs" onClick={() => onMonthChange(dayjs().startOf('month'))}>
            {t('maintenance.calendar.today')}
          </Button>
        </Group>
        <Text fw={600} tt="capitalize" data-testid="calendar-month">
          {month.locale(i18n.language).format('MMMM YYYY')}
        </Text>
      </Group>
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {weekdays.map((name) => (
          <Text key={name} size="xs" c="dimmed" ta="center" tt="capitalize">
            {name}
          </Text>
        ))}
        {days.map((day) => {
          const dayStart = day.valueOf();
          const dayEnd = day.add(1, 'day').valueOf();
          const onDay = occurrences.filter((o) => o.startsAt < dayEnd && o.endsAt > dayStart);
          const isOtherMonth = day.month() !== month.month();
          const isToday = day.isSame(today, 'day');
          return (
            <Paper
              key={day.format('YYYY-MM-DD')}
              withBorder
              p={4}
              mih={92}
              bg={isToday ? 'var(--mantine-color-blue-light)' : undefined}
              data-testid={`calendar-day-${day.format('YYYY-MM-DD')}`}
            >
              <Group justify="space-between" gap={2} wrap="nowrap">
                <Text size="xs" fw={isToday ? 700 : 400} c={isOtherMonth ? 'dimmed' : undefined}>
                  {day.date()}
                </Text>
                {onAddOnDay && (
                  <Tooltip
                    label={t('maintenance.calendar.addOn', {
                      date: day.locale(i18n.language).format('D MMMM YYYY'),
                    })}
                  >
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      aria-label={t('maintenance.calendar.addOn', { date: day.format('YYYY-MM-DD') })}
                      onClick={() => onAddOnDay(day)}
                      data-testid={`calendar-add-${day.format('YYYY-MM-DD')}`}
                    >
                      <IconPlus size={12} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              <Stack gap={2} mt={2}>
                {onDay.slice(0, shownPerDay).map((occurrence) => (
                  <UnstyledButton
                    key={`${occurrence.windowId}:${occurrence.startsAt}`}
                    onClick={() => onOccurrenceClick(occurrence.windowId)}
                    data-testid="calendar-occurrence"
                  >
                    <Box
                      px={4}
                      style={{ borderRadius: 4, overflow: 'hidden' }}
                      bg={
                        occurrence.isRecurring
                          ? 'var(--mantine-color-grape-light)'
                          : 'var(--mantine-color-orange-light)'
                      }
                    >
                      <Text size="xs" truncate>
                        {timeOf(Math.max(occurrence.startsAt, dayStart))} {occurrence.title}
                      </Text>
                    </Box>
                  </UnstyledButton>
                ))}
                {onDay.length > shownPerDay && (
                  <Text size="xs" c="dimmed">
                    {t('maintenance.calendar.more', { count: onDay.length - shownPerDay })}
                  </Text>
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
