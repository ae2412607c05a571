import type { Expression, ExpressionBuilder, Insertable, SqlBool } from 'kysely';
import type { IncidentListQuery } from '../../../shared/contracts/incidents';
import type { Db } from '../../db/connect';
import type { Database, IncidentsTable } from '../../db/schema';
import { containsText, numberTyped } from '../../db/text-search';

/** What an incident gathers: a check or a procedure test, each with its own table. */
export type Source = { kind: 'check'; id: number } | { kind: 'procedure'; id: number };

/** An incident row with the names it points to, as every read returns it. */
export interface IncidentRow {
  id: number;
  title: string;
  description: string;
  publicSummary: string;
  itemId: number | null;
  itemName: string | null;
  teamId: number | null;
  teamName: string | null;
  severity: number;
  origin: string;
  state: string;
  autoResolve: number;
  assigneeId: number | null;
  assigneeName: string | null;
  parentIncidentId: number | null;
  detectedAt: number;
  acknowledgedAt: number | null;
  restoredAt: number | null;
  resolvedAt: number | null;
  reopenCount: number;
  reviewCause: string | null;
  reviewActions: string | null;
  reviewedAt: number | null;
  reviewedById: number | null;
  reviewedByName: string | null;
  createdById: number | null;
  updatedAt: number;
}

export type IncidentValues = Omit<Insertable<IncidentsTable>, 'id'>;
export type IncidentChange = Partial<IncidentValues>;

function selectIncidents(db: Db) {
  return db
    .selectFrom('incidents')
    .leftJoin('items', 'items.id', 'incidents.itemId')
    .leftJoin('teams', 'teams.id', 'incidents.teamId')
    .leftJoin('users as assignee', 'assignee.id', 'incidents.assigneeId')
    .leftJoin('users as reviewer', 'reviewer.id', 'incidents.reviewedById')
    .selectAll('incidents')
    .select([
      'items.name as itemName',
      'teams.name as teamName',
      'assignee.name as assigneeName',
      'reviewer.name as reviewedByName',
    ]);
}

export function findIncidentRow(db: Db, id: number): Promise<IncidentRow | undefined> {
  return selectIncidents(db).where('incidents.id', '=', id).executeTakeFirst();
}

export async function insertIncidentRow(db: Db, values: IncidentValues): Promise<number> {
  const row = await db.insertInto('incidents').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateIncidentRow(db: Db, id: number, change: IncidentChange): Promise<void> {
  await db.updateTable('incidents').set(change).where('id', '=', id).execute();
}

type IncidentFilter = Omit<IncidentListQuery, 'page' | 'pageSize' | 'sort' | 'direction'>;

function filterConditions(
  eb: ExpressionBuilder<Database, 'incidents'>,
  filter: IncidentFilter,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.state !== undefined) conditions.push(eb('incidents.state', '=', filter.state));
  if (filter.isOpen === true) conditions.push(eb('incidents.resolvedAt', 'is', null));
  if (filter.isOpen === false) conditions.push(eb('incidents.resolvedAt', 'is not', null));
  if (filter.severity !== undefined) conditions.push(eb('incidents.severity', '=', filter.severity));
  if (filter.teamId !== undefined) conditions.push(eb('incidents.teamId', '=', filter.teamId));
  if (filter.itemId !== undefined) conditions.push(eb('incidents.itemId', '=', filter.itemId));
  if (filter.q) {
    const number = numberTyped(filter.q);
    conditions.push(
      eb.or([
        ...containsText(
          (['incidents.title', 'incidents.description'] as const).map((column) => eb.ref(column)),
          filter.q,
        ),
        ...(number === undefined ? [] : [eb('incidents.id', '=', number)]),
      ]),
    );
  }
  return eb.and(conditions);
}

/** A page of incidents matching a filter, and the total over all pages. */
export async function listIncidentRows(
  db: Db,
  filter: IncidentFilter,
  order: { sort: IncidentListQuery['sort']; direction: 'asc' | 'desc' },
  page: { limit: number; offset: number },
): Promise<{ rows: IncidentRow[]; total: number }> {
  const query = selectIncidents(db)
    .where((eb) => filterConditions(eb, filter))
    .orderBy(`incidents.${order.sort}`, order.direction)
    .orderBy('incidents.id', order.direction)
    .limit(page.limit)
    .offset(page.offset);
  const countQuery = db
    .selectFrom('incidents')
    .where((eb) => filterConditions(eb, filter))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([query.execute(), countQuery.executeTakeFirstOrThrow()]);
  return { rows, total: Number(count.n) };
}

/** The incidents grouped under one. */
export function listChildRows(db: Db, parentId: number): Promise<IncidentRow[]> {
  return selectIncidents(db)
    .where('incidents.parentIncidentId', '=', parentId)
    .orderBy('incidents.detectedAt')
    .orderBy('incidents.id')
    .execute();
}

