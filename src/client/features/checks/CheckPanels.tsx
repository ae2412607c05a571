import {
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../shared/contracts/checks';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JsonBlock } from '../../components/JsonBlock';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { CheckStateBadge, PhasesBar, ResultStatusBadge } from './CheckBits';
import { formatMs, formatPercent, statusHex } from './checkLabels';
import {
  type DegradedCountsAs,
  type MaintenanceRule,
  type Period,
  useCheckAvailability,
  useCheckEvents,
  useCheckResults,
  useCheckSeries,
} from './checks.api';

// echarts is large: it loads with the first chart, not with the app.
const LatencyChart = lazy(async () => ({ default: (await import('./CheckCharts')).LatencyChart }));
const PhasesChart = lazy(async () => ({ default: (await import('./CheckCharts')).PhasesChart }));

const periods: Period[] = ['24h', '7d', '30d', '90d'];

function ChartFallback({ height }: { height: number }) {
  return (
    <Center h={height}>
      <Loader size="sm" />
    </Center>
  );
}

function availabilityColor(value: number | null): string | undefined {
  if (value === null) return 'dimmed';
  if (value >= 0.999) return statusHex.up;
  if (value >= 0.99) return '#e67700';
  return statusHex.down;
}

/** Availability for 24 h, 7 d, 30 d, 90 d, with the rule it was counted by, and a choice of that rule. */
export function AvailabilityPanel({ checkId }: { checkId: number }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [degradedCountsAs, setDegradedCountsAs] = useState<DegradedCountsAs>('up');
  const [minimumSamples, setMinimumSamples] = useState<number | string>(1);
  const [maintenance, setMaintenance] = useState<MaintenanceRule>('excluded');
  const samples = typeof minimumSamples === 'number' && minimumSamples >= 1 ? minimumSamples : 1;
  const availability = useCheckAvailability(checkId, degradedCountsAs, samples, maintenance);
  const figures = availability.data?.figures ?? [];
  // The server words the rule in English; other languages say the same from the same choice.
  const ruleText =
    i18n.language === 'en' && figures[0]
      ? figures[0].ruleText
      : t('checks.availability.rule', {
          degraded: t(`checks.availability.degradedAs.${degradedCountsAs}`),
          maintenance: t(`checks.availability.maintenanceAs.${maintenance}`),
          count: samples,
        });
  return (
    <Paper withBorder p="md" data-testid="availability-panel">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('checks.availability.title')}
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Stack gap={2}>
            <Text size="xs" fw={500}>
              {t('checks.availability.degradedCounts')}
            </Text>
            <SegmentedControl
              size="xs"
              data={[
                { value: 'up', label: t('checks.availability.asUp') },
                { value: 'half', label: t('checks.availability.asHalf') },
                { value: 'down', label: t('checks.availability.asDown') },
              ]}
              value={degradedCountsAs}
              onChange={(value) => setDegradedCountsAs(value as DegradedCountsAs)}
              data-testid="availability-degraded"
            />
          </Stack>
          <Stack gap={2}>
            <Text size="xs" fw={500}>
              {t('checks.availability.maintenance')}
            </Text>
            <SegmentedControl
              size="xs"
              data={[
                { value: 'excluded', label: t('checks.availability.maintenanceExcluded') },
                { value: 'included', label: t('checks.availability.maintenanceIncluded') },
              ]}
              value={maintenance}
              onChange={(value) => setMaintenance(value as MaintenanceRule)}
              data-testid="availability-maintenance"
            />
          </Stack>
          <NumberInput
            size="xs"
            label={t('checks.availability.minimumSamples')}
            value={minimumSamples}
            onChange={setMinimumSamples}
            min={1}
            max={100_000}
            allowDecimal={false}
            w={150}
            data-testid="availability-minimum"
          />
        </Group>
      </Group>
      {availability.isError && <ErrorAlert error={availability.error} />}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {periods.map((period) => {
          const figure = figures.find((one) => one.period === period);
          return (
            <Paper key={period} withBorder p="sm" radius="md" data-testid={`availability-${period}`}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t(`checks.periods.${period}`)}
              </Text>
              <Text
                fz={26}
                fw={700}
                c={availabilityColor(figure?.availability ?? null)}
                data-testid="availability-value"
              >
                {figure ? formatPercent(figure.availability, i18n.language) : '…'}
              </Text>
              {figure && (
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {figure.availability === null && figure.samples > 0
                      ? t('checks.availability.tooFew', { count: figure.samples })
                      : t('checks.availability.samples', { count: figure.samples })}
                  </Text>
                  {figure.inMaintenance > 0 && (
                    <Text size="xs" c="dimmed" data-testid="availability-in-maintenance">
                      {t('checks.availability.inMaintenance', { count: figure.inMaintenance })}
                    </Text>
                  )}
                  {figure.samples > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('checks.availability.counts', {
                        up: format.number(figure.up),
                        degraded: format.number(figure.degraded),
                        down: format.number(figure.down),
                      })}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('checks.availability.latency', {
                      avg: formatMs(figure.latencyAvgMs, format.number),
                      p95: formatMs(figure.latencyP95Ms, format.number),
                    })}
                  </Text>
                </Stack>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="sm" data-testid="availability-rule">
        <Text span fw={600} inherit>
          {t('checks.availability.howCounted')}
        </Text>{' '}
        {ruleText}
      </Text>
    </Paper>
  );
}

/** Latency over time (average, p95, min–max) with outcomes under it, and the phases of recent runs. */
export function LatencyPanel({ checkId }: { checkId: number }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>('24h');
  const [view, setView] = useState<'trend' | 'phases'>('trend');
  const series = useCheckSeries(checkId, period);
  const recent = useCheckResults(checkId, { page: 1, pageSize: 60 });
  return (
    <Paper withBorder p="md" data-testid="latency-panel">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('checks.latency.title')}
        </Title>
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            size="xs"
            data={[
              { value: 'trend', label: t('checks.latency.trend') },
              { value: 'phases', label: t('checks.latency.phases') },
            ]}
            value={view}
            onChange={(value) => setView(value as 'trend' | 'phases')}
            data-testid="latency-view"
          />
          {view === 'trend' && (
            <SegmentedControl
              size="xs"
              data={periods.map((value) => ({ value, label: t(`checks.periods.${value}`) }))}
              value={period}
              onChange={(value) => setPeriod(value as Period)}
              data-testid="latency-period"
            />
          )}
        </Group>
      </Group>
      {view === 'trend' ? (
        <>
          {series.isError && <ErrorAlert error={series.error} />}
          {series.isPending && <ChartFallback height={340} />}
          {series.data &&
            (series.data.points.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl" data-testid="latency-empty">
                {t('checks.latency.empty')}
              </Text>
            ) : (
              <div data-testid="latency-chart">
                <Suspense fallback={<ChartFallback height={340} />}>
                  <LatencyChart series={series.data} period={period} />
                </Suspense>
              </div>
            ))}
        </>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            {t('checks.latency.phasesHint')}
          </Text>
          {recent.isError && <ErrorAlert error={recent.error} />}
          {recent.isPending && <ChartFallback height={260} />}
          {recent.data &&
            (recent.data.rows.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl">
                {t('checks.latency.empty')}
              </Text>
            ) : (
              <div data-testid="phases-chart">
                <Suspense fallback={<ChartFallback height={260} />}>
                  <PhasesChart results={recent.data.rows} />
                </Suspense>
              </div>
            ))}
        </>
      )}
    </Paper>
  );
}

function ResultDetails({ result, onClose }: { result: CheckResult; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Modal opened onClose={onClose} title={t('checks.results.detailsTitle')} size="lg">
      <Stack gap="sm">
        <Group gap="sm">
          <ResultStatusBadge status={result.status} />
          <Text size="sm">{format.dateTime(result.startedAt)}</Text>
          <Text size="sm" c="dimmed">
            {formatMs(result.latencyMs, format.number)} · {result.location}
          </Text>
        </Group>
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          {result.message}
        </Text>
        <PhasesBar phases={result.phases} latencyMs={result.latencyMs} />
        <JsonBlock value={result.details} />
      </Stack>
    </Modal>
  );
}

const resultPageSize = 20;

/** Raw results, newest first, paged, with their phases. */
export function ResultsPanel({ checkId }: { checkId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<'all' | 'up' | 'degraded' | 'down'>('all');
  const [shown, setShown] = useState<CheckResult | null>(null);
  const results = useCheckResults(checkId, {
    page,
    pageSize: resultPageSize,
    status: status === 'all' ? undefined : status,
  });
  const ms = (value: number | null) => formatMs(value, format.number);
  return (
    <Paper withBorder p="md" data-testid="results-panel">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('checks.results.title')}
        </Title>
        <SegmentedControl
          size="xs"
          data={[
            { value: 'all', label: t('common.all') },
            { value: 'up', label: t('checks.states.up') },
            { value: 'degraded', label: t('checks.states.degraded') },
            { value: 'down', label: t('checks.states.down') },
          ]}
          value={status}
          onChange={(value) => {
            setStatus(value as typeof status);
            setPage(1);
          }}
          data-testid="results-status"
        />
      </Group>
      {results.isError && <ErrorAlert error={results.error} />}
      {results.isPending && <ChartFallback height={120} />}
      {results.data && (
        <>
          <Table.ScrollContainer minWidth={1000}>
            <Table verticalSpacing={4} striped data-testid="results-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('checks.results.at')}</Table.Th>
                  <Table.Th>{t('checks.results.status')}</Table.Th>
                  <Table.Th ta="right">{t('checks.fields.latency')}</Table.Th>
                  <Table.Th ta="right">{t('checks.phases.dns')}</Table.Th>
                  <Table.Th ta="right">{t('checks.phases.connect')}</Table.Th>
                  <Table.Th ta="right">{t('checks.phases.tls')}</Table.Th>
                  <Table.Th ta="right">{t('checks.phases.firstByte')}</Table.Th>
                  <Table.Th>{t('checks.results.location')}</Table.Th>
                  <Table.Th>{t('checks.results.message')}</Table.Th>
                  <ActionsHeader />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.data.rows.map((result) => (
                  <Table.Tr key={result.id} data-testid="result-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(result.startedAt)}</Table.Td>
                    <Table.Td>
                      <ResultStatusBadge status={result.status} />
                    </Table.Td>
                    <Table.Td ta="right">{ms(result.latencyMs)}</Table.Td>
                    <Table.Td ta="right">{ms(result.phases.dnsMs)}</Table.Td>
                    <Table.Td ta="right">{ms(result.phases.connectMs)}</Table.Td>
                    <Table.Td ta="right">{ms(result.phases.tlsMs)}</Table.Td>
                    <Table.Td ta="right">{ms(result.phases.firstByteMs)}</Table.Td>
                    <Table.Td>{result.location}</Table.Td>
                    <Table.Td maw={300}>
                      <Text size="sm" lineClamp={1} title={result.message}>
                        {result.message}
                      </Text>
                    </Table.Td>
                    <Table.Td w={40}>
                      <Tooltip label={t('checks.results.details')}>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={t('checks.results.details')}
                          onClick={() => setShown(result)}
                        >
                          <IconListDetails size={14} />
                        </Button>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {results.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="md">
              {t('checks.results.empty')}
            </Text>
          )}
          <Pager
            total={results.data.total}
            page={results.data.page}
            pageSize={results.data.pageSize}
            onPage={setPage}
          />
        </>
      )}
      {shown && <ResultDetails result={shown} onClose={() => setShown(null)} />}
    </Paper>
  );
}

/** State changes, newest first. */
export function EventsPanel({ checkId }: { checkId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const events = useCheckEvents(checkId);
  return (
    <Paper withBorder p="md" data-testid="events-panel">
      <Title order={2} size="h4" mb="sm">
        {t('checks.events.title')}
      </Title>
      {events.isError && <ErrorAlert error={events.error} />}
      {events.data &&
        (events.data.rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('checks.events.empty')}
          </Text>
        ) : (
          <Stack gap="xs">
            {events.data.rows.map((event) => (
              <div key={event.id} data-testid="event-row">
                <Group gap={6} wrap="wrap">
                  <CheckStateBadge state={event.fromState as 'unknown'} size="sm" />
                  <Text size="sm" c="dimmed">
                    →
                  </Text>
                  <CheckStateBadge state={event.toState as 'unknown'} size="sm" />
                  <Badge variant="transparent" color="gray" style={{ textTransform: 'none' }}>
                    {format.dateTime(event.at)}
                  </Badge>
                </Group>
                {event.message && (
                  <Text size="xs" c="dimmed" ml={2} style={{ wordBreak: 'break-word' }}>
                    {event.message}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        ))}
    </Paper>
  );
}
