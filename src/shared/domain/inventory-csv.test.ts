import { describe, expect, it } from 'vitest';
import {
  attributeKeysOf,
  itemCsvHeader,
  itemToCsvFields,
  readAttributeText,
  readCsvDate,
  readItemCsvHeader,
  readItemCsvRow,
  splitTags,
} from './inventory-csv';

describe('readItemCsvHeader', () => {
  it('accepts the field names in any letter case and attr.<key> columns', () => {
    const result = readItemCsvHeader(['Name', 'KIND', 'ownerteam', 'attr.Rack']);
    expect(result).toEqual({
      isValid: true,
      columns: [
        { kind: 'field', field: 'name', label: 'name' },
        { kind: 'field', field: 'kind', label: 'kind' },
        { kind: 'field', field: 'ownerTeam', label: 'ownerTeam' },
        { kind: 'attribute', key: 'Rack', label: 'attr.Rack' },
      ],
    });
  });

  it('names every unknown or repeated column, and a missing name column', () => {
    const result = readItemCsvHeader(['kind', 'colour', 'kind', 'attr.']);
    expect(result.isValid).toBe(false);
    expect(!result.isValid && result.issues.map((issue) => issue.column)).toEqual([
      'colour',
      'kind',
      'attr.',
      'name',
    ]);
  });
});

describe('readItemCsvRow', () => {
  const header = readItemCsvHeader([
    'name',
    'kind',
    'criticality',
    'environment',
    'purchaseCost',
    'warrantyEnd',
    'tags',
    'ownerTeam',
    'description',
    'attr.ram',
  ]);
  const columns = header.isValid ? header.columns : [];

  it('converts cells into field values', () => {
    const row = readItemCsvRow(columns, [
      ' mail ',
      'Server',
      '2',
      'production',
      '1.234,50',
      '31/12/2027',
      'eu | mail|eu',
      'Ops',
      "'=not a formula",
      '16',
    ]);
    expect(row.issues).toEqual([]);
    expect(row.values).toEqual({
      name: 'mail',
      kind: 'server',
      criticality: 2,
      environment: 'production',
      purchaseCostCents: 123450,
      warrantyEnd: '2027-12-31',
      tags: ['eu', 'mail'],
      ownerTeam: 'Ops',
      description: '=not a formula',
      attributeTexts: { ram: '16' },
    });
  });

  it('reports each unreadable cell by its column, and reads missing trailing cells as empty', () => {
    const row = readItemCsvRow(columns, ['x', 'toaster', 'high', 'prod', '1.234', '31/02/2027']);
    expect(row.issues.map((issue) => issue.column)).toEqual([
      'kind',
      'criticality',
      'environment',
      'purchaseCost',
      'warrantyEnd',
    ]);
    expect(row.values.tags).toEqual([]);
    expect(row.values.ownerTeam).toBeNull();
  });

  it('refuses a row with more non-empty fields than the header', () => {
    const short = readItemCsvHeader(['name']);
    const row = readItemCsvRow(short.isValid ? short.columns : [], ['x', 'extra', '']);
    expect(row.issues).toEqual([{ column: '(row)', message: 'the row has 3 fields, the header only 1' }]);
  });
});

describe('cell rules', () => {
  it('reads dates as ISO or day first, and refuses days that do not exist', () => {
    expect(readCsvDate('2027-01-05')).toBe('2027-01-05');
    expect(readCsvDate('5/1/2027')).toBe('2027-01-05');
    expect(readCsvDate('05.01.2027')).toBe('2027-01-05');
    expect(readCsvDate('2027-02-29')).toBeNull();
    expect(readCsvDate('01/13/2027')).toBeNull();
    expect(readCsvDate('next week')).toBeNull();
  });

  it('reads attribute cells as booleans, numbers or text', () => {
    expect(readAttributeText('true')).toBe(true);
    expect(readAttributeText('16')).toBe(16);
    expect(readAttributeText('-1.5')).toBe(-1.5);
    expect(readAttributeText('007')).toBe('007');
    expect(readAttributeText('')).toBeUndefined();
  });

  it('splits tags on | without blanks or repeats', () => {
    expect(splitTags(' a |b||a ')).toEqual(['a', 'b']);
  });
});

describe('export rows', () => {
  it('writes the import columns, with one attr.<key> per attribute key', () => {
    const item = {
      name: 'db1',
      kind: 'database',
      description: '',
      ownerTeamName: 'Data',
      criticality: 1,
      environment: 'production',
      location: 'Milano',
      vendor: 'Postgres',
      acquiredOn: '2024-01-02',
      warrantyEnd: null,
      endOfSupport: null,
      purchaseCostCents: 123456,
      annualCostCents: null,
      currency: 'EUR',
      tags: ['a', 'b'],
      attributes: { version: 16, ha: true },
    };
    const keys = attributeKeysOf([item, { attributes: { zone: 'x' } }]);
    expect(keys).toEqual(['ha', 'version', 'zone']);
    expect(itemCsvHeader(keys).slice(-4)).toEqual(['tags', 'attr.ha', 'attr.version', 'attr.zone']);
    expect(itemToCsvFields(item, keys)).toEqual([
      'db1',
      'database',
      '',
      'Data',
      '1',
      'production',
      'Milano',
      'Postgres',
      '2024-01-02',
      '',
      '',
      '1234.56',
      '',
      'EUR',
      'a|b',
      'true',
      '16',
      '',
    ]);
  });
});
