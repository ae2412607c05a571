import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Dialect } from './connect';

// The few places where SQLite and PostgreSQL need different SQL, named once.

/** Adds an auto-incrementing integer primary key `id`, written the way each dialect wants it. */
export function withIdColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: Dialect,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) =>
        c.primaryKey().generatedByDefaultAsIdentity(),
      );
}

/**
 * `column in (values)` with all the values sent as one parameter: a team owns tens of thousands of
 * entities, which as an IN list would each be a bind parameter for Kysely to compile and the
 * database to parse, past SQLite's and PostgreSQL's limits on parameters.
 */
export function inTextList(dialect: Dialect, column: string, values: string[]): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} in (select unnest(cast(${values} as varchar[])))`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}
