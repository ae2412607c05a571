import type { CheckKind, CheckSettingsInput } from '../../../shared/contracts/check-kinds';
import type { Check } from '../../../shared/contracts/checks';

/** One request header row; a stored value comes back as `********` and is kept when left so. */
export type HeaderRow = { rowId: number; name: string; value: string };

export type JsonPathMode = 'exists' | 'absent' | 'equals';

/** What the inputs of each kind hold; numbers are `number | ''` as Mantine's NumberInput gives them. */
export type SettingsValues = {
  http: {
    url: string;
    method: string;
    headers: HeaderRow[];
    body: string;
    expectedStatus: string[];
    keyword: string;
    keywordAbsent: boolean;
    regex: string;
    jsonPathPath: string;
    jsonPathMode: JsonPathMode;
    jsonPathEquals: string;
    maxLatencyMs: number | string;
    followRedirects: boolean;
    verifyTls: boolean;
    reuseConnection: boolean;
  };
  tcp: { host: string; port: number | string };
  dns: { name: string; recordType: string; expectedValues: string[]; resolver: string };
  tls: {
    host: string;
    port: number | string;
    servername: string;
    warningDays: number | string;
    criticalDays: number | string;
    checkHostname: boolean;
    minProtocol: string | null;
  };
  ping: { host: string; count: number | string; maxLossPercent: number | string };
  heartbeat: { graceSeconds: number | string };
};

/** The whole form: common fields, the chosen kind, and the settings of every kind (switching keeps them). */
export type CheckFormValues = {
  kind: CheckKind;
  name: string;
  itemId: number | null;
  itemName: string | null;
  ownerTeamId: string | null;
  scheduleMode: 'interval' | 'cron';
  intervalSeconds: number | string;
  cron: string;
  timeoutMs: number | string;
  retries: number | string;
  degradedAboveMs: number | string;
  isPaused: boolean;
  locations: string[];
  downQuorum: number | string;
  settings: SettingsValues;
};

let nextRowId = 1;

/** A new, empty header row. */
export function newHeaderRow(name = '', value = ''): HeaderRow {
  nextRowId += 1;
  return { rowId: nextRowId, name, value };
}

export const emptySettings: SettingsValues = {
  http: {
    url: '',
    method: 'GET',
    headers: [],
    body: '',
    expectedStatus: ['200-399'],
    keyword: '',
    keywordAbsent: false,
    regex: '',
    jsonPathPath: '',
    jsonPathMode: 'exists',
    jsonPathEquals: '',
    maxLatencyMs: '',
    followRedirects: true,
    verifyTls: true,
    reuseConnection: false,
  },
  tcp: { host: '', port: '' },
  dns: { name: '', recordType: 'A', expectedValues: [], resolver: '' },
  tls: {
    host: '',
    port: 443,
    servername: '',
    warningDays: 21,
    criticalDays: 7,
    checkHostname: true,
    minProtocol: null,
  },
  ping: { host: '', count: 3, maxLossPercent: 0 },
  heartbeat: { graceSeconds: 60 },
};

export const emptyCheckValues: CheckFormValues = {
  kind: 'http',
  name: '',
  itemId: null,
  itemName: null,
  ownerTeamId: null,
  scheduleMode: 'interval',
  intervalSeconds: 60,
  cron: '',
  timeoutMs: 10_000,
  retries: 0,
  degradedAboveMs: '',
  isPaused: false,
  locations: ['local'],
  downQuorum: 1,
  settings: emptySettings,
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown, fallback: number | string = ''): number | string =>
  typeof value === 'number' ? value : fallback;
const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);

/** The form values of a stored check (its settings arrive as a loose record). */
export function checkFormValuesOf(check: Check): CheckFormValues {
  const s = check.settings;
  const settings: SettingsValues = structuredClone(emptySettings);
  switch (check.kind) {
    case 'http': {
      const jsonPath = (s.jsonPath ?? null) as { path?: string; equals?: unknown; exists?: boolean } | null;
      settings.http = {
        url: text(s.url),
        method: text(s.method) || 'GET',
        headers: Object.entries((s.headers ?? {}) as Record<string, string>).map(([name, value]) =>
          newHeaderRow(name, value),
        ),
        body: text(s.body),
        expectedStatus: Array.isArray(s.expectedStatus) ? s.expectedStatus.map(String) : ['200-399'],
        keyword: text(s.keyword),
        keywordAbsent: bool(s.keywordAbsent, false),
        regex: text(s.regex),
        jsonPathPath: jsonPath?.path ?? '',
        jsonPathMode:
          jsonPath?.exists === false ? 'absent' : jsonPath?.equals !== undefined ? 'equals' : 'exists',
        jsonPathEquals: jsonPath?.equals === undefined ? '' : String(jsonPath.equals),
        maxLatencyMs: num(s.maxLatencyMs),
        followRedirects: bool(s.followRedirects, true),
        verifyTls: bool(s.verifyTls, true),
        reuseConnection: bool(s.reuseConnection, false),
      };
      break;
    }
    case 'tcp':
      settings.tcp = { host: text(s.host), port: num(s.port) };
      break;
    case 'dns':
      settings.dns = {
        name: text(s.name),
        recordType: text(s.recordType) || 'A',
        expectedValues: Array.isArray(s.expectedValues) ? s.expectedValues.map(String) : [],
        resolver: text(s.resolver),
      };
      break;
    case 'tls':
      settings.tls = {
        host: text(s.host),
        port: num(s.port, 443),
        servername: text(s.servername),
        warningDays: num(s.warningDays, 21),
        criticalDays: num(s.criticalDays, 7),
        checkHostname: bool(s.checkHostname, true),
        minProtocol: text(s.minProtocol) || null,
      };
      break;
    case 'ping':
      settings.ping = {
        host: text(s.host),
        count: num(s.count, 3),
        maxLossPercent: num(s.maxLossPercent, 0),
      };
      break;
    case 'heartbeat':
      settings.heartbeat = { graceSeconds: num(s.graceSeconds, 60) };
      break;
  }
  return {
    kind: check.kind as CheckKind,
    name: check.name,
    itemId: check.itemId,
    itemName: check.itemName,
    ownerTeamId: check.ownerTeamId === null ? null : String(check.ownerTeamId),
    scheduleMode: check.cron ? 'cron' : 'interval',
    intervalSeconds: check.intervalSeconds ?? 60,
    cron: check.cron ?? '',
    timeoutMs: check.timeoutMs,
    retries: check.retries,
    degradedAboveMs: check.degradedAboveMs ?? '',
    isPaused: check.isPaused,
    locations: check.locations,
    downQuorum: check.downQuorum,
    settings,
  };
}

