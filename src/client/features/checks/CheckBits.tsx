import { Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckState } from '../../../shared/domain/check-state';
import { useFormat } from '../../i18n/format';
import { checkStateColor, formatMs, formatPercent, statusHex, useCheckLabels } from './checkLabels';
import type { RunResult } from './checks.api';

/** A check state as a badge: up green, degraded yellow, down red, paused grey, unknown grey outline. */
export function CheckStateBadge({ state, size }: { state: CheckState; size?: 'sm' | 'md' | 'lg' }) {
  const labels = useCheckLabels();
  return (
    <Badge
      color={checkStateColor[state]}
      variant={state === 'unknown' ? 'outline' : state === 'paused' ? 'light' : 'filled'}
      size={size}
      style={{ textTransform: 'none' }}
      data-testid="check-state"
      data-state={state}
    >
      {labels.state(state)}
    </Badge>
  );
}

/** One probe outcome (up, degraded, down) as a light badge. */
export function ResultStatusBadge({ status }: { status: 'up' | 'degraded' | 'down' }) {
  const labels = useCheckLabels();
  return (
    <Badge color={checkStateColor[status]} variant="light" style={{ textTransform: 'none' }}>
      {labels.state(status)}
    </Badge>
  );
}

function cellColor(value: number | null): string {
  if (value === null) return statusHex.none;
  if (value >= 0.999) return statusHex.up;
  if (value >= 0.9) return statusHex.degraded;
  return statusHex.down;
}

/**
 * The last 24 hours as 24 small cells, oldest on the left: green all up, yellow some failures,
 * red mostly down, grey no results. Plain elements: fifty rows draw at once, without a chart library.
 */
export const Sparkline = memo(function Sparkline({
  values,
}: {
  values: (number | null)[] | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const cells = values ?? new Array<null>(24).fill(null);
  const known = cells.filter((value): value is number => value !== null);
  const summary =
    known.length === 0
      ? t('checks.sparklineEmpty')
      : t('checks.sparklineSummary', {
          value: formatPercent(known.reduce((sum, value) => sum + value, 0) / known.length, i18n.language),
        });
  return (
    <Tooltip label={summary} openDelay={300}>
      <div
        role="img"
        aria-label={summary}
        data-testid="check-sparkline"
        style={{ display: 'flex', gap: 1, alignItems: 'stretch', height: 16, width: 24 * 5 }}
      >
        {cells.map((value, index) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: the 24 hours are fixed positions
            key={index}
            style={{ flex: 1, borderRadius: 1, background: cellColor(value) }}
          />
        ))}
      </div>
    </Tooltip>
  );
});

/** Phases of a run as a thin stacked bar with the numbers under it. */
export function PhasesBar({ phases, latencyMs }: { phases: RunResult['phases']; latencyMs: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts = [
    { key: 'dnsMs', label: t('checks.phases.dns'), color: '#748ffc', value: phases.dnsMs },
    { key: 'connectMs', label: t('checks.phases.connect'), color: '#20c997', value: phases.connectMs },
    { key: 'tlsMs', label: t('checks.phases.tls'), color: '#f59f00', value: phases.tlsMs },
    { key: 'firstByteMs', label: t('checks.phases.firstByte'), color: '#e64980', value: phases.firstByteMs },
  ] as const;
  const total = Math.max(
    latencyMs,
    parts.reduce((sum, part) => sum + (part.value ?? 0), 0),
    1,
  );
  return (
    <Stack gap={4} data-testid="run-phases">
      <div style={{ display: 'flex', height: 8, borderRadius: 4, overflow: 'hidden', background: '#e9ecef' }}>
        {parts.map((part) =>
          part.value ? (
            <span
              key={part.key}
              title={part.label}
              style={{ width: `${(part.value / total) * 100}%`, background: part.color }}
            />
          ) : null,
        )}
      </div>
      <Group gap="md" wrap="wrap">
        {parts.map((part) => (
          <Group key={part.key} gap={4} wrap="nowrap">
            <span style={{ width: 8, height: 8, borderRadius: 2, background: part.color }} />
            <Text size="xs" c="dimmed">
              {part.label}: {formatMs(part.value, format.number)}
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

/** What a "Run now" answered: status, latency, message, phases. */
export function RunResultView({ result }: { result: RunResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="run-result"
      data-status={result.status}
      style={{ borderLeft: `4px solid ${statusHex[result.status]}` }}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap">
          <Text fw={600} size="sm">
            {t('checks.runResult')}
          </Text>
          <ResultStatusBadge status={result.status} />
          <Text size="sm" c="dimmed">
            {formatMs(result.latencyMs, format.number)}
          </Text>
        </Group>
        <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid="run-message">
          {result.message}
        </Text>
        <PhasesBar phases={result.phases} latencyMs={result.latencyMs} />
      </Stack>
    </Paper>
  );
}

/** A label above a value, for summary grids. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm" data-testid={testId} style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </div>
  );
}
