import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from './collaboration.api';

/** The header bell: the unread count (polled every 30 s), a link to the notification centre. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data?.unread ?? 0;
  const label =
    unread > 0 ? t('collaboration.bell.unread', { count: unread }) : t('collaboration.bell.label');
  return (
    <Tooltip label={label}>
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={16}
        disabled={unread === 0}
        offset={4}
        data-testid="bell-count"
        data-count={unread}
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
