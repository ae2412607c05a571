import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight, IconDiamond } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { WorkItemSummary } from '../../../shared/contracts/work-items';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { gridDaysOf } from '../maintenance/MonthCalendar';
import { useTimeline } from './workItems.api';

const shownPerDay = 4;

/** Red for overdue, yellow for due soon, grey for done, blue otherwise. */
function colorOf(item: WorkItemSummary): string {
  if (item.deadline === 'overdue') return 'red';
  if (item.deadline === 'dueSoon') return 'yellow';
  if (item.category === 'done') return 'gray';
  return 'blue';
}

/**
 * Today in blue, the days of the months around in grey. A grey background, not a faded day: faded
 * text would be too pale to read.
 */
function backgroundOf(isToday: boolean, isInMonth: boolean): string | undefined {
  if (isToday) return 'var(--mantine-color-blue-light)';
  return isInMonth ? undefined : 'var(--mantine-color-default-hover)';
}

/** A milestone's diamond; a warning sign on late items, so lateness does not rest on colour alone. */
function iconOf(item: WorkItemSummary) {
  if (item.type === 'milestone') return <IconDiamond size={10} />;
  if (item.deadline === 'overdue') return <IconAlertTriangle size={10} />;
  return undefined;
}

/**
 * A month of a team's deadlines (items and milestones by due date), Monday first, on the same
 * six-week grid as the maintenance calendar. It reads the timeline's bounded window of the grid.
 */
export function WorkCalendar({ teamId }: { teamId: number }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const days = gridDaysOf(month);
  const from = days[0]?.format('YYYY-MM-DD') ?? '';
  const to = days[days.length - 1]?.format('YYYY-MM-DD') ?? '';
  const timeline = useTimeline(teamId, from, to);
  const [expanded, setExpanded] = useState<string | null>(null);

  if (timeline.isPending) return <PageLoader />;
  if (timeline.isError) return <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;

  const byDay = new Map<string, WorkItemSummary[]>();
  for (const item of timeline.data.items) {
    if (item.dueDate && item.dueDate >= from && item.dueDate <= to) {
      byDay.set(item.dueDate, [...(byDay.get(item.dueDate) ?? []), item]);
    }
  }
  const weekdays = days.slice(0, 7).map((day) => day.locale(i18n.language).format('ddd'));
  const todayText = dayjs().format('YYYY-MM-DD');
  // The colour alone does not tell a screen reader which deadlines are late.
  const labelOf = (item: WorkItemSummary): string => {
    const title = `#${item.id} ${item.title}`;
    if (item.deadline === 'overdue') return t('workItems.listControls.calendarOverdue', { title });
    if (item.deadline === 'dueSoon') return t('workItems.listControls.calendarDueSoon', { title });
    return title;
  };

  return (
    <Stack gap="xs" data-testid="work-calendar">
      <Group justify="space-between">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            aria-label={t('workItems.calendar.previous')}
            onClick={() => setMonth(month.subtract(1, 'month'))}
          >
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Text fw={600} w={170} ta="center" data-testid="calendar-month">
            {month.locale(i18n.language).format('MMMM YYYY')}
          </Text>
          <ActionIcon
            variant="default"
            aria-label={t('workItems.calendar.next')}
            onClick={() => setMonth(month.add(1, 'month'))}
          >
            <IconChevronRight size={16} />
          </ActionIcon>
          <Button size="xs" variant="default" onClick={() => setMonth(dayjs().startOf('month'))}>
            {t('workItems.calendar.thisMonth')}
          </Button>
        </Group>
        <Group gap="xs">
          <Badge color="red" leftSection={<IconAlertTriangle size={12} />}>
            {t('workItems.calendar.legendOverdue')}
          </Badge>
          <Badge color="yellow">{t('workItems.calendar.legendDueSoon')}</Badge>
        </Group>
      </Group>
      {timeline.data.isTruncated && (
        <Alert color="yellow">
          {t('workItems.calendar.truncated', { count: timeline.data.items.length })}
        </Alert>
      )}
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {weekdays.map((name) => (
          <Text key={name} size="xs" c="dimmed" ta="center" fw={600}>
            {name}
          </Text>
        ))}
        {days.map((day) => {
          const key = day.format('YYYY-MM-DD');
          const items = byDay.get(key) ?? [];
          const isExpanded = expanded === key;
          const shown = isExpanded ? items : items.slice(0, shownPerDay);
          return (
            <Paper
              key={key}
              withBorder
              p={4}
              mih={96}
              bg={backgroundOf(key === todayText, day.month() === month.month())}
              data-testid={`calendar-day-${key}`}
            >
              <Text
                size="xs"
                fw={key === todayText ? 700 : 400}
                c={day.month() === month.month() ? undefined : 'dimmed'}
              >
                {day.date()}
              </Text>
              <Stack gap={2}>
                {shown.map((item) => (
                  <UnstyledButton
                    key={item.id}
                    onClick={() => void navigate(`/work-items/${item.id}`)}
                    title={`#${item.id} ${item.title}`}
                    aria-label={labelOf(item)}
                    data-testid={`calendar-item-${item.id}`}
                    data-deadline={item.deadline ?? 'none'}
                  >
                    <Badge
                      size="sm"
                      radius="sm"
                      fullWidth
                      variant={item.category === 'done' ? 'outline' : 'light'}
                      color={colorOf(item)}
                      leftSection={iconOf(item)}
                      styles={{ label: { textTransform: 'none', textAlign: 'left' } }}
                      td={item.category === 'done' ? 'line-through' : undefined}
                    >
                      {item.title}
                    </Badge>
                  </UnstyledButton>
                ))}
                {items.length > shownPerDay && !isExpanded && (
                  <Box>
                    <UnstyledButton onClick={() => setExpanded(key)}>
                      <Text size="xs" c="dimmed">
                        {t('workItems.calendar.more', { count: items.length - shownPerDay })}
                      </Text>
                    </UnstyledButton>
                  </Box>
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
