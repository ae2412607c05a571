import { useComputedColorScheme } from '@mantine/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../shared/contracts/checks';
import { useFormat } from '../../i18n/format';
import { statusHex } from './checkLabels';
import type { Period, SeriesAnswer } from './checks.api';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const phaseColors = {
  dns: '#748ffc',
  connect: '#20c997',
  tls: '#f59f00',
  firstByte: '#e64980',
  rest: '#adb5bd',
} as const;

function useChartColors() {
  const scheme = useComputedColorScheme('light');
  return useMemo(
    () => ({
      text: scheme === 'dark' ? '#c9c9c9' : '#495057',
      grid: scheme === 'dark' ? '#373a40' : '#e9ecef',
    }),
    [scheme],
  );
}

const periodMs: Record<Period, number> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
};

function axisLabelFormatter(period: Period, locale: string) {
  const tag = locale === 'it' ? 'it-IT' : 'en-GB';
  const options: Intl.DateTimeFormatOptions =
    period === '24h'
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { day: '2-digit', month: '2-digit' };
  const format = new Intl.DateTimeFormat(tag, options);
  return (value: number) => format.format(value);
}

/**
 * Latency over a period (average, 95th percentile, and the min–max band) above the count of
 * outcomes per bucket (up, degraded, down stacked).
 */
export function LatencyChart({ series, period }: { series: SeriesAnswer; period: Period }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const colors = useChartColors();
  const option = useMemo(() => {
    const points = series.points;
    // The whole period on the axis, even when results cover only part of it.
    const end = Date.now();
    const start = end - periodMs[period];
    const at = (value: number | null) => (value === null ? null : value);
    const names = {
      avg: t('checks.latency.avg'),
      p95: t('checks.latency.p95'),
      range: t('checks.latency.range'),
      up: t('checks.states.up'),
      degraded: t('checks.states.degraded'),
      down: t('checks.states.down'),
    };
    const msLabel = (value: number) => `${format.number(value)} ms`;
    return {
      backgroundColor: 'transparent',
      textStyle: { color: colors.text },
      animation: false,
      tooltip: {
        trigger: 'axis',
        confine: true,
        renderMode: 'richText',
        valueFormatter: (value: unknown) => (typeof value === 'number' ? format.number(value) : '—'),
      },
      legend: {
        top: 0,
        type: 'scroll',
        textStyle: { color: colors.text },
        data: [names.avg, names.p95, names.range, names.up, names.degraded, names.down],
      },
      grid: [
        { left: 64, right: 16, top: 36, height: '52%' },
        { left: 64, right: 16, top: '72%', bottom: 28 },
      ],
      xAxis: [
        {
          type: 'time',
          gridIndex: 0,
          min: start,
          max: end,
          axisLabel: { show: false },
          axisLine: { lineStyle: { color: colors.grid } },
        },
        {
          type: 'time',
          gridIndex: 1,
          min: start,
          max: end,
          axisLabel: {
            color: colors.text,
            hideOverlap: true,
            formatter: axisLabelFormatter(period, i18n.language),
          },
          axisLine: { lineStyle: { color: colors.grid } },
        },
      ],
      yAxis: [
        {
          type: 'value',
          gridIndex: 0,
          min: 0,
          axisLabel: { color: colors.text, formatter: msLabel },
          splitLine: { lineStyle: { color: colors.grid } },
        },
        {
          type: 'value',
          gridIndex: 1,
          min: 0,
          minInterval: 1,
          axisLabel: { color: colors.text },
          splitLine: { lineStyle: { color: colors.grid } },
        },
      ],
      series: [
        // The band: an invisible base at the minimum, and the spread to the maximum stacked on it.
        {
          name: names.range,
          type: 'line',
          stack: 'range',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          tooltip: { show: false },
          data: points.map((point) => [point.at, at(point.latencyMinMs)]),
        },
        {
          name: names.range,
          type: 'line',
          stack: 'range',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color: '#74c0fc', opacity: 0.25 },
          itemStyle: { color: '#74c0fc' },
          tooltip: { show: false },
          data: points.map((point) => [
            point.at,
            point.latencyMaxMs === null || point.latencyMinMs === null
              ? null
              : point.latencyMaxMs - point.latencyMinMs,
          ]),
        },
        {
          name: names.avg,
          type: 'line',
          symbol: points.length > 40 ? 'none' : 'circle',
          itemStyle: { color: '#1c7ed6' },
          connectNulls: false,
          data: points.map((point) => [point.at, at(point.latencyAvgMs)]),
        },
        {
          name: names.p95,
          type: 'line',
          symbol: points.length > 40 ? 'none' : 'circle',
          itemStyle: { color: '#f76707' },
          lineStyle: { type: 'dashed' },
          data: points.map((point) => [point.at, at(point.latencyP95Ms)]),
        },
        ...(['up', 'degraded', 'down'] as const).map((status) => ({
          name: names[status],
          type: 'bar',
          stack: 'outcomes',
          xAxisIndex: 1,
          yAxisIndex: 1,
          barMaxWidth: 12,
          itemStyle: { color: statusHex[status] },
          data: points.map((point) => [point.at, point[status]]),
        })),
      ],
    };
  }, [series, period, t, i18n.language, format, colors]);
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 340, width: '100%' }}
      opts={{ renderer: 'canvas' }}
    />
  );
}

