import { describe, expect, it } from 'vitest';
import { appError, notFound } from './app-error';
import { phrase } from './messages';

describe('appError', () => {
  it('keeps the English message and details for logs, and the keys to say them again', () => {
    const error = appError('conflict', phrase('work.dependencyLoop', { loop: '#1 → #2 → #1' }), [
      { path: 'body.blockerId', message: phrase('work.issueDependencyLoop', { loop: '#1 → #2 → #1' }) },
      { path: 'body.other', message: 'plain English' },
    ]);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('This dependency would make a loop: #1 → #2 → #1');
    expect(error.details).toEqual([
      { path: 'body.blockerId', message: 'loop #1 → #2 → #1' },
      { path: 'body.other', message: 'plain English' },
    ]);
    expect(error.translation?.message).toMatchObject({ key: 'work.dependencyLoop' });
    expect(error.translation?.details).toEqual([
      { key: 'work.issueDependencyLoop', params: { loop: '#1 → #2 → #1' } },
      undefined,
    ]);
  });

  it('passes details that are not field issues through unchanged', () => {
    const error = appError('too_many_requests', phrase('auth.tooManySignIns', { minutes: 3 }), {
      retryAfterSeconds: 150,
    });
    expect(error.message).toBe('Too many failed sign-ins. Try again in 3 minutes.');
    expect(error.details).toEqual({ retryAfterSeconds: 150 });
  });

  it('names what was not found as before, in English', () => {
    expect(notFound('workItem').message).toBe('Work item not found');
    expect(notFound('workItem').code).toBe('not_found');
  });
});
