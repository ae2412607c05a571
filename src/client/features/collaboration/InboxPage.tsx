import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PersonalNotification } from '../../../shared/contracts/collaboration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { useInbox, useMarkRead } from './collaboration.api';

function NotificationRow({ notification }: { notification: PersonalNotification }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const mark = useMarkRead();
  const isUnread = notification.readAt === null;
  // Opening a notification marks it read, then goes to what it is about.
  const open = () => {
    if (isUnread) mark.one.mutate(notification.id);
    void navigate(notification.link);
  };
  return (
    <Paper
      withBorder
      p="sm"
      bg={isUnread ? 'var(--mantine-primary-color-light)' : undefined}
      data-testid="inbox-notification"
      data-unread={isUnread}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge size="sm" variant={isUnread ? 'filled' : 'light'}>
              {t(`collaboration.kinds.${notification.kind}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {t(`collaboration.entities.${notification.entityType}`)} ·{' '}
              {format.dateTime(notification.createdAt)}
            </Text>
          </Group>
          <Anchor
            component="button"
            type="button"
            ta="left"
            fw={isUnread ? 700 : 500}
            onClick={open}
            data-testid="inbox-open"
          >
            {notification.actor ? `${notification.actor.name}: ` : ''}
            {notification.title}
          </Anchor>
          {notification.body !== '' && (
            <Text size="sm" c="dimmed" lineClamp={2} style={{ wordBreak: 'break-word' }}>
              {bodyText(notification, t)}
            </Text>
          )}
        </Stack>
        {isUnread && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => mark.one.mutate(notification.id)}
            data-testid="inbox-mark-read"
          >
            {t('collaboration.inbox.markRead')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** The notification centre: the caller's notifications, newest first, to open and mark read. */
const requestStatuses = ['submitted', 'triage', 'accepted', 'merged', 'declined', 'resolved'] as const;

/**
 * The text under a notification. A request's status change comes as `status` or `status: note`
 * (the server stores the fact, not a sentence): its status is said in the reader's language.
 */
function bodyText(notification: PersonalNotification, t: TFunction): string {
  if (notification.entityType !== 'request' || notification.kind !== 'stateChange') return notification.body;
  const [status, ...rest] = notification.body.split(': ');
  const known = requestStatuses.find((one) => one === status);
  if (!known) return notification.body;
  const label = t(`requests.statuses.${known}`);
  return rest.length > 0 ? `${label}: ${rest.join(': ')}` : label;
}

export function InboxPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [isUnread, setUnread] = useState(false);
  const inbox = useInbox(page, isUnread);
  const mark = useMarkRead();
  return (
    <>
      <PageHeader
        title={t('collaboration.inbox.title')}
        actions={
          <Button
            variant="default"
            loading={mark.all.isPending}
            onClick={() =>
              mark.all.mutate(undefined, {
                onSuccess: () => notifications.show({ message: t('collaboration.inbox.allRead') }),
              })
            }
            data-testid="inbox-mark-all"
          >
            {t('collaboration.inbox.markAllRead')}
          </Button>
        }
      />
      <Text c="dimmed" mb="md">
        {t('collaboration.inbox.intro')}
      </Text>
      <Switch
        mb="md"
        label={t('collaboration.inbox.unreadOnly')}
        checked={isUnread}
        onChange={(event) => {
          setUnread(event.currentTarget.checked);
          setPage(1);
        }}
        data-testid="inbox-unread-only"
      />
      {inbox.isError && <ErrorAlert error={inbox.error} />}
      <Stack gap="xs" data-testid="inbox">
        {inbox.data?.rows.length === 0 && <Text c="dimmed">{t('collaboration.inbox.empty')}</Text>}
        {inbox.data?.rows.map((notification) => (
          <NotificationRow key={notification.id} notification={notification} />
        ))}
      </Stack>
      {inbox.data && (
        <Pager total={inbox.data.total} page={page} pageSize={inbox.data.pageSize} onPage={setPage} />
      )}
    </>
  );
}