/** The phases of the latest results (oldest on the left): DNS, connect, TLS, first byte, the rest. */
export function PhasesChart({ results }: { results: CheckResult[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const colors = useChartColors();
  const option = useMemo(() => {
    const rows = [...results].reverse();
    const timeFormat = new Intl.DateTimeFormat(i18n.language === 'it' ? 'it-IT' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const phases = [
      { key: 'dns', name: t('checks.phases.dns'), value: (row: CheckResult) => row.phases.dnsMs },
      { key: 'connect', name: t('checks.phases.connect'), value: (row: CheckResult) => row.phases.connectMs },
      { key: 'tls', name: t('checks.phases.tls'), value: (row: CheckResult) => row.phases.tlsMs },
      {
        key: 'firstByte',
        name: t('checks.phases.firstByte'),
        value: (row: CheckResult) => row.phases.firstByteMs,
      },
      {
        key: 'rest',
        name: t('checks.phases.rest'),
        value: (row: CheckResult) => {
          const known =
            (row.phases.dnsMs ?? 0) +
            (row.phases.connectMs ?? 0) +
            (row.phases.tlsMs ?? 0) +
            (row.phases.firstByteMs ?? 0);
          return Math.max(0, row.latencyMs - known);
        },
      },
    ] as const;
    return {
      backgroundColor: 'transparent',
      textStyle: { color: colors.text },
      animation: false,
      tooltip: {
        trigger: 'axis',
        confine: true,
        renderMode: 'richText',
        valueFormatter: (value: unknown) => (typeof value === 'number' ? `${format.number(value)} ms` : '—'),
      },
      legend: { top: 0, type: 'scroll', textStyle: { color: colors.text } },
      grid: { left: 64, right: 16, top: 36, bottom: 28 },
      xAxis: {
        type: 'category',
        data: rows.map((row) => timeFormat.format(row.startedAt)),
        axisLabel: { color: colors.text, hideOverlap: true },
        axisLine: { lineStyle: { color: colors.grid } },
      },
      yAxis: {
        type: 'value',
        min: 0,
        axisLabel: { color: colors.text, formatter: (value: number) => `${format.number(value)} ms` },
        splitLine: { lineStyle: { color: colors.grid } },
      },
      series: phases.map((phase) => ({
        name: phase.name,
        type: 'bar',
        stack: 'phases',
        barMaxWidth: 14,
        itemStyle: { color: phaseColors[phase.key] },
        data: rows.map((row) => phase.value(row)),
      })),
    };
  }, [results, t, i18n.language, format, colors]);
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 260, width: '100%' }}
      opts={{ renderer: 'canvas' }}
    />
  );
}