/** '' and whitespace are "not given" (the schema's default applies); other text stays as typed. */
const optionalText = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/** A number input's value: '' is "not given", anything unparsable is NaN (the schema says so). */
export function optionalNumber(value: number | string): number | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  return typeof value === 'number' ? value : Number(value);
}

/** Status specs as the schema takes them: "200" becomes 200, ranges stay text. */
function statusSpecs(values: string[]): (number | string)[] | undefined {
  const specs = values.map((value) => value.trim()).filter((value) => value !== '');
  if (specs.length === 0) return undefined;
  return specs.map((spec) => (/^\d+$/.test(spec) ? Number(spec) : spec));
}

/** The settings object of the chosen kind, ready for the shared zod schema to check. */
export function settingsCandidate(kind: CheckKind, all: SettingsValues): CheckSettingsInput {
  switch (kind) {
    case 'http': {
      const v = all.http;
      const headers: Record<string, string> = {};
      for (const row of v.headers) {
        if (row.name.trim() !== '' || row.value !== '') headers[row.name.trim()] = row.value;
      }
      const path = v.jsonPathPath.trim();
      return {
        kind,
        url: v.url,
        method: v.method as 'GET',
        headers,
        body: v.body === '' ? undefined : v.body,
        expectedStatus: statusSpecs(v.expectedStatus),
        keyword: v.keyword === '' ? undefined : v.keyword,
        keywordAbsent: v.keywordAbsent,
        regex: optionalText(v.regex),
        jsonPath:
          path === ''
            ? undefined
            : v.jsonPathMode === 'absent'
              ? { path, exists: false }
              : v.jsonPathMode === 'equals'
                ? { path, equals: v.jsonPathEquals }
                : { path },
        maxLatencyMs: optionalNumber(v.maxLatencyMs),
        followRedirects: v.followRedirects,
        verifyTls: v.verifyTls,
        reuseConnection: v.reuseConnection,
      };
    }
    case 'tcp':
      return { kind, host: all.tcp.host, port: optionalNumber(all.tcp.port) as number };
    case 'dns':
      return {
        kind,
        name: all.dns.name,
        recordType: all.dns.recordType as 'A',
        expectedValues: all.dns.expectedValues.length > 0 ? all.dns.expectedValues : undefined,
        resolver: optionalText(all.dns.resolver),
      };
    case 'tls':
      return {
        kind,
        host: all.tls.host,
        port: optionalNumber(all.tls.port),
        servername: optionalText(all.tls.servername),
        warningDays: optionalNumber(all.tls.warningDays),
        criticalDays: optionalNumber(all.tls.criticalDays),
        checkHostname: all.tls.checkHostname,
        minProtocol: (all.tls.minProtocol ?? undefined) as 'TLSv1.2' | undefined,
      };
    case 'ping':
      return {
        kind,
        host: all.ping.host,
        count: optionalNumber(all.ping.count),
        maxLossPercent: optionalNumber(all.ping.maxLossPercent),
      };
    case 'heartbeat':
      return { kind, graceSeconds: optionalNumber(all.heartbeat.graceSeconds) };
  }
}

/** The whole check as the NewCheck schema reads it. */
export function checkCandidate(values: CheckFormValues) {
  const isCron = values.scheduleMode === 'cron';
  const degraded = optionalNumber(values.degradedAboveMs);
  return {
    name: values.name,
    itemId: values.itemId,
    ownerTeamId: values.ownerTeamId === null ? null : Number(values.ownerTeamId),
    settings: settingsCandidate(values.kind, values.settings),
    intervalSeconds: isCron ? null : (optionalNumber(values.intervalSeconds) ?? null),
    cron: isCron ? values.cron : null,
    timeoutMs: optionalNumber(values.timeoutMs),
    retries: optionalNumber(values.retries),
    degradedAboveMs: degraded ?? null,
    isPaused: values.isPaused,
    locations: values.locations,
    downQuorum: optionalNumber(values.downQuorum),
  };
}
