import { describe, expect, it } from 'vitest';
import { likePattern, numberTyped } from './text-search';

describe('text search helpers', () => {
  it('escapes LIKE wildcards and lowers the case', () => {
    expect(likePattern('50%_Off!')).toBe('%50!%!_off!!%');
  });

  it('reads a number typed with or without #, and nothing else', () => {
    expect(numberTyped('#12')).toBe(12);
    expect(numberTyped(' 7 ')).toBe(7);
    expect(numberTyped('12a')).toBeUndefined();
    expect(numberTyped('#')).toBeUndefined();
    expect(numberTyped('1234567890')).toBeUndefined();
  });
});
