import { workItemTypes } from '../contracts/work-items';
import { unescapeSpreadsheetText } from './csv';
import { type CsvCellIssue, readCsvDate } from './inventory-csv';

// How a CSV row maps to a work item: the columns the work export writes, and how each cell is read.
// The importer uses this file; the export writes the same column names, so a file round-trips.

/**
 * The columns a work CSV may have; `category` and `deadline` are computed and read as nothing.
 * `key` and `parentKey` are the import's own (the export has no use for them): a new row's `key`
 * is a handle unique in the file, and another row's `parentKey` names it as that row's parent.
 */
export const workItemCsvColumns = [
  'id',
  'team',
  'title',
  'type',
  'state',
  'category',
  'priority',
  'assignee',
  'startDate',
  'dueDate',
  'deadline',
  'estimateMinutes',
  'spentMinutes',
  'labels',
  'parentId',
  'description',
  'key',
  'parentKey',
] as const;
export type WorkItemCsvColumn = (typeof workItemCsvColumns)[number];

// Written by Regia from other fields: accepted so that an export imports back, never compared.
const computedColumns: readonly WorkItemCsvColumn[] = ['category', 'deadline'];

/** Labels share one cell, separated by `;` (the export writes `; `) or `|`. */
export const labelSeparator = /[;|]/;

export type WorkItemCsvHeaderResult =
  | { isValid: true; columns: WorkItemCsvColumn[] }
  | { isValid: false; issues: CsvCellIssue[] };

/** Reads the header line: known column names in any letter case; team and title are required. */
export function readWorkItemCsvHeader(fields: readonly string[]): WorkItemCsvHeaderResult {
  const issues: CsvCellIssue[] = [];
  const columns: WorkItemCsvColumn[] = [];
  for (const raw of fields) {
    const name = raw.trim();
    const column = workItemCsvColumns.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!column) {
      issues.push({
        column: name === '' ? '(empty header)' : name,
        message: `unknown column; use ${workItemCsvColumns.join(', ')}`,
      });
    } else if (columns.includes(column)) {
      issues.push({ column, message: 'this column appears twice' });
    } else columns.push(column);
  }
  for (const required of ['team', 'title'] as const) {
    if (!columns.includes(required)) {
      issues.push({ column: required, message: `the header must have a ${required} column` });
    }
  }
  return issues.length > 0 ? { isValid: false, issues } : { isValid: true, columns };
}

/**
 * The cells of one row in the item's own types, names not yet resolved (team, state and assignee are
 * looked up by the server). Only the file's columns are present; `undefined` for `type`, `priority`
 * and `spentMinutes` means an empty cell: the default for a new item, unchanged for an update.
 */
export interface WorkItemCsvValues {
  id?: number | null;
  team?: string;
  title?: string;
  type?: (typeof workItemTypes)[number] | undefined;
  state?: string | null;
  priority?: number | undefined;
  assignee?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  estimateMinutes?: number | null;
  spentMinutes?: number | undefined;
  labels?: string[];
  parentId?: number | null;
  description?: string;
  /** a handle for this new row, unique in the file, so that other rows can name it as their parent */
  key?: string | null;
  /** the `key` of another new row of the file that is this row's parent */
  parentKey?: string | null;
}

export interface WorkItemCsvRow {
  values: WorkItemCsvValues;
  issues: CsvCellIssue[];
}

/** Reads one record against the header; every cell that cannot be read is one issue in its column. */
export function readWorkItemCsvRow(
  columns: readonly WorkItemCsvColumn[],
  fields: readonly string[],
): WorkItemCsvRow {
  const values: WorkItemCsvValues = {};
  const issues: CsvCellIssue[] = [];
  const extra = fields.slice(columns.length).filter((field) => field.trim() !== '');
  if (extra.length > 0) {
    issues.push({
      column: '(row)',
      message: `the row has ${fields.length} fields, the header only ${columns.length}`,
    });
  }
  columns.forEach((column, index) => {
    if (computedColumns.includes(column)) return;
    const issue = readCell(values, column, unescapeSpreadsheetText(fields[index] ?? ''));
    if (issue) issues.push({ column, message: issue });
  });
  return { values, issues };
}

const wholeNumber = /^\d{1,9}$/;
/** The longest `key` a file may use; longer text is more likely a pasted cell than a handle. */
export const maxRowKeyLength = 100;

function readCell(values: WorkItemCsvValues, column: WorkItemCsvColumn, cell: string): string | undefined {
  const text = cell.trim();
  switch (column) {
    case 'team':
    case 'title':
      values[column] = text;
      return text === '' ? 'required' : undefined;
    case 'description':
      values.description = cell;
      return undefined;
    case 'state':
    case 'assignee':
      values[column] = text === '' ? null : text;
      return undefined;
    case 'key':
    case 'parentKey':
      values[column] = text === '' ? null : text;
      return text.length > maxRowKeyLength ? `at most ${maxRowKeyLength} characters` : undefined;
    case 'type': {
      if (text === '') {
        values.type = undefined;
        return undefined;
      }
      const type = workItemTypes.find((candidate) => candidate === text.toLowerCase());
      if (type === undefined) return `unknown type; use one of ${workItemTypes.join(', ')}`;
      values.type = type;
      return undefined;
    }
    case 'priority':
      if (text === '') {
        values.priority = undefined;
        return undefined;
      }
      if (!/^[1-4]$/.test(text)) return 'a whole number from 1 (urgent) to 4 (low)';
      values.priority = Number(text);
      return undefined;
    case 'id':
    case 'parentId':
    case 'estimateMinutes':
      if (text === '') {
        values[column] = null;
        return undefined;
      }
      if (!wholeNumber.test(text) || (column !== 'estimateMinutes' && Number(text) === 0)) {
        return column === 'estimateMinutes' ? 'a whole number of minutes' : 'the number of a work item';
      }
      values[column] = Number(text);
      return undefined;
    case 'spentMinutes':
      if (text === '') {
        values.spentMinutes = undefined;
        return undefined;
      }
      if (!wholeNumber.test(text)) return 'a whole number of minutes';
      values.spentMinutes = Number(text);
      return undefined;
    case 'startDate':
    case 'dueDate': {
      if (text === '') {
        values[column] = null;
        return undefined;
      }
      const date = readCsvDate(text);
      if (date === null) return 'a date as YYYY-MM-DD (or DD/MM/YYYY)';
      values[column] = date;
      return undefined;
    }
    case 'labels': {
      const labels = splitLabels(text);
      const tooLong = labels.find((label) => label.length > 60);
      if (tooLong) return `"${tooLong.slice(0, 20)}…" is longer than 60 characters`;
      if (labels.length > 20) return 'at most 20 labels';
      values.labels = labels;
      return undefined;
    }
    case 'category':
    case 'deadline':
      return undefined;
  }
}

/** Splits a labels cell on `;` or `|`, trimming and dropping empty and repeated labels. */
export function splitLabels(text: string): string[] {
  const labels = text
    .split(labelSeparator)
    .map((label) => label.trim())
    .filter((label) => label !== '');
  return [...new Set(labels)];
}
