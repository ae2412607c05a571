import { parse } from 'csv-parse/browser/esm/sync';

// CSV rules shared by the server's importer and any client-side preview: one reading of a file,
// whichever side reads it. The browser build of csv-parse runs in Node as well.

/** The field separators Regia reads: comma, or semicolon as Italian (and most European) Excel writes. */
export type CsvSeparator = ',' | ';';

/** One record of a CSV file with the line it starts on (1-based, a quoted newline counts as a line). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvParseResult =
  | { isParsed: true; separator: CsvSeparator; records: CsvRecord[] }
  | { isParsed: false; separator: CsvSeparator; line: number; message: string };

const byteOrderMark = '\uFEFF';

/** Removes a leading UTF-8 byte-order mark, which Excel writes and csv readers must not see. */
export function stripByteOrderMark(text: string): string {
  return text.startsWith(byteOrderMark) ? text.slice(1) : text;
}

/**
 * Picks the separator from the header line: the one of `;` and `,` seen more often outside quotes.
 * Header names never contain either, so the header is the one line where the count is honest.
 */
export function detectSeparator(text: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let isQuoted = false;
  for (const char of stripByteOrderMark(text)) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (char === '\n' || char === '\r')) break;
    else if (!isQuoted && char === ',') commas += 1;
    else if (!isQuoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

interface ParsedWithInfo {
  record: string[];
  info: { lines: number };
}

/**
 * Parses CSV text: UTF-8 with or without BOM, comma or semicolon (detected), quoted fields with
 * embedded newlines and doubled quotes, LF, CRLF or CR line ends (newlines inside fields become LF).
 * Blank lines and rows of empty fields are skipped. Never throws: a syntax error names its line.
 */
export function parseCsv(text: string): CsvParseResult {
  const normalised = stripByteOrderMark(text).replace(/\r\n?/g, '\n');
  const separator = detectSeparator(normalised);
  let parsed: ParsedWithInfo[];
  try {
    parsed = parse(normalised, {
      delimiter: separator,
      record_delimiter: '\n',
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedWithInfo[];
  } catch (error) {
    const line =
      typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { isParsed: false, separator, line, message: describeCsvError(error) };
  }
  const records: CsvRecord[] = [];
  for (const { record, info } of parsed) {
    if (record.every((field) => field.trim() === '')) continue;
    // csv-parse reports the line a record ends on; each newline inside its fields is one line back.
    const innerNewlines = record.reduce((sum, field) => sum + countNewlines(field), 0);
    records.push({ line: info.lines - innerNewlines, fields: record });
  }
  return { isParsed: true, separator, records };
}

function countNewlines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count += 1;
  return count;
}

function describeCsvError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed: check for a missing "';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field goes on after its closing quote: write a quote inside a quoted field as ""';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field: quote the whole field and write the quote as ""';
    default:
      return error instanceof Error ? error.message : 'the file is not valid CSV';
  }
}

/** Writes rows as CSV with CRLF line ends (RFC 4180, what Excel expects), quoting where needed. */
export function writeCsv(rows: readonly (readonly string[])[], separator: CsvSeparator = ','): string {
  return (
    rows.map((row) => row.map((field) => quoteCsvField(field, separator)).join(separator)).join('\r\n') +
    '\r\n'
  );
}

function quoteCsvField(field: string, separator: CsvSeparator): string {
  const mustQuote =
    field.includes(separator) || field.includes('"') || field.includes('\n') || field.includes('\r');
  return mustQuote ? `"${field.replaceAll('"', '""')}"` : field;
}

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection). Cells that
// already start with quotes before such a character get one more, so that unescaping is exact.
const formulaStart = /^'*[=+\-@\t\r]/;
const escapedFormulaStart = /^'+[=+\-@\t\r]/;

/** Makes a text cell safe for a spreadsheet: one that would start a formula gets a leading `'`. */
export function escapeSpreadsheetText(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Reverses `escapeSpreadsheetText`, so that an exported file imports back to the same values. */
export function unescapeSpreadsheetText(value: string): string {
  return escapedFormulaStart.test(value) ? value.slice(1) : value;
}

export type AmountResult = { isValid: true; cents: number } | { isValid: false; message: string };

const plainAmount = /^\d+([.,]\d{1,2})?$/;
const groupedAmount = /^\d{1,3}([.,])\d{3}(\1\d{3})*([.,]\d{1,2})?$/;

/**
 * Reads a decimal amount in the currency's units as integer cents: `1234.56`, `1234,56`, `1.234,56`,
 * `1,234.56`, `1234`. Thousands groups need three digits; a lone `1.234` or `1,234` is refused as
 * ambiguous rather than guessed. Spaces (also non-breaking) are ignored; negative amounts are refused.
 */
export function parseDecimalAmount(text: string): AmountResult {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return { isValid: false, message: 'empty amount' };
  if (compact.startsWith('-')) return { isValid: false, message: 'an amount cannot be negative' };
  if (/^\d{1,3}[.,]\d{3}$/.test(compact)) {
    return {
      isValid: false,
      message: `"${text}" is ambiguous: write ${compact.replace(/[.,]/, '')} for the whole amount, or two decimals (e.g. ${compact.replace(/[.,]/, '')},00)`,
    };
  }
  if (/^\d+[.,]\d{3,}$/.test(compact)) return { isValid: false, message: 'at most two decimals' };
  let integerPart: string;
  let decimalPart = '';
  if (plainAmount.test(compact)) {
    [integerPart = '', decimalPart = ''] = compact.split(/[.,]/);
  } else {
    const grouped = groupedAmount.exec(compact);
    const groupSeparator = grouped?.[1];
    const decimalSeparator = grouped?.[3]?.[0];
    if (!grouped || groupSeparator === decimalSeparator) {
      return { isValid: false, message: `"${text}" is not an amount: write e.g. 1234.56 or 1.234,56` };
    }
    const [whole, decimals = ''] = decimalSeparator ? compact.split(decimalSeparator) : [compact];
    integerPart = (whole ?? '').replaceAll(groupSeparator as string, '');
    decimalPart = decimals;
  }
  const cents = Number(integerPart) * 100 + Number(decimalPart.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { isValid: false, message: 'the amount is too large' };
  return { isValid: true, cents };
}

/** Writes integer cents as a plain decimal amount with two decimals and a dot: `1234.56`. */
export function formatCentsAsDecimal(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `${cents < 0 && whole === 0 ? '-' : ''}${whole}.${String(rest).padStart(2, '0')}`;
}
