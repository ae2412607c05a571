import { describe, expect, it } from 'vitest';
import { checkBody, readJsonPath, testRegex } from './body-assertions';

describe('body assertions', () => {
  it('stops a catastrophic regular expression after about 50 ms, then keeps working', () => {
    const started = performance.now();
    expect(testRegex('(a+)+$', `${'a'.repeat(50)}!`)).toEqual({ kind: 'tooSlow' });
    // 50 ms limit; the margin is for test files running in parallel on a busy machine.
    expect(performance.now() - started).toBeLessThan(250);
    expect(testRegex('^a+!$', `${'a'.repeat(50)}!`)).toEqual({ kind: 'matched' });
    expect(testRegex('^b', 'abc')).toEqual({ kind: 'notMatched' });
  });

  it('never runs the pattern or the body as code', () => {
    expect(testRegex('process.exit(1)', 'x')).toEqual({ kind: 'notMatched' });
    expect(testRegex("'); process.exit(1); ('", 'x')).toMatchObject({ kind: 'invalid' });
    expect(testRegex('x', "'); throw new Error('no'); ('")).toEqual({ kind: 'notMatched' });
  });

  it('follows only own properties in a JSON document', () => {
    expect(readJsonPath({ a: [{ b: 1 }] }, ['a', 0, 'b'])).toEqual({ found: true, value: 1 });
    expect(readJsonPath({}, ['constructor'])).toEqual({ found: false });
    expect(readJsonPath({ a: 'text' }, ['a', 'length'])).toEqual({ found: false });
    expect(readJsonPath([1], ['0'])).toEqual({ found: false });
  });

  it('reports the first failing assertion', () => {
    expect(checkBody({ keyword: 'OK', keywordAbsent: false }, 'status: OK', false)).toBeNull();
    expect(checkBody({ keyword: 'OK', keywordAbsent: false, regex: '^status' }, 'OK', false)).toBe(
      'body does not match /^status/',
    );
    expect(
      checkBody({ keywordAbsent: false, jsonPath: { path: '$.ok', equals: true } }, '{"ok":false}', false),
    ).toBe('JSON path $.ok is false (expected true)');
    expect(checkBody({ keywordAbsent: false, jsonPath: { path: '$.ok' } }, '{"ok":', true)).toBe(
      'body is not valid JSON (cut at the size limit)',
    );
  });
});
