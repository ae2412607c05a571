import { environments, isRealIsoDate, itemKinds } from '../contracts/inventory';
import { formatCentsAsDecimal, parseDecimalAmount, unescapeSpreadsheetText } from './csv';

// How an inventory item maps to a CSV row and back: the column names, and how each cell is read.
// Export and import both use this file, so an exported file imports back unchanged.

/** The columns of an inventory CSV, in export order; `attr.<key>` columns follow for custom attributes. */
export const itemCsvColumns = [
  'name',
  'kind',
  'description',
  'ownerTeam',
  'criticality',
  'environment',
  'location',
  'vendor',
  'acquiredOn',
  'warrantyEnd',
  'endOfSupport',
  'purchaseCost',
  'annualCost',
  'currency',
  'tags',
] as const;
export type ItemCsvColumn = (typeof itemCsvColumns)[number];

export const attributeColumnPrefix = 'attr.';
/** Tags share one cell, separated by this character (which a tag may not contain). */
export const tagSeparator = '|';

/** A column of the file as understood: an item field or a custom attribute. */
export type ItemCsvHeaderColumn =
  | { kind: 'field'; field: ItemCsvColumn; label: string }
  | { kind: 'attribute'; key: string; label: string };

/** A problem tied to one column of the file (its header name), as the import report shows it. */
export interface CsvCellIssue {
  column: string;
  message: string;
}

export type ItemCsvHeaderResult =
  | { isValid: true; columns: ItemCsvHeaderColumn[] }
  | { isValid: false; issues: CsvCellIssue[] };

/** Reads the header line: known field names (any letter case), `attr.<key>` columns; anything else is refused. */
export function readItemCsvHeader(fields: readonly string[]): ItemCsvHeaderResult {
  const issues: CsvCellIssue[] = [];
  const columns: ItemCsvHeaderColumn[] = [];
  const seen = new Set<string>();
  for (const raw of fields) {
    const name = raw.trim();
    let column: ItemCsvHeaderColumn | undefined;
    if (name.toLowerCase().startsWith(attributeColumnPrefix)) {
      const key = name.slice(attributeColumnPrefix.length).trim();
      if (key === '' || key.length > 100) {
        issues.push({
          column: name,
          message: 'an attribute column needs a key of 1 to 100 characters after "attr."',
        });
        continue;
      }
      column = { kind: 'attribute', key, label: `${attributeColumnPrefix}${key}` };
    } else {
      const field = itemCsvColumns.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      if (field) column = { kind: 'field', field, label: field };
    }
    if (!column) {
      issues.push({
        column: name === '' ? '(empty header)' : name,
        message: `unknown column; use ${itemCsvColumns.join(', ')} or attr.<key>`,
      });
      continue;
    }
    if (seen.has(column.label.toLowerCase())) {
      issues.push({ column: column.label, message: 'this column appears twice' });
      continue;
    }
    seen.add(column.label.toLowerCase());
    columns.push(column);
  }
  if (!columns.some((column) => column.kind === 'field' && column.field === 'name')) {
    issues.push({ column: 'name', message: 'the header must have a name column' });
  }
  return issues.length > 0 ? { isValid: false, issues } : { isValid: true, columns };
}

export type AttributeValue = string | number | boolean | null;

/**
 * The cells of one row, read into the item's own field types. Only the file's columns are present;
 * `undefined` means an empty cell of a field that has no empty value (kind, criticality, currency:
 * required, or the default, for a new item; unchanged for an update).
 */
export interface ItemCsvValues {
  name?: string;
  kind?: string | undefined;
  description?: string;
  ownerTeam?: string | null;
  criticality?: number | undefined;
  environment?: string;
  location?: string;
  vendor?: string;
  acquiredOn?: string | null;
  warrantyEnd?: string | null;
  endOfSupport?: string | null;
  purchaseCostCents?: number | null;
  annualCostCents?: number | null;
  currency?: string | undefined;
  tags?: string[];
  /** the attribute cells as written (after formula unescaping), for comparing with stored values */
  attributeTexts?: Record<string, string>;
}

export interface ItemCsvRow {
  values: ItemCsvValues;
  issues: CsvCellIssue[];
}

/** Reads one record against the header: cell conversions here, field rules later with the NewItem schema. */
export function readItemCsvRow(
  columns: readonly ItemCsvHeaderColumn[],
  fields: readonly string[],
): ItemCsvRow {
  const values: ItemCsvValues = {};
  const issues: CsvCellIssue[] = [];
  const extra = fields.slice(columns.length).filter((field) => field.trim() !== '');
  if (extra.length > 0) {
    issues.push({
      column: '(row)',
      message: `the row has ${fields.length} fields, the header only ${columns.length}`,
    });
  }
  columns.forEach((column, index) => {
    // A row shorter than the header (trailing empty cells left out) reads as empty cells.
    const cell = unescapeSpreadsheetText(fields[index] ?? '');
    if (column.kind === 'attribute') {
      values.attributeTexts = { ...values.attributeTexts, [column.key]: cell };
      return;
    }
    const issue = readCell(values, column.field, cell);
    if (issue) issues.push({ column: column.label, message: issue });
  });
  return { values, issues };
}

