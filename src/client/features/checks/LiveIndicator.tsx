import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StreamStatus } from './checkStream';

/** Says whether the page is receiving live results. */
export function LiveIndicator({ status }: { status: StreamStatus }) {
  const { t } = useTranslation();
  const isOpen = status === 'open';
  return (
    <Tooltip label={isOpen ? t('checks.live.openHint') : t('checks.live.closedHint')}>
      <Badge
        variant="dot"
        color={isOpen ? 'green' : status === 'connecting' ? 'yellow' : 'gray'}
        size="lg"
        style={{ textTransform: 'none' }}
        data-testid="live-indicator"
        data-status={status}
      >
        {isOpen
          ? t('checks.live.open')
          : status === 'connecting'
            ? t('checks.live.connecting')
            : t('checks.live.closed')}
      </Badge>
    </Tooltip>
  );
}
