import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unreadPollMs, useUnreadCount } from './collaboration.api';
import { useNotificationStream } from './notificationStream';

// While the live stream is open it carries every change; a slow poll stays as a safety net for a
// stream that silently stalls (a proxy that buffers, a server that lost its relay).
const livePollMs = 5 * 60_000;

/** The header bell: the live unread count, a link to the notification centre. */
export function NotificationBell() {
  const { t } = useTranslation();
  const stream = useNotificationStream();
  const unread = useUnreadCount(stream === 'open' ? livePollMs : unreadPollMs).data?.unread ?? 0;
  const label =
    unread > 0 ? t('collaboration.bell.unread', { count: unread }) : t('collaboration.bell.label');
  return (
    // Shown on keyboard focus as well as on hover: the count is worth reading without a mouse.
    <Tooltip label={label} events={{ hover: true, focus: true, touch: false }}>
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={16}
        disabled={unread === 0}
        offset={4}
        data-testid="bell-count"
        data-count={unread}
        data-live={stream === 'open'}
      >
        <ActionIcon
          component={Link}
          to="/inbox"
          variant="default"
          size="lg"
          aria-label={label}
          data-testid="bell"
        >
          <IconBell size={18} stroke={1.6} />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
