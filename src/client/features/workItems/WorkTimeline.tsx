import {
  ActionIcon,
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  ScrollArea,
  SegmentedControl,
  Text,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconLink } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { type KeyboardEvent, type PointerEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Timeline, WorkItemSummary } from '../../../shared/contracts/work-items';
import { addDays, daysBetween } from '../../../shared/domain/calendar-dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useAddDependency, useTimeline } from './workItems.api';

/**
 * Drawn as plain SVG rather than an ECharts custom series: every bar is a DOM element that takes
 * keyboard focus, carries an accessible name and a test id, and the end handle is a real drag target;
 * a canvas chart would need all of that rebuilt on top of it.
 */

export type TimelineZoom = 'week' | 'month' | 'quarter';

/** Pixels per day and days shown for each zoom. */
const zooms: Record<TimelineZoom, { dayWidth: number; days: number }> = {
  week: { dayWidth: 36, days: 42 },
  month: { dayWidth: 12, days: 120 },
  quarter: { dayWidth: 4, days: 370 },
};
const rowHeight = 30;
const headerHeight = 34;
const labelWidth = 260;

interface Row {
  item: WorkItemSummary;
  depth: number;
  start: string;
  end: string;
}

const today = () => dayjs().format('YYYY-MM-DD');

/** Projects and milestones first-level, their children right under them; the others by date. */
export function timelineRowsOf(timeline: Timeline): Row[] {
  const ids = new Set(timeline.items.map((item) => item.id));
  const children = new Map<number, WorkItemSummary[]>();
  for (const item of timeline.items) {
    if (item.parentId !== null && ids.has(item.parentId)) {
      children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
    }
  }
  const startOf = (item: WorkItemSummary) =>
    item.startDate ??
    (item.dueDate && item.type === 'milestone' ? item.dueDate : dayjs(item.createdAt).format('YYYY-MM-DD'));
  const byStart = (a: WorkItemSummary, b: WorkItemSummary) =>
    startOf(a).localeCompare(startOf(b)) || a.id - b.id;
  const rows: Row[] = [];
  const seen = new Set<number>();
  const visit = (item: WorkItemSummary, depth: number) => {
    if (seen.has(item.id)) return;
    seen.add(item.id);
    const start = startOf(item);
    const end = item.dueDate && item.dueDate >= start ? item.dueDate : start;
    rows.push({ item, depth, start, end });
    for (const child of [...(children.get(item.id) ?? [])].sort(byStart)) visit(child, depth + 1);
  };
  const roots = timeline.items.filter((item) => item.parentId === null || !ids.has(item.parentId));
  for (const root of roots.sort(byStart)) visit(root, 0);
  return rows;
}

const barColors: Record<string, string> = {
  triage: 'var(--mantine-color-gray-5)',
  todo: 'var(--mantine-color-blue-4)',
  in_progress: 'var(--mantine-color-teal-5)',
  done: 'var(--mantine-color-green-7)',
};

