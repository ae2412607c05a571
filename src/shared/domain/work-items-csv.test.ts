import { describe, expect, it } from 'vitest';
import { readWorkItemCsvHeader, readWorkItemCsvRow, splitLabels } from './work-items-csv';

describe('readWorkItemCsvHeader', () => {
  it('accepts the export columns in any letter case', () => {
    expect(readWorkItemCsvHeader(['ID', 'Team', 'title', 'DueDate'])).toEqual({
      isValid: true,
      columns: ['id', 'team', 'title', 'dueDate'],
    });
  });

  it('names unknown and repeated columns, and a missing team', () => {
    const result = readWorkItemCsvHeader(['title', 'colour', 'title']);
    expect(!result.isValid && result.issues.map((issue) => issue.column)).toEqual([
      'colour',
      'title',
      'team',
    ]);
  });
});

describe('readWorkItemCsvRow', () => {
  const header = readWorkItemCsvHeader([
    'id',
    'team',
    'title',
    'type',
    'priority',
    'dueDate',
    'deadline',
    'estimateMinutes',
    'labels',
  ]);
  const columns = header.isValid ? header.columns : [];

  it('reads Italian dates, escaped formulas and labels, and ignores computed columns', () => {
    const row = readWorkItemCsvRow(columns, [
      '',
      'Rete',
      "'=1+1",
      'Change',
      '2',
      '05/03/2031',
      'overdue',
      '90',
      'a; b|a',
    ]);
    expect(row).toEqual({
      values: {
        id: null,
        team: 'Rete',
        title: '=1+1',
        type: 'change',
        priority: 2,
        dueDate: '2031-03-05',
        estimateMinutes: 90,
        labels: ['a', 'b'],
      },
      issues: [],
    });
  });

  it('gives one issue per unreadable cell, in its column', () => {
    const row = readWorkItemCsvRow(columns, ['x', '', 't', 'chore', '5', '31/02/2031', '', '-1', '']);
    expect(row.issues.map((issue) => issue.column)).toEqual([
      'id',
      'team',
      'type',
      'priority',
      'dueDate',
      'estimateMinutes',
    ]);
  });

  it('drops empty and repeated labels', () => {
    expect(splitLabels(' ; x ;x| y ')).toEqual(['x', 'y']);
  });
});
