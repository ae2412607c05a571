import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { UnreadCount } from '../../../shared/contracts/collaboration';
import { apiBase } from '../../api/http';
import { collaborationKeys } from './collaboration.api';

export type NotificationStreamStatus = 'connecting' | 'open' | 'closed';

/**
 * Keeps the caller's live notification stream open while mounted: each `unread` event (sent when
 * the stream opens and whenever the person gets new notifications) sets the bell's count and
 * refreshes the notification lists on screen. `closed` means the server refused the stream (too
 * many open, signed out) or the browser has no EventSource: the caller should poll.
 */
export function useNotificationStream(): NotificationStreamStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<NotificationStreamStatus>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStatus('closed');
      return;
    }
    const source = new EventSource(`${apiBase}/me/notifications/stream`, { withCredentials: true });
    setStatus('connecting');
    source.addEventListener('unread', (event) => {
      const count = parseUnread(event);
      if (!count) return;
      setStatus('open');
      client.setQueryData<UnreadCount>(collaborationKeys.unread, count);
      void client.invalidateQueries({ queryKey: [...collaborationKeys.inbox, 'list'] });
    });
    source.addEventListener('error', () => {
      // The browser reconnects by itself unless the server refused the stream (then it is closed).
      setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    });
    return () => source.close();
  }, [client]);
  return status;
}

function parseUnread(event: Event): UnreadCount | null {
  try {
    const data = JSON.parse((event as MessageEvent<string>).data) as UnreadCount;
    return typeof data.unread === 'number' ? data : null;
  } catch {
    return null;
  }
}