/** The item's incident that is not resolved yet (at most one: a unique index keeps it so). */
export function findOpenIncidentOnItem(db: Db, itemId: number): Promise<IncidentRow | undefined> {
  return selectIncidents(db)
    .where('incidents.itemId', '=', itemId)
    .where('incidents.resolvedAt', 'is', null)
    .executeTakeFirst();
}

/** The unresolved incidents that gather a source, newest first. */
export function listOpenIncidentsGathering(db: Db, source: Source): Promise<IncidentRow[]> {
  return selectIncidents(db)
    .where('incidents.resolvedAt', 'is', null)
    .where((eb) => eb.exists(gatheringQuery(eb, source)))
    .orderBy('incidents.id', 'desc')
    .execute();
}

function gatheringQuery(eb: ExpressionBuilder<Database, 'incidents'>, source: Source) {
  return source.kind === 'check'
    ? eb
        .selectFrom('incidentChecks')
        .select('incidentChecks.incidentId')
        .whereRef('incidentChecks.incidentId', '=', 'incidents.id')
        .where('incidentChecks.checkId', '=', source.id)
    : eb
        .selectFrom('incidentProcedures')
        .select('incidentProcedures.incidentId')
        .whereRef('incidentProcedures.incidentId', '=', 'incidents.id')
        .where('incidentProcedures.procedureTestId', '=', source.id);
}

/** The latest incident gathering a source that was resolved at or after `since`. */
export function findRecentlyResolvedGathering(
  db: Db,
  source: Source,
  since: number,
): Promise<IncidentRow | undefined> {
  return selectIncidents(db)
    .where('incidents.resolvedAt', '>=', since)
    .where((eb) => eb.exists(gatheringQuery(eb, source)))
    .orderBy('incidents.resolvedAt', 'desc')
    .orderBy('incidents.id', 'desc')
    .executeTakeFirst();
}

/** Adds a failing source to an incident, or marks it failing again when it was gathered before. */
export async function gatherSource(db: Db, incidentId: number, source: Source, at: number): Promise<void> {
  if (source.kind === 'check') {
    await db
      .insertInto('incidentChecks')
      .values({ incidentId, checkId: source.id, failingSince: at, recoveredAt: null })
      .onConflict((oc) =>
        oc.columns(['incidentId', 'checkId']).doUpdateSet({ failingSince: at, recoveredAt: null }),
      )
      .execute();
    return;
  }
  await db
    .insertInto('incidentProcedures')
    .values({ incidentId, procedureTestId: source.id, failingSince: at, recoveredAt: null })
    .onConflict((oc) =>
      oc.columns(['incidentId', 'procedureTestId']).doUpdateSet({ failingSince: at, recoveredAt: null }),
    )
    .execute();
}

