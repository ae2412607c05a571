import { EventEmitter } from 'node:events';
import type { OutboundPolicySettings } from '../shared/contracts/settings';
import type { CheckState } from '../shared/domain/check-state';

/** The facts features tell each other, by name. Persisted effects go through an outbox, not here. */
export interface EventMap {
  'check.stateChanged': {
    checkId: number;
    fromState: CheckState;
    toState: CheckState;
    at: number;
    message: string;
  };
  'check.result': {
    checkId: number;
    status: 'up' | 'degraded' | 'down';
    at: number;
    latencyMs: number;
    message: string;
  };
  'storage.degraded': { error: string; at: number };
  /** a check was created, edited, paused or deleted: runners re-read it */
  'check.definitionChanged': { checkId: number };
  /** an admin changed where probes and webhooks may connect */
  'settings.outboundPolicyChanged': { policy: OutboundPolicySettings };
  /** a heartbeat check received a beat */
  'check.beat': { checkId: number; at: number };
  /** notification channels or rules changed, or a delivery was queued again: delivery re-reads them */
  'notifications.changed': { at: number };
  /** an incident changed (null: automatic changes caused by a check's state change) */
  'incident.changed': { incidentId: number | null; checkId?: number };
  /** a maintenance window was planned, changed or deleted: other servers reload their calendars */
  'maintenance.changed': { windowId: number };
  /** a work item or a team's workflow changed (workItemId null: the workflow, or many items) */
  'work.changed': { workItemId: number | null; teamId: number };
  /**
   * these people's unread counts changed: new notifications (emitted after commit, see
   * after-commit.ts) or notifications read; each live bell hears only whether its own person is among them
   */
  'personal.notified': { userIds: number[] };
}

/** A small typed in-process event bus; listeners run after the transaction that caused the event. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  on<K extends keyof EventMap>(name: K, listener: (event: EventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  emit<K extends keyof EventMap>(name: K, event: EventMap[K]): void {
    this.emitter.emit(name, event);
  }
}