/** A team's timeline: bars from start to due date, milestones, dependency arrows, today line, zoom. */
export function WorkTimeline({ teamId }: { teamId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [zoom, setZoom] = useState<TimelineZoom>('month');
  const { dayWidth, days } = zooms[zoom];
  // The window opens a little before today so recent work shows.
  const [from, setFrom] = useState(() => addDays(today(), -14));
  const to = addDays(from, days - 1);
  const timeline = useTimeline(teamId, from, to);
  const addDependency = useAddDependency();
  const [selected, setSelected] = useState<number[]>([]);
  const [drag, setDrag] = useState<{ fromId: number; x1: number; y1: number; x2: number; y2: number } | null>(
    null,
  );
  const [notice, setNotice] = useState<string | null>(null);

  if (timeline.isPending) return <PageLoader />;
  if (timeline.isError) return <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;

  const data = timeline.data;
  const rows = timelineRowsOf(data);
  const rowIndex = new Map(rows.map((row, index) => [row.item.id, index]));
  const width = days * dayWidth;
  // Room under the last row for the horizontal scrollbar.
  const height = headerHeight + rows.length * rowHeight + 20;
  const xOf = (date: string) => daysBetween(from, date) * dayWidth;
  const yOf = (index: number) => headerHeight + index * rowHeight + rowHeight / 2;
  const titleOf = (id: number) => {
    const row = rows[rowIndex.get(id) ?? -1];
    return row ? `#${id} ${row.item.title}` : `#${id}`;
  };

  const link = (blockerId: number, blockedId: number) => {
    setNotice(null);
    if (blockerId === blockedId) return;
    addDependency.mutate(
      { blockerId, blockedId },
      {
        onSuccess: () => {
          setSelected([]);
          setNotice(
            t('workItems.timeline.added', { blocker: titleOf(blockerId), blocked: titleOf(blockedId) }),
          );
        },
      },
    );
  };
  const toggle = (id: number) => {
    addDependency.reset();
    setSelected((current) =>
      current.includes(id) ? current.filter((one) => one !== id) : [...current, id].slice(-2),
    );
  };
  const onBarKey = (event: KeyboardEvent, id: number) => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      toggle(id);
    } else if (event.key === 'o') {
      void navigate(`/work-items/${id}`);
    } else if (event.key === 'Escape') {
      setSelected([]);
    }
  };

  // Dragging from a bar's end handle onto another bar records "this one blocks that one".
  const svgPoint = (event: PointerEvent) => {
    const box = (event.currentTarget as Element).closest('svg')?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
  };
  const onHandleDown = (event: PointerEvent, row: Row, index: number) => {
    event.stopPropagation();
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    const x1 = xOf(row.end) + dayWidth;
    setDrag({ fromId: row.item.id, x1, y1: yOf(index), x2: x1, y2: yOf(index) });
  };
  const onHandleMove = (event: PointerEvent) => {
    if (!drag) return;
    const point = svgPoint(event);
    setDrag({ ...drag, x2: point.x, y2: point.y });
  };
  const onHandleUp = (event: PointerEvent) => {
    if (!drag) return;
    const target = document
      .elementsFromPoint(event.clientX, event.clientY)
      .map((element) => element.closest('[data-bar-id]'))
      .find((element) => element !== null);
    const blockedId = Number(target?.getAttribute('data-bar-id'));
    if (Number.isInteger(blockedId) && blockedId > 0 && blockedId !== drag.fromId)
      link(drag.fromId, blockedId);
    setDrag(null);
  };

  const ticks = ticksOf(from, days, zoom);
  const todayX = xOf(today());
  const [first, second] = selected;

  return (
    <Box data-testid="work-timeline">
      <Group mb="sm" gap="sm" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={zoom}
          onChange={(value) => setZoom(value as TimelineZoom)}
          data={(['week', 'month', 'quarter'] as const).map((value) => ({
            value,
            label: t(`workItems.timeline.zoom.${value}`),
          }))}
          aria-label={t('workItems.timeline.zoomLabel')}
        />
        <ActionIcon
          variant="default"
          aria-label={t('workItems.timeline.earlier')}
          onClick={() => setFrom(addDays(from, -Math.round(days / 2)))}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Button size="xs" variant="default" onClick={() => setFrom(addDays(today(), -Math.round(days / 6)))}>
          {t('workItems.timeline.today')}
        </Button>
        <ActionIcon
          variant="default"
          aria-label={t('workItems.timeline.later')}
          onClick={() => setFrom(addDays(from, Math.round(days / 2)))}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
        <Text size="sm" c="dimmed">
          {first === undefined
            ? t('workItems.timeline.selectHint')
            : second === undefined
              ? t('workItems.timeline.selectSecond', { blocker: titleOf(first) })
              : t('workItems.timeline.selectedPair', { blocker: titleOf(first), blocked: titleOf(second) })}
        </Text>
        <Button
          size="xs"
          leftSection={<IconLink size={14} />}
          disabled={!data.canChange || first === undefined || second === undefined}
          loading={addDependency.isPending}
          onClick={() => first !== undefined && second !== undefined && link(first, second)}
          data-testid="timeline-add-dependency"
        >
          {t('workItems.timeline.addDependency')}
        </Button>
        {selected.length > 0 && (
          <Button size="xs" variant="subtle" onClick={() => setSelected([])}>
            {t('workItems.cancel')}
          </Button>
        )}
      </Group>
      {addDependency.isError && (
        <Alert
          color="red"
          mb="sm"
          withCloseButton
          onClose={() => addDependency.reset()}
          data-testid="timeline-refusal"
        >
          {addDependency.error.message}
        </Alert>
      )}
      {notice && (
        <Alert
          color="green"
          mb="sm"
          withCloseButton
          onClose={() => setNotice(null)}
          data-testid="timeline-notice"
        >
          {notice}
        </Alert>
      )}
      {data.isTruncated && (
        <Alert color="yellow" mb="sm">
          {t('workItems.timeline.truncated', { count: data.items.length })}
        </Alert>
      )}
      {rows.length === 0 && <Text c="dimmed">{t('workItems.timeline.empty')}</Text>}
      <Group align="flex-start" gap={0} wrap="nowrap">
        <Box w={labelWidth} style={{ flexShrink: 0 }} pt={headerHeight}>
          {rows.map((row) => (
            <Box
              key={row.item.id}
              h={rowHeight}
              pl={8 + row.depth * 16}
              style={{
                overflow: 'hidden',
                whiteSpace: 'nowrap',
                textOverflow: 'ellipsis',
                lineHeight: `${rowHeight}px`,
              }}
            >
              <Anchor
                component={Link}
                to={`/work-items/${row.item.id}`}
                size="sm"
                fw={row.depth === 0 ? 600 : 400}
              >
                #{row.item.id} {row.item.title}
              </Anchor>
            </Box>
          ))}
        </Box>
        <ScrollArea type="auto" style={{ flex: 1 }}>
          {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a fieldset; the role names it */}
          <svg
            width={width}
            height={height}
            role="group"
            aria-label={t('workItems.timeline.title')}
            onPointerMove={onHandleMove}
            onPointerUp={onHandleUp}
            style={{ display: 'block', userSelect: 'none', touchAction: 'none' }}
          >
            <defs>
              <marker
                id="timeline-arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--mantine-color-dark-3)" />
              </marker>
            </defs>
            {ticks.map((tick) => (
              <g key={tick.date}>
                <line
                  x1={xOf(tick.date)}
                  x2={xOf(tick.date)}
                  y1={0}
                  y2={height}
                  stroke="var(--mantine-color-default-border)"
                />
                <text x={xOf(tick.date) + 3} y={14} fontSize={11} fill="var(--mantine-color-dimmed)">
                  {tick.label}
                </text>
              </g>
            ))}
            {todayX >= 0 && todayX <= width && (
              <line
                x1={todayX + dayWidth / 2}
                x2={todayX + dayWidth / 2}
                y1={headerHeight - 10}
                y2={height}
                stroke="var(--mantine-color-red-6)"
                strokeDasharray="4 3"
                data-testid="timeline-today"
              >
                <title>{t('workItems.timeline.today')}</title>
              </line>
            )}
            {data.dependencies.map((edge) => {
              const blocker = rowIndex.get(edge.blockerId);
              const blocked = rowIndex.get(edge.blockedId);
              const blockerRow = blocker === undefined ? undefined : rows[blocker];
              const blockedRow = blocked === undefined ? undefined : rows[blocked];
              if (blocker === undefined || blocked === undefined || !blockerRow || !blockedRow) return null;
              const x1 = xOf(blockerRow.end) + dayWidth;
              const x2 = xOf(blockedRow.start);
              const y1 = yOf(blocker);
              const y2 = yOf(blocked);
              // Out of the blocker's end, down (or up) to the blocked row, into its start.
              const elbow = x1 + 8;
              return (
                <path
                  key={`${edge.blockerId}-${edge.blockedId}`}
                  d={`M ${x1} ${y1} H ${elbow} V ${y2} H ${x2}`}
                  fill="none"
                  stroke="var(--mantine-color-dark-3)"
                  strokeWidth={1.5}
                  markerEnd="url(#timeline-arrow)"
                  data-testid={`timeline-dependency-${edge.blockerId}-${edge.blockedId}`}
                >
                  <title>
                    {t('workItems.timeline.blocks', {
                      blocker: titleOf(edge.blockerId),
                      blocked: titleOf(edge.blockedId),
                    })}
                  </title>
                </path>
              );
            })}
            {rows.map((row, index) => {
              const isSelected = selected.includes(row.item.id);
              const y = yOf(index);
              const x = xOf(row.start);
              const barWidth = Math.max(dayWidth, xOf(row.end) - x + dayWidth);
              const isMilestone = row.item.type === 'milestone';
              const isPoint = !isMilestone && row.item.dueDate === null;
              const color =
                row.item.deadline === 'overdue' ? 'var(--mantine-color-red-6)' : barColors[row.item.category];
              const label = t('workItems.timeline.barLabel', {
                title: titleOf(row.item.id),
                start: row.start,
                end: row.end,
              });
              const half = 8;
              const markerX = xOf(row.end) + dayWidth / 2;
              return (
                // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the shape takes focus and keys itself
                <g
                  key={row.item.id}
                  data-bar-id={row.item.id}
                  data-testid={`timeline-bar-${row.item.id}`}
                  role="button"
                  tabIndex={0}
                  aria-pressed={isSelected}
                  aria-label={label}
                  onClick={() => toggle(row.item.id)}
                  onDoubleClick={() => void navigate(`/work-items/${row.item.id}`)}
                  onKeyDown={(event) => onBarKey(event, row.item.id)}
                  style={{ cursor: 'pointer', outline: 'none' }}
                >
                  <title>{label}</title>
                  {isMilestone ? (
                    <path
                      d={`M ${markerX} ${y - half} L ${markerX + half} ${y} L ${markerX} ${y + half} L ${markerX - half} ${y} Z`}
                      fill={color}
                      stroke={isSelected ? 'var(--mantine-color-yellow-6)' : 'var(--mantine-color-dark-4)'}
                      strokeWidth={isSelected ? 3 : 1}
                    />
                  ) : isPoint ? (
                    <circle
                      cx={x + dayWidth / 2}
                      cy={y}
                      r={6}
                      fill={color}
                      stroke={isSelected ? 'var(--mantine-color-yellow-6)' : 'none'}
                      strokeWidth={3}
                    />
                  ) : (
                    <rect
                      x={x}
                      y={y - 9}
                      width={barWidth}
                      height={18}
                      rx={4}
                      fill={color}
                      fillOpacity={row.item.type === 'project' ? 0.55 : 0.9}
                      stroke={isSelected ? 'var(--mantine-color-yellow-6)' : 'none'}
                      strokeWidth={3}
                    />
                  )}
                  {data.canChange && (
                    <circle
                      cx={isMilestone ? markerX + half + 4 : x + barWidth}
                      cy={y}
                      r={5}
                      fill="var(--mantine-color-body)"
                      stroke="var(--mantine-color-dark-3)"
                      style={{ cursor: 'crosshair' }}
                      onPointerDown={(event) => onHandleDown(event, row, index)}
                      data-testid={`timeline-handle-${row.item.id}`}
                    >
                      <title>{t('workItems.timeline.dragHint')}</title>
                    </circle>
                  )}
                </g>
              );
            })}
            {drag && (
              <line
                x1={drag.x1}
                y1={drag.y1}
                x2={drag.x2}
                y2={drag.y2}
                stroke="var(--mantine-color-yellow-7)"
                strokeWidth={2}
                markerEnd="url(#timeline-arrow)"
              />
            )}
          </svg>
        </ScrollArea>
      </Group>
    </Box>
  );
}

/** Grid lines and their labels: days in the week zoom, Mondays in the month zoom, months in the quarter zoom. */
function ticksOf(from: string, days: number, zoom: TimelineZoom): { date: string; label: string }[] {
  const ticks: { date: string; label: string }[] = [];
  for (let offset = 0; offset < days; offset += 1) {
    const day = dayjs(addDays(from, offset));
    if (zoom === 'week') ticks.push({ date: day.format('YYYY-MM-DD'), label: day.format('DD/MM') });
    if (zoom === 'month' && day.day() === 1)
      ticks.push({ date: day.format('YYYY-MM-DD'), label: day.format('DD/MM') });
    if (zoom === 'quarter' && day.date() === 1)
      ticks.push({ date: day.format('YYYY-MM-DD'), label: day.format('MM/YYYY') });
  }
  return ticks;
}
