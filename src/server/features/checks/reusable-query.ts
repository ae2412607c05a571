import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Dialect, Storage } from '../../db/connect';
import type { Database } from '../../db/schema';

type SqliteHandle = NonNullable<Storage['sqlite']>;
type SqliteStatement = ReturnType<SqliteHandle['prepare']>;

/**
 * Where a ReusableQuery runs: a Kysely database or transaction and its dialect. On SQLite, `sqlite`
 * may be the driver's handle under `db` (`Storage.sqlite`); the query then runs as a statement
 * prepared once and kept, instead of being prepared again on every run as Kysely's driver does.
 */
export interface QueryTarget {
  db: Kysely<Database>;
  dialect: Dialect;
  sqlite?: SqliteHandle;
}

interface Template {
  query: CompiledQuery;
  /** for each parameter of the compiled SQL: the row and column of its value, or -1 for a constant */
  rowOf: Int32Array;
  columnOf: Int32Array;
  /** the SQL prepared on each SQLite handle it ran on */
  statements: WeakMap<SqliteHandle, SqliteStatement>;
}

// No caller passes values like these, so a parameter holding one is known to be a placeholder.
const placeholderPrefix = '\u0000placeholder\u0000';

/**
 * A Kysely query compiled once per number of rows and re-run with new values. Building and
 * compiling a 60-row insert costs more than SQLite takes to run it, and the result recorder runs
 * its statements several times a second. `build` writes the query as usual for `rows` whose fields
 * are placeholders; `execute` binds real rows in their place. The SQL stays Kysely's (dialect,
 * plugins); only the parameters change between runs. One template is kept per dialect and number
 * of rows, so callers bound that number (fixed chunks, padded lists).
 */
export class ReusableQuery<Values extends object, Row> {
  private readonly templates = new Map<string, Template>();

  constructor(
    private readonly columns: readonly (keyof Values & string)[],
    private readonly build: (db: Kysely<Database>, rows: Values[], dialect: Dialect) => Compilable<Row>,
  ) {}

  /** Runs the query once with `rows` bound. */
  async execute(target: QueryTarget, rows: readonly Values[]): Promise<QueryResult<Row>> {
    const template = this.templateFor(target.db, target.dialect, rows.length);
    const parameters = this.bind(template, rows);
    if (target.sqlite) return runPrepared<Row>(target.db, target.sqlite, template, [parameters]);
    return target.db.executeQuery<Row>({ ...template.query, parameters } as CompiledQuery<Row>);
  }

  /**
   * Runs a write for every row and gathers what it returns. On kept SQLite statements, row by row:
   * SQLite inserts a row with a one-row statement in two thirds of the time a multi-row one takes
   * (and there is no round trip to save). Elsewhere, in pieces of powers of two (see `inPieces`).
   */
  async executeForEach(target: QueryTarget, rows: readonly Values[]): Promise<Row[]> {
    if (rows.length === 0) return [];
    if (target.sqlite) {
      const template = this.templateFor(target.db, target.dialect, 1);
      const parameterSets = rows.map((row) => this.bind(template, [row]));
      return (await runPrepared<Row>(target.db, target.sqlite, template, parameterSets)).rows;
    }
    const returned: Row[] = [];
    for (const piece of inPieces(rows)) returned.push(...(await this.execute(target, piece)).rows);
    return returned;
  }

  // The template's parameters with the values of `rows` in place of the placeholders.
  private bind(template: Template, rows: readonly Values[]): unknown[] {
    const { query, rowOf, columnOf } = template;
    return query.parameters.map((constant, index) => {
      const row = rowOf[index]!;
      if (row < 0) return constant;
      const value = rows[row]![this.columns[columnOf[index]!]!];
      return value === undefined ? null : value;
    });
  }

  private templateFor(db: Kysely<Database>, dialect: Dialect, count: number): Template {
    const key = `${dialect}:${count}`;
    const existing = this.templates.get(key);
    if (existing) return existing;
    const placeholders = Array.from(
      { length: count },
      (_, row) =>
        Object.fromEntries(
          this.columns.map((column, index) => [column, `${placeholderPrefix}${row}:${index}`]),
        ) as Values,
    );
    const query = this.build(db, placeholders, dialect).compile();
    const rowOf = new Int32Array(query.parameters.length).fill(-1);
    const columnOf = new Int32Array(query.parameters.length).fill(-1);
    query.parameters.forEach((parameter, index) => {
      if (typeof parameter !== 'string' || !parameter.startsWith(placeholderPrefix)) return;
      const [row, column] = parameter.slice(placeholderPrefix.length).split(':').map(Number);
      rowOf[index] = row!;
      columnOf[index] = column!;
    });
    // A placeholder written into the SQL itself would be run as it is: refuse such a query.
    if (query.sql.includes(placeholderPrefix)) throw new Error('a reusable query inlined a value');
    const template = { query, rowOf, columnOf, statements: new WeakMap() };
    this.templates.set(key, template);
    return template;
  }
}

/**
 * Runs a template as Kysely's SQLite driver would (same SQL, parameters and result shape, then the
 * database's plugins over the rows), on a statement prepared once per handle; once per parameter
 * set, the rows of every run gathered.
 */
async function runPrepared<Row>(
  db: Kysely<Database>,
  sqlite: SqliteHandle,
  template: Template,
  parameterSets: unknown[][],
): Promise<QueryResult<Row>> {
  let statement = template.statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(template.query.sql);
    template.statements.set(sqlite, statement);
  }
  let result: QueryResult<Record<string, unknown>>;
  if (statement.reader) {
    const rows: Record<string, unknown>[] = [];
    for (const parameters of parameterSets) {
      for (const row of statement.all(parameters)) rows.push(row as Record<string, unknown>);
    }
    result = { rows };
  } else {
    let changes = 0;
    let lastInsertRowid: number | bigint = 0;
    for (const parameters of parameterSets) {
      const info = statement.run(parameters);
      changes += info.changes;
      lastInsertRowid = info.lastInsertRowid;
    }
    result = { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
  for (const plugin of db.getExecutor().plugins) {
    result = await plugin.transformResult({ result, queryId: template.query.queryId });
  }
  return result as QueryResult<Row>;
}

/** Row counts a ReusableQuery is run with: powers of two, so few templates serve every batch. */
const pieceSizes = [128, 64, 32, 16, 8, 4, 2, 1];

/**
 * Splits rows to insert into pieces of 128, 64, ... 1 rows (93 rows: 64 + 16 + 8 + 4 + 1), so a
 * ReusableQuery keeps at most eight templates whatever the batch sizes.
 */
export function inPieces<T>(rows: readonly T[]): T[][] {
  const pieces: T[][] = [];
  let start = 0;
  for (const size of pieceSizes) {
    while (rows.length - start >= size) {
      pieces.push(rows.slice(start, start + size));
      start += size;
    }
  }
  return pieces;
}

/**
 * Splits ids into `in (...)` lists of at most 128, each padded to a power of two by repeating its
 * last id (which `in` ignores), as rows for a ReusableQuery.
 */
export function paddedIdLists(ids: readonly number[]): { id: number }[][] {
  const largest = pieceSizes[0]!;
  const lists: { id: number }[][] = [];
  for (let start = 0; start < ids.length; start += largest) {
    const part = ids.slice(start, start + largest);
    const size = pieceSizes.findLast((candidate) => candidate >= part.length)!;
    const rows = part.map((id) => ({ id }));
    while (rows.length < size) rows.push({ id: part.at(-1)! });
    lists.push(rows);
  }
  return lists;
}