/** Stores one converted cell in `values`; returns a message when the text cannot be read. */
function readCell(values: ItemCsvValues, field: ItemCsvColumn, cell: string): string | undefined {
  const text = cell.trim();
  switch (field) {
    case 'name':
    case 'location':
    case 'vendor':
      values[field] = text;
      return undefined;
    case 'description':
      values.description = cell;
      return undefined;
    case 'environment': {
      const environment = environments.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
      if (environment === undefined)
        return `unknown environment; use ${environments.filter(Boolean).join(', ')} or leave empty`;
      values.environment = environment;
      return undefined;
    }
    case 'kind': {
      if (text === '') {
        values.kind = undefined;
        return undefined;
      }
      const kind = itemKinds.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
      if (kind === undefined) return `unknown kind; use one of ${itemKinds.join(', ')}`;
      values.kind = kind;
      return undefined;
    }
    case 'ownerTeam':
      values.ownerTeam = text === '' ? null : text;
      return undefined;
    case 'currency':
      values.currency = text === '' ? undefined : text.toUpperCase();
      return undefined;
    case 'tags':
      values.tags = splitTags(text);
      return undefined;
    case 'criticality':
      if (text === '') {
        values.criticality = undefined;
        return undefined;
      }
      if (!/^\d+$/.test(text)) return 'a whole number from 1 (most critical) to 4';
      values.criticality = Number(text);
      return undefined;
    case 'acquiredOn':
    case 'warrantyEnd':
    case 'endOfSupport': {
      if (text === '') {
        values[field] = null;
        return undefined;
      }
      const date = readCsvDate(text);
      if (date === null) return 'a date as YYYY-MM-DD (or DD/MM/YYYY)';
      values[field] = date;
      return undefined;
    }
    case 'purchaseCost':
    case 'annualCost': {
      const key = field === 'purchaseCost' ? 'purchaseCostCents' : 'annualCostCents';
      if (text === '') {
        values[key] = null;
        return undefined;
      }
      const amount = parseDecimalAmount(text);
      if (!amount.isValid) return amount.message;
      values[key] = amount.cents;
      return undefined;
    }
  }
}

/** Splits a tags cell on `|`, trimming and dropping empty and repeated tags. */
export function splitTags(text: string): string[] {
  const tags = text
    .split(tagSeparator)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

/**
 * Reads a calendar date as ISO `YYYY-MM-DD`, or day first `DD/MM/YYYY` (also with `.` or `-`) as
 * Italian Excel rewrites dates when it saves a CSV. Returns null for anything else or a day that
 * does not exist.
 */
export function readCsvDate(text: string): string | null {
  let year: string | undefined;
  let month: string | undefined;
  let day: string | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (iso) [, year, month, day] = iso;
  else if (dayFirst) [, day, month, year] = dayFirst;
  else return null;
  const value = `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
  return isRealIsoDate(value) ? value : null;
}

/**
 * Reads an attribute cell: `true`/`false` as booleans, plain decimal numbers as numbers, anything
 * else as text; an empty cell is no attribute (undefined).
 */
export function readAttributeText(text: string): AttributeValue | undefined {
  if (text === '') return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Writes an attribute value as a cell; the inverse of `readAttributeText` for the values it makes. */
export function formatAttributeValue(value: AttributeValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** What export needs of an item; the shape of the API's Item. */
export interface ItemForCsv {
  name: string;
  kind: string;
  description: string;
  ownerTeamName: string | null;
  criticality: number;
  environment: string;
  location: string;
  vendor: string;
  acquiredOn: string | null;
  warrantyEnd: string | null;
  endOfSupport: string | null;
  purchaseCostCents: number | null;
  annualCostCents: number | null;
  currency: string;
  tags: string[];
  attributes: Record<string, AttributeValue>;
}

/** The header of an export: the fixed columns, then one `attr.<key>` per attribute key, sorted. */
export function itemCsvHeader(attributeKeys: readonly string[]): string[] {
  return [...itemCsvColumns, ...attributeKeys.map((key) => `${attributeColumnPrefix}${key}`)];
}

/** The sorted union of the items' attribute keys. */
export function attributeKeysOf(items: readonly Pick<ItemForCsv, 'attributes'>[]): string[] {
  const keys = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.attributes)) keys.add(key);
  return [...keys].sort();
}

/** One item as the cells of an export row (not yet escaped for spreadsheets), in `itemCsvHeader` order. */
export function itemToCsvFields(item: ItemForCsv, attributeKeys: readonly string[]): string[] {
  const money = (cents: number | null) => (cents === null ? '' : formatCentsAsDecimal(cents));
  const byColumn: Record<ItemCsvColumn, string> = {
    name: item.name,
    kind: item.kind,
    description: item.description,
    ownerTeam: item.ownerTeamName ?? '',
    criticality: String(item.criticality),
    environment: item.environment,
    location: item.location,
    vendor: item.vendor,
    acquiredOn: item.acquiredOn ?? '',
    warrantyEnd: item.warrantyEnd ?? '',
    endOfSupport: item.endOfSupport ?? '',
    purchaseCost: money(item.purchaseCostCents),
    annualCost: money(item.annualCostCents),
    currency: item.currency,
    tags: item.tags.join(tagSeparator),
  };
  return [
    ...itemCsvColumns.map((column) => byColumn[column]),
    ...attributeKeys.map((key) => formatAttributeValue(item.attributes[key])),
  ];
}