/** Marks a source recovered on an incident; true when it was failing there. */
export async function markSourceRecovered(
  db: Db,
  incidentId: number,
  source: Source,
  at: number,
): Promise<boolean> {
  const result =
    source.kind === 'check'
      ? await db
          .updateTable('incidentChecks')
          .set({ recoveredAt: at })
          .where('incidentId', '=', incidentId)
          .where('checkId', '=', source.id)
          .where('recoveredAt', 'is', null)
          .executeTakeFirst()
      : await db
          .updateTable('incidentProcedures')
          .set({ recoveredAt: at })
          .where('incidentId', '=', incidentId)
          .where('procedureTestId', '=', source.id)
          .where('recoveredAt', 'is', null)
          .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many gathered checks and procedure tests of an incident are still failing. */
export async function countFailingSources(db: Db, incidentId: number): Promise<number> {
  const [checks, procedures] = await Promise.all([
    db
      .selectFrom('incidentChecks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('incidentId', '=', incidentId)
      .where('recoveredAt', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('incidentProcedures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('incidentId', '=', incidentId)
      .where('recoveredAt', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return Number(checks.n) + Number(procedures.n);
}

/** The checks an incident gathers, with their state now. */
export function listIncidentCheckRows(db: Db, incidentId: number) {
  return db
    .selectFrom('incidentChecks')
    .innerJoin('checks', 'checks.id', 'incidentChecks.checkId')
    .leftJoin('checkStates', 'checkStates.checkId', 'incidentChecks.checkId')
    .select([
      'incidentChecks.checkId',
      'checks.name',
      'checks.kind',
      'checkStates.state',
      'checkStates.lastMessage',
      'incidentChecks.failingSince',
      'incidentChecks.recoveredAt',
    ])
    .where('incidentChecks.incidentId', '=', incidentId)
    .orderBy('incidentChecks.failingSince')
    .orderBy('checks.name')
    .execute();
}

/** The procedure tests an incident gathers, with their state now. */
export function listIncidentProcedureRows(db: Db, incidentId: number) {
  return db
    .selectFrom('incidentProcedures')
    .innerJoin('procedureTests', 'procedureTests.id', 'incidentProcedures.procedureTestId')
    .select([
      'incidentProcedures.procedureTestId',
      'procedureTests.name',
      'procedureTests.state',
      'incidentProcedures.failingSince',
      'incidentProcedures.recoveredAt',
    ])
    .where('incidentProcedures.incidentId', '=', incidentId)
    .orderBy('incidentProcedures.failingSince')
    .execute();
}

/** One timeline entry to write. */
export interface NewIncidentEvent {
  incidentId: number;
  at: number;
  kind: string;
  actorId: number | null;
  actorLabel: string;
  body: string;
  details?: Record<string, unknown>;
}

export async function insertIncidentEvent(db: Db, event: NewIncidentEvent): Promise<void> {
  await db
    .insertInto('incidentEvents')
    .values({
      incidentId: event.incidentId,
      at: event.at,
      kind: event.kind,
      actorId: event.actorId,
      actorLabel: event.actorLabel.slice(0, 320),
      body: event.body,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export function listIncidentEventRows(db: Db, incidentId: number) {
  return db
    .selectFrom('incidentEvents')
    .selectAll()
    .where('incidentId', '=', incidentId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The last resolution written on the timeline, to tell Regia's from a person's. */
export function findLastResolutionEvent(db: Db, incidentId: number) {
  return db
    .selectFrom('incidentEvents')
    .select(['actorId', 'at', 'details'])
    .where('incidentId', '=', incidentId)
    .where('kind', '=', 'resolved')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Open automatic (check) incidents that are still failing, on any of the given items. */
export async function listFailingCheckIncidentsOnItems(
  db: Db,
  itemIds: readonly number[],
): Promise<{ id: number; itemId: number | null; parentIncidentId: number | null }[]> {
  if (itemIds.length === 0) return [];
  const rows = [];
  for (let start = 0; start < itemIds.length; start += 500) {
    rows.push(
      ...(await db
        .selectFrom('incidents')
        .select(['id', 'itemId', 'parentIncidentId'])
        .where('itemId', 'in', itemIds.slice(start, start + 500))
        .where('origin', '=', 'check')
        .where('resolvedAt', 'is', null)
        .where('restoredAt', 'is', null)
        .execute()),
    );
  }
  return rows;
}

/** The targets of relations of the given kinds leaving `sourceIds`: one level of dependencies. */
export async function listDependenciesOf(
  db: Db,
  sourceIds: readonly number[],
  kinds: readonly string[],
): Promise<number[]> {
  const targets: number[] = [];
  for (let start = 0; start < sourceIds.length; start += 500) {
    const rows = await db
      .selectFrom('relations')
      .select('targetItemId')
      .distinct()
      .where('sourceItemId', 'in', sourceIds.slice(start, start + 500))
      .where('kind', 'in', [...kinds])
      .execute();
    targets.push(...rows.map((row) => row.targetItemId));
  }
  return targets;
}

/** What an automatic incident needs to know of a check: its names, item, team and criticality. */
export function findCheckContextRow(db: Db, checkId: number) {
  return db
    .selectFrom('checks')
    .leftJoin('items', 'items.id', 'checks.itemId')
    .select([
      'checks.id',
      'checks.name',
      'checks.kind',
      'checks.itemId',
      'checks.ownerTeamId',
      'items.name as itemName',
      'items.criticality',
      'items.ownerTeamId as itemOwnerTeamId',
    ])
    .where('checks.id', '=', checkId)
    .executeTakeFirst();
}

/** The same for a procedure test. */
export function findProcedureContextRow(db: Db, procedureTestId: number) {
  return db
    .selectFrom('procedureTests')
    .leftJoin('items', 'items.id', 'procedureTests.itemId')
    .select([
      'procedureTests.id',
      'procedureTests.name',
      'procedureTests.itemId',
      'procedureTests.ownerTeamId',
      'items.name as itemName',
      'items.criticality',
      'items.ownerTeamId as itemOwnerTeamId',
    ])
    .where('procedureTests.id', '=', procedureTestId)
    .executeTakeFirst();
}

export function findItemBriefRow(db: Db, itemId: number) {
  return db
    .selectFrom('items')
    .select(['id', 'name', 'criticality', 'ownerTeamId'])
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function hasTeam(db: Db, teamId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst());
}

export function findEnabledUser(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', '=', userId)
    .where('isDisabled', '=', 0)
    .executeTakeFirst();
}

/** The message and details of one stored result (a TLS check's days left). */
export function findResultDetails(db: Db, resultId: number) {
  return db
    .selectFrom('checkResults')
    .select(['message', 'details'])
    .where('id', '=', resultId)
    .executeTakeFirst();
}

/** A stored setting's JSON text, or undefined. */
export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The sources of relations of the given kinds reaching `targetIds`: one level of dependants. */
export async function listDependantsOf(
  db: Db,
  targetIds: readonly number[],
  kinds: readonly string[],
): Promise<number[]> {
  const sources: number[] = [];
  for (let start = 0; start < targetIds.length; start += 500) {
    const rows = await db
      .selectFrom('relations')
      .select('sourceItemId')
      .distinct()
      .where('targetItemId', 'in', targetIds.slice(start, start + 500))
      .where('kind', 'in', [...kinds])
      .execute();
    sources.push(...rows.map((row) => row.sourceItemId));
  }
  return sources;
}
