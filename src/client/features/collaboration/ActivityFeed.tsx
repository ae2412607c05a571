import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry, CommentEntityType } from '../../../shared/contracts/collaboration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { useActivity } from './collaboration.api';

type Target = { entityType: CommentEntityType; entityId: number } | { teamId: number };

/** A value of a field change as short text (objects as JSON, long text cut). */
function shortValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function ActivityLine({ entry }: { entry: ActivityEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const key = `collaboration.activity.actions.${entry.action}`;
  const label = t(key, { defaultValue: entry.action });
  return (
    <Timeline.Item
      title={
        <Text size="sm">
          <Text span fw={600}>
            {entry.actorLabel}
          </Text>{' '}
          {label}
        </Text>
      }
      data-testid="activity-entry"
    >
      <Text size="xs" c="dimmed">
        {format.dateTime(entry.at)}
      </Text>
      {entry.action.startsWith('comment.')
        ? null
        : entry.changes.slice(0, 8).map((change) => (
            <Text key={change.field} size="xs" style={{ wordBreak: 'break-word' }}>
              {t('collaboration.activity.changed', {
                field: change.field,
                before: shortValue(change.before),
                after: shortValue(change.after),
              })}
            </Text>
          ))}
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
      <Title order={4} mb="md">
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
