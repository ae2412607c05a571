import { describe, expect, it } from 'vitest';
import { positiveInt, readDirection, readSort, withChange } from './listParams';

describe('positiveInt', () => {
  it('reads whole numbers above zero and nothing else', () => {
    expect(positiveInt('7')).toBe(7);
    expect(positiveInt('0')).toBeUndefined();
    expect(positiveInt('-2')).toBeUndefined();
    expect(positiveInt('1.5')).toBeUndefined();
    expect(positiveInt('abc')).toBeUndefined();
    expect(positiveInt(null)).toBeUndefined();
  });
});

describe('readSort', () => {
  const fields = ['name', 'dueAt'] as const;

  it('keeps an allowed column', () => {
    expect(readSort(new URLSearchParams('sort=dueAt'), fields, 'name')).toBe('dueAt');
  });

  it('falls back for a missing or unknown column', () => {
    expect(readSort(new URLSearchParams(''), fields, 'name')).toBe('name');
    expect(readSort(new URLSearchParams('sort=password'), fields, 'dueAt')).toBe('dueAt');
  });
});

describe('readDirection', () => {
  it('takes the opposite of the fallback only when asked for it', () => {
    expect(readDirection(new URLSearchParams('direction=desc'), 'asc')).toBe('desc');
    expect(readDirection(new URLSearchParams('direction=asc'), 'desc')).toBe('asc');
    expect(readDirection(new URLSearchParams('direction=sideways'), 'desc')).toBe('desc');
    expect(readDirection(new URLSearchParams(''), 'asc')).toBe('asc');
  });
});

describe('withChange', () => {
  const params = new URLSearchParams('q=db&kind=server&page=3');

  it('sets values, removes empty ones and goes back to page one', () => {
    const next = withChange(params, { kind: '', state: 'down' }, true);
    expect(next.toString()).toBe('q=db&state=down');
  });

  it('keeps the page when only the page changes', () => {
    expect(withChange(params, { page: '4' }, false).get('page')).toBe('4');
  });

  it('leaves the given parameters untouched', () => {
    withChange(params, { q: '' }, true);
    expect(params.toString()).toBe('q=db&kind=server&page=3');
  });
});
