import { Button, Tabs, Text } from '@mantine/core';
import { IconCalendar, IconList, IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useSignedInUser } from '../auth/auth.api';
import { MaintenanceList } from './MaintenanceList';
import { gridDaysOf, MonthCalendar } from './MonthCalendar';
import { useOccurrences } from './maintenance.api';

/** Maintenance windows: a month calendar of occurrences and the list. */
export function MaintenancePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const monthParam = params.get('month');
  const month =
    monthParam && /^\d{4}-\d{2}$/.test(monthParam) ? dayjs(`${monthParam}-01`) : dayjs().startOf('month');
  const [view, setView] = useState<string | null>(params.get('view') === 'list' ? 'list' : 'calendar');
  const days = gridDaysOf(month);
  const from = days[0]?.valueOf() ?? month.valueOf();
  const to = (days.at(-1) ?? month).add(1, 'day').valueOf();
  const occurrences = useOccurrences(from, to);
  const canPlan = hasPermission(me.role, 'maintenance.write');

  return (
    <>
      <PageHeader
        title={t('maintenance.title')}
        actions={
          canPlan && (
            <Button
              component={Link}
              to="/maintenance/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-maintenance"
            >
              {t('maintenance.newWindow')}
            </Button>
          )
        }
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('maintenance.intro')}
      </Text>
      <Tabs value={view} onChange={setView} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="calendar" leftSection={<IconCalendar size={14} />}>
            {t('maintenance.views.calendar')}
          </Tabs.Tab>
          <Tabs.Tab value="list" leftSection={<IconList size={14} />} data-testid="maintenance-list-tab">
            {t('maintenance.views.list')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calendar">
          {occurrences.isError && <ErrorAlert error={occurrences.error} />}
          {occurrences.data?.isTruncated && (
            <Text size="sm" c="orange" mb="xs">
              {t('maintenance.calendar.truncated')}
            </Text>
          )}
          <MonthCalendar
            month={month}
            occurrences={occurrences.data?.rows ?? []}
            onMonthChange={(next) => {
              const nextParams = new URLSearchParams(params);
              nextParams.set('month', next.format('YYYY-MM'));
              setParams(nextParams, { replace: true });
            }}
            onOccurrenceClick={(windowId) => void navigate(`/maintenance/${windowId}/edit`)}
            onAddOnDay={
              canPlan
                ? (day) => void navigate(`/maintenance/new?date=${day.format('YYYY-MM-DD')}`)
                : undefined
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="list">
          <MaintenanceList />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
