import vm from 'node:vm';
import {
  type HttpCheckSettings,
  type JsonPathAssertion,
  type JsonPathSegment,
  parseJsonPath,
} from '../../../../shared/contracts/check-kinds';

/** How long a regular expression may run against one body before the check gives up. */
export const regexTimeLimitMs = 50;

// One context, reused: only data (pattern and text) crosses into it and the script is fixed, so no
// user code runs there; the time limit is what protects the event loop from catastrophic backtracking.
const regexContext = vm.createContext({ pattern: '', input: '' });
const regexScript = new vm.Script(
  // The empty match afterwards resets RegExp's legacy statics, which would otherwise keep the body.
  '(function () { var matched = new RegExp(pattern).test(input); /(?:)/.test(""); return matched; })()',
);

/** Outcome of a bounded regular expression test. */
export type RegexOutcome =
  | { kind: 'matched' }
  | { kind: 'notMatched' }
  | { kind: 'tooSlow' }
  | { kind: 'invalid'; reason: string };

/** Tests `pattern` against `text` with a time limit, so a pathological pattern cannot block the server. */
export function testRegex(pattern: string, text: string, timeLimitMs = regexTimeLimitMs): RegexOutcome {
  regexContext.pattern = pattern;
  regexContext.input = text;
  try {
    const matched: unknown = regexScript.runInContext(regexContext, { timeout: timeLimitMs });
    return matched === true ? { kind: 'matched' } : { kind: 'notMatched' };
  } catch (error) {
    if (
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
    ) {
      return { kind: 'tooSlow' };
    }
    return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    // Drop the body from the context at once, even when the script was interrupted.
    regexContext.pattern = '';
    regexContext.input = '';
  }
}

/** Reads the value at a parsed JSON path; only own properties are followed (no prototype walking). */
export function readJsonPath(
  document: unknown,
  segments: JsonPathSegment[],
): { found: true; value: unknown } | { found: false } {
  let current: unknown = document;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (
        typeof current !== 'object' ||
        current === null ||
        Array.isArray(current) ||
        !Object.hasOwn(current, segment)
      ) {
        return { found: false };
      }
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function isEqual(actual: unknown, expected: string | number | boolean): boolean {
  if (typeof actual === typeof expected) return actual === expected;
  // Gatus and Kuma compare as text across types: "200" equals 200.
  return ['string', 'number', 'boolean'].includes(typeof actual) && String(actual) === String(expected);
}

/** Checks a JSON path assertion; returns a failure message, or null when it holds. */
export function checkJsonPath(
  body: string,
  assertion: JsonPathAssertion,
  isTruncated: boolean,
): string | null {
  const segments = parseJsonPath(assertion.path);
  if (!segments) return `JSON path ${assertion.path} is not supported`;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return isTruncated ? 'body is not valid JSON (cut at the size limit)' : 'body is not valid JSON';
  }
  const found = readJsonPath(document, segments);
  if (assertion.exists === false)
    return found.found ? `JSON path ${assertion.path} is present (expected absent)` : null;
  if (!found.found) return `JSON path ${assertion.path} not found`;
  if (assertion.equals !== undefined && !isEqual(found.value, assertion.equals)) {
    return `JSON path ${assertion.path} is ${preview(found.value)} (expected ${preview(assertion.equals)})`;
  }
  return null;
}

/** Runs the keyword, regex and JSON path assertions of an HTTP check; the first failure's message, or null. */
export function checkBody(
  settings: Pick<HttpCheckSettings, 'keyword' | 'keywordAbsent' | 'regex' | 'jsonPath'>,
  body: string,
  isTruncated: boolean,
): string | null {
  const within = isTruncated ? ' (in the part read before the size limit)' : '';
  if (settings.keyword !== undefined) {
    const isPresent = body.includes(settings.keyword);
    if (settings.keywordAbsent && isPresent) return `keyword '${settings.keyword}' found`;
    if (!settings.keywordAbsent && !isPresent) return `keyword '${settings.keyword}' not found${within}`;
  }
  if (settings.regex !== undefined) {
    const outcome = testRegex(settings.regex, body);
    if (outcome.kind === 'tooSlow') return 'regular expression took too long';
    if (outcome.kind === 'invalid') return `invalid regular expression: ${outcome.reason}`;
    if (outcome.kind === 'notMatched') return `body does not match /${settings.regex}/${within}`;
  }
  if (settings.jsonPath !== undefined) return checkJsonPath(body, settings.jsonPath, isTruncated);
  return null;
}

/** True when the check needs the response body's text. */
export function needsBody(settings: Pick<HttpCheckSettings, 'keyword' | 'regex' | 'jsonPath'>): boolean {
  return settings.keyword !== undefined || settings.regex !== undefined || settings.jsonPath !== undefined;
}
