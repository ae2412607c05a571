import { type Expression, type SqlBool, sql } from 'kysely';

/** Escapes LIKE wildcards with `!`, an escape character both dialects read the same way. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (char) => `!${char}`)}%`;
}

/**
 * One condition per column: the column contains the text, in any case. lower() on both sides
 * rather than ILIKE, which SQLite lacks.
 */
export function containsText(columns: Expression<unknown>[], text: string): Expression<SqlBool>[] {
  const pattern = likePattern(text);
  return columns.map((column) => sql<SqlBool>`lower(${column}) like ${pattern} escape '!'`);
}

/** The number a search names ("12" or "#12"), so a search box also finds a row by its number. */
export function numberTyped(text: string): number | undefined {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}
