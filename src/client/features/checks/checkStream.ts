import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Check } from '../../../shared/contracts/checks';
import type { CheckState } from '../../../shared/domain/check-state';
import { apiBase } from '../../api/http';
import { type CheckPageAnswer, checkKeys } from './checks.api';

/** `event: state` of /checks/stream. */
export type StateEvent = {
  checkId: number;
  fromState: CheckState;
  toState: CheckState;
  at: number;
  message: string;
};
/** `event: result` of /checks/stream (at most one a second per check). */
export type ResultEvent = {
  checkId: number;
  status: 'up' | 'degraded' | 'down';
  at: number;
  latencyMs: number;
  message: string;
};

export type StreamStatus = 'connecting' | 'open' | 'closed';

type Listener = (status: StreamStatus) => void;

/**
 * One EventSource for the whole tab, opened while at least one checks page is on screen. Events
 * patch the TanStack Query cache in place (state, last message, latency) and, a moment later,
 * refetch what the patch cannot compute (lists filtered or sorted by state, figures, history).
 */
class CheckStream {
  private source: EventSource | null = null;
  private users = 0;
  private status: StreamStatus = 'closed';
  private readonly listeners = new Set<Listener>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private hasOpened = false;
  private client: QueryClient | null = null;

  acquire(client: QueryClient): void {
    this.client = client;
    this.users += 1;
    if (this.users === 1) this.open();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.close();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  private setStatus(status: StreamStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }

  private open(): void {
    if (typeof EventSource === 'undefined') return;
    this.setStatus('connecting');
    const source = new EventSource(`${apiBase}/checks/stream`, { withCredentials: true });
    this.source = source;
    source.addEventListener('hello', () => {
      // After a reconnection, events may have been missed: read everything again once.
      if (this.hasOpened) this.later('all', 0, () => this.invalidate(checkKeys.all));
      this.hasOpened = true;
      this.setStatus('open');
    });
    source.addEventListener('state', (event) => this.onState(parse<StateEvent>(event)));
    source.addEventListener('result', (event) => this.onResult(parse<ResultEvent>(event)));
    source.addEventListener('error', () => {
      // The browser reconnects by itself unless the server refused the stream (then it is closed).
      this.setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    });
  }

  private close(): void {
    this.source?.close();
    this.source = null;
    this.hasOpened = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.setStatus('closed');
  }

  private onState(event: StateEvent | null): void {
    if (!event) return;
    this.patch(event.checkId, (check) => ({
      ...check,
      state: check.isPaused ? check.state : event.toState,
      stateChangedAt: event.at,
      lastMessage: event.message || check.lastMessage,
    }));
    // Lists filtered or sorted by state may now hold other rows; the check's events gained one.
    this.later('lists', 500, () => this.invalidate(checkKeys.lists));
    this.later(`one:${event.checkId}`, 500, () => this.invalidate(checkKeys.one(event.checkId)));
  }

  private onResult(event: ResultEvent | null): void {
    if (!event) return;
    this.patch(event.checkId, (check) => ({
      ...check,
      lastResultAt: event.at,
      lastMessage: event.message,
      lastLatencyMs: event.latencyMs,
    }));
    // Figures, charts and history of an open check follow, at most every few seconds; the lists'
    // hourly sparklines at most every half minute.
    this.later(`one:${event.checkId}`, 3_000, () => this.invalidate(checkKeys.one(event.checkId)));
    this.later('sparklines', 30_000, () => this.invalidate(checkKeys.lists));
  }

  private patch(checkId: number, change: (check: Check) => Check): void {
    const client = this.client;
    if (!client) return;
    client.setQueriesData<CheckPageAnswer>({ queryKey: checkKeys.lists }, (page) =>
      page?.rows.some((row) => row.id === checkId)
        ? { ...page, rows: page.rows.map((row) => (row.id === checkId ? change(row) : row)) }
        : page,
    );
    client.setQueryData<Check>(checkKeys.one(checkId), (check) => (check ? change(check) : check));
  }

  private invalidate(queryKey: readonly unknown[]): void {
    void this.client?.invalidateQueries({ queryKey });
  }

  /** Runs `action` once after `delayMs`; later calls with the same key before then are merged. */
  private later(key: string, delayMs: number, action: () => void): void {
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, delayMs),
    );
  }
}

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

const stream = new CheckStream();

/** Keeps the live stream of check results open while the calling component is mounted. */
export function useCheckStream(): StreamStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('closed');
  useEffect(() => {
    stream.acquire(client);
    const unsubscribe = stream.subscribe(setStatus);
    return () => {
      unsubscribe();
      stream.release();
    };
  }, [client]);
  return status;
}
