import { Anchor, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActivityEntry, CommentEntityType } from '../../../shared/contracts/collaboration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { useActivity } from './collaboration.api';

type Target = { entityType: CommentEntityType; entityId: number } | { teamId: number };

type FieldChange = ActivityEntry['changes'][number];

// Audited instants are epoch milliseconds in fields named like `completedAt`.
const isInstantField = (field: string) => field.endsWith('At');
// Due and start dates are calendar days ("2026-11-17"), shown in the UI language's format.
const isCalendarDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A value of a field change as short text: a referred name, a date, yes/no, or cut JSON. */
function useValueText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (field: string, value: unknown, label: string | undefined): string => {
    if (label !== undefined) return label;
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('activity.yes') : t('activity.no');
    if (typeof value === 'number' && isInstantField(field)) return format.dateTime(value);
    if (typeof value === 'string' && isCalendarDay(value)) return format.date(value);
    // Closed lists (priority 1–4, a work item's type) have words; other values are shown as stored.
    if (typeof value === 'number' || typeof value === 'string') {
      const word = t(`activity.values.${field}.${value}`, { defaultValue: '' });
      if (word) return word;
    }
    if (Array.isArray(value) && value.every((one) => typeof one === 'string')) return value.join(', ');
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };
}

function ChangeLine({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const valueText = useValueText();
  return (
    <Text size="xs" style={{ wordBreak: 'break-word' }} data-testid="activity-change">
      {t('collaboration.activity.changed', {
        field: t(`activity.fields.${change.field}`, { defaultValue: change.field }),
        before: valueText(change.field, change.before, change.beforeLabel),
        after: valueText(change.field, change.after, change.afterLabel),
      })}
    </Text>
  );
}

/**
 * Whether an entry lists its field changes. A comment's text is in the thread. In a team feed
 * (entries name their entity) a creation's fields would bury the changes: its link leads to them.
 */
function showsChanges(entry: ActivityEntry): boolean {
  if (entry.action.startsWith('comment.')) return false;
  const isCreation = /^[a-zA-Z]+\.(create|submit)$/.test(entry.action);
  return !(isCreation && entry.entityTitle !== null);
}

function ActivityLine({ entry }: { entry: ActivityEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The older keys under collaboration.activity come first; then the wider list; then the raw name.
  const label = t(`collaboration.activity.actions.${entry.action}`, {
    defaultValue: t(`activity.actions.${entry.action}`, { defaultValue: entry.action }),
  });
  return (
    <Timeline.Item
      title={
        <Text size="sm">
          <Text span fw={600}>
            {entry.actorLabel}
          </Text>{' '}
          {label}
          {entry.entityTitle !== null && (
            <>
              {' '}
              {entry.entityLink ? (
                <Anchor component={Link} to={entry.entityLink} size="sm">
                  {t('activity.on', { title: entry.entityTitle })}
                </Anchor>
              ) : (
                t('activity.on', { title: entry.entityTitle })
              )}
            </>
          )}
        </Text>
      }
      data-testid="activity-entry"
    >
      <Text size="xs" c="dimmed">
        {format.dateTime(entry.at)}
      </Text>
      {!showsChanges(entry)
        ? null
        : entry.changes.slice(0, 8).map((change) => <ChangeLine key={change.field} change={change} />)}
    </Timeline.Item>
  );
}

/** Who did what and when to an entity (or to a team's entities), from the audit log. */
export function ActivityFeed(props: Target) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const activity = useActivity(props, page);
  return (
    <Paper withBorder p="md" data-testid="activity-feed">
      <Title order={2} size="h4" mb="md">
        {t('collaboration.activity.title')}
      </Title>
      {activity.isError && <ErrorAlert error={activity.error} />}
      <Stack gap="xs">
        {activity.data?.rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('collaboration.activity.empty')}
          </Text>
        )}
        {activity.data && activity.data.rows.length > 0 && (
          <Timeline bulletSize={12} lineWidth={2}>
            {activity.data.rows.map((entry) => (
              <ActivityLine key={entry.id} entry={entry} />
            ))}
          </Timeline>
        )}
        {activity.data && activity.data.total > activity.data.pageSize && (
          <Pager total={activity.data.total} page={page} pageSize={activity.data.pageSize} onPage={setPage} />
        )}
      </Stack>
    </Paper>
  );
}
