import { describe, expect, it } from 'vitest';
import { durationsOf, stateOfMoments } from './incident-moments';

const detectedAt = 1_000_000;
const open = { detectedAt, acknowledgedAt: null, restoredAt: null, resolvedAt: null };

describe('incident moments', () => {
  it('reads the state from the latest moment reached', () => {
    expect(stateOfMoments(open)).toBe('open');
    expect(stateOfMoments({ ...open, acknowledgedAt: detectedAt + 1 })).toBe('acknowledged');
    expect(stateOfMoments({ ...open, restoredAt: detectedAt + 2 })).toBe('restored');
    expect(stateOfMoments({ ...open, acknowledgedAt: detectedAt + 1, restoredAt: detectedAt + 2 })).toBe(
      'restored',
    );
    expect(stateOfMoments({ ...open, restoredAt: detectedAt + 2, resolvedAt: detectedAt + 3 })).toBe(
      'resolved',
    );
  });

  it('measures each interval from detection, null until the later moment exists', () => {
    expect(durationsOf(open)).toEqual({ toAcknowledgeMs: null, toRestoreMs: null, toResolveMs: null });
    expect(
      durationsOf({
        detectedAt,
        acknowledgedAt: detectedAt + 60_000,
        restoredAt: detectedAt + 600_000,
        resolvedAt: detectedAt + 3_600_000,
      }),
    ).toEqual({ toAcknowledgeMs: 60_000, toRestoreMs: 600_000, toResolveMs: 3_600_000 });
    // a resolution without acknowledgement keeps that interval empty rather than inventing one
    expect(durationsOf({ ...open, restoredAt: detectedAt + 5, resolvedAt: detectedAt + 5 })).toEqual({
      toAcknowledgeMs: null,
      toRestoreMs: 5,
      toResolveMs: 5,
    });
  });
});
