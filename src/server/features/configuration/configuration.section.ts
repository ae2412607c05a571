import type { ConfigurationDocument } from '../../../shared/contracts/configuration';
import type { AppContext } from '../../context';
import type { Actor } from '../auth/actor';
import type { ConfigurationIssue } from './configuration.yaml';

/** The list sections of a configuration document: `users`, `teams`, `items`, ... */
export type SectionName = Exclude<keyof ConfigurationDocument, 'apiVersion'>;

/** The few HTTP calls a section makes against a remote Regia (`--server URL --token T`). */
export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<T>;
}

/**
 * Where configuration is read and written: this process's database through the services (local CLI,
 * demo), or a Regia server through its REST API with the token's own rights.
 */
export type ConfigurationTarget =
  | { mode: 'local'; ctx: AppContext; actor: Actor }
  | { mode: 'remote'; api: ApiClient };

/** One field that apply changes. */
export interface PlanChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** What apply does to one named object. */
export interface PlanEntry<Spec = unknown> {
  section: SectionName;
  /** singular noun for messages: `item` */
  label: string;
  /** the natural key: item name, user email, ... */
  key: string;
  action: 'create' | 'update' | 'unchanged';
  changes: PlanChange[];
  desired: Spec;
}

/** What every section sees while planning: the document and the current state of every section. */
export interface PlanContext {
  desired: ConfigurationDocument;
  current: Record<SectionName, unknown[]>;
  /** where `${NAME}` in secret values is looked up (the process environment by default) */
  env: Record<string, string | undefined>;
}

/**
 * What apply hands back beyond the plan, shown once: the one-time passwords of users it created and
 * the push URLs of heartbeat checks it created.
 */
export interface ApplyOutcome {
  passwords: { email: string; password: string }[];
  pushUrls: { check: string; url: string }[];
}

export interface ApplyOptions {
  /** password for users that apply creates (the demo); default a random one each, reported once */
  newUserPassword?: string;
}

/**
 * One kind of configuration (teams, items, and later checks, KPIs...). A feature makes its kind
 * configurable as code by implementing this and registering it in `configuration.service.ts`.
 * Sections are planned and applied in registry order, so a section may refer to earlier ones.
 */
export interface ConfigurationSection<Spec> {
  name: SectionName;
  label: string;
  /** the natural key of a spec; two specs with one key in a document are an error */
  keyOf(spec: Spec): string;
  /** the current state in the document's own form, every field present (the planner sorts it by key) */
  exportSection(target: ConfigurationTarget): Promise<Spec[]>;
  /** the spec as written to a file: fields at their default left out */
  compact(spec: Spec): object;
  /** compares the desired specs (already validated) with the current state; pure */
  planSection(
    desired: Spec[],
    context: PlanContext,
  ): { entries: PlanEntry<Spec>[]; issues: ConfigurationIssue[] };
  /** carries out the entries that are not unchanged */
  applySection(
    entries: PlanEntry<Spec>[],
    target: ConfigurationTarget,
    outcome: ApplyOutcome,
    options: ApplyOptions,
  ): Promise<void>;
}

/** A stable text form for comparing values: object keys sorted, so `{a,b}` equals `{b,a}`. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** The fields whose values differ between the current and the desired object. */
export function diffFields<T extends object>(
  current: T,
  desired: T,
  fields: readonly (keyof T & string)[],
): PlanChange[] {
  return fields
    .filter((field) => canonical(current[field]) !== canonical(desired[field]))
    .map((field) => ({ field, from: current[field], to: desired[field] }));
}

/** Plans a section whose objects are compared field by field against the current ones with the same key. */
export function planByKey<Spec extends object>(
  section: Pick<ConfigurationSection<Spec>, 'name' | 'label' | 'keyOf'>,
  desired: Spec[],
  current: Spec[],
  fields: readonly (keyof Spec & string)[],
): PlanEntry<Spec>[] {
  const byKey = new Map(current.map((spec) => [section.keyOf(spec), spec]));
  return desired.map((spec) => {
    const key = section.keyOf(spec);
    const existing = byKey.get(key);
    const changes = existing ? diffFields(existing, spec, fields) : [];
    const action = !existing ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
    return { section: section.name, label: section.label, key, action, changes, desired: spec };
  });
}

/** Reads every page of a paginated list route. */
export async function listAllPages<Row>(
  api: ApiClient,
  path: string,
  query: Record<string, string | number> = {},
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await api.get<{ rows: Row[]; total: number }>(path, { ...query, page, pageSize: 200 });
    rows.push(...answer.rows);
    if (answer.rows.length === 0 || rows.length >= answer.total) return rows;
  }
}

/** Reads every page of a paginated service function. */
export async function listAllServicePages<Row>(
  list: (page: number, pageSize: number) => Promise<{ rows: Row[]; total: number }>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await list(page, 200);
    rows.push(...answer.rows);
    if (answer.rows.length === 0 || rows.length >= answer.total) return rows;
  }
}

/** Omits the fields whose value is the default, so exported files show what matters. */
export function withoutDefaults<T extends object>(spec: T, defaults: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(spec).filter(([field, value]) => {
      if (!(field in defaults)) return true;
      return canonical(value) !== canonical(defaults[field as keyof T]);
    }),
  ) as Partial<T>;
}
