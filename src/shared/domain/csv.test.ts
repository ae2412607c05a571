import { describe, expect, it } from 'vitest';
import {
  detectSeparator,
  escapeSpreadsheetText,
  formatCentsAsDecimal,
  parseCsv,
  parseDecimalAmount,
  unescapeSpreadsheetText,
  writeCsv,
} from './csv';

describe('parseCsv', () => {
  it('reads an Italian Excel file: BOM, semicolons, CRLF, a quoted newline and doubled quotes', () => {
    const text =
      '\uFEFFname;description;annualCost\r\nmail;"first line\r\nsecond ""quoted"" line";1.234,56\r\nweb;plain;12\r\n';
    const result = parseCsv(text);
    expect(result).toEqual({
      isParsed: true,
      separator: ';',
      records: [
        { line: 1, fields: ['name', 'description', 'annualCost'] },
        { line: 2, fields: ['mail', 'first line\nsecond "quoted" line', '1.234,56'] },
        { line: 4, fields: ['web', 'plain', '12'] },
      ],
    });
  });

  it('counts lines as the file has them, skipping blank lines and rows of empty fields', () => {
    const result = parseCsv('name,d\n"a","x\n\ny"\n\n,\nb,z');
    expect(result.isParsed && result.records.map((record) => [record.line, record.fields[0]])).toEqual([
      [1, 'name'],
      [2, 'a'],
      [7, 'b'],
    ]);
  });

  it('keeps commas inside quoted fields of a comma file, and reads old Mac CR line ends', () => {
    const result = parseCsv('name,vendor\r"Rack 1, row 2",ACME\r');
    expect(result.isParsed && result.records[1]).toEqual({ line: 2, fields: ['Rack 1, row 2', 'ACME'] });
  });

  it('names the line of a quote that is never closed, without throwing', () => {
    const result = parseCsv('name,d\nok,fine\n"broken,value\n');
    expect(result).toMatchObject({ isParsed: false, line: 3 });
    expect(!result.isParsed && result.message).toMatch(/never closed/);
  });
});

describe('detectSeparator', () => {
  it('counts separators on the header line only, outside quotes', () => {
    expect(detectSeparator('name;kind;vendor\n"a,b,c,d";x;y')).toBe(';');
    expect(detectSeparator('name,kind\nx;y;z;w,v')).toBe(',');
    expect(detectSeparator('"a;b",c')).toBe(',');
    expect(detectSeparator('name')).toBe(',');
  });
});

describe('parseDecimalAmount', () => {
  it.each([
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567', 123456700],
    ['1 234,5', 123450],
    ['0,05', 5],
    ['12', 1200],
  ])('reads %s as %i cents', (text, cents) => {
    expect(parseDecimalAmount(text)).toEqual({ isValid: true, cents });
  });

  it.each([
    ['1.234', /ambiguous/],
    ['1,234', /ambiguous/],
    ['12.345', /ambiguous/],
    ['1234.567', /two decimals/],
    ['-5', /negative/],
    ['1.23.45', /not an amount/],
    ['1.234.56', /not an amount/],
    ['abc', /not an amount/],
  ])('refuses %s', (text, message) => {
    const result = parseDecimalAmount(text);
    expect(result.isValid).toBe(false);
    expect(!result.isValid && result.message).toMatch(message);
  });

  it('writes cents back as a plain decimal', () => {
    expect(formatCentsAsDecimal(123456)).toBe('1234.56');
    expect(formatCentsAsDecimal(5)).toBe('0.05');
    expect(parseDecimalAmount(formatCentsAsDecimal(99_999_999))).toEqual({
      isValid: true,
      cents: 99_999_999,
    });
  });
});

describe('spreadsheet formula escaping', () => {
  it.each(['=1+1', '+39 02 1234', '-5', '@SUM(A1)', '\tx', '\rx'])('escapes %j', (value) => {
    expect(escapeSpreadsheetText(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    expect(escapeSpreadsheetText('mail server')).toBe('mail server');
    expect(escapeSpreadsheetText("it's = fine")).toBe("it's = fine");
  });

  it('round-trips every value, even one that already starts with a quote', () => {
    for (const value of ['=1+1', "'=1+1", "''@x", "'plain", 'plain', '', "'"]) {
      expect(unescapeSpreadsheetText(escapeSpreadsheetText(value))).toBe(value);
    }
  });
});

describe('writeCsv', () => {
  it('quotes fields with separators, quotes or newlines and parses back to the same rows', () => {
    const rows = [
      ['name', 'description'],
      ['a, b', 'say "hi"\nthen go'],
    ];
    const text = writeCsv(rows);
    expect(text).toBe('name,description\r\n"a, b","say ""hi""\nthen go"\r\n');
    const parsed = parseCsv(text);
    expect(parsed.isParsed && parsed.records.map((record) => record.fields)).toEqual(rows);
  });
});
