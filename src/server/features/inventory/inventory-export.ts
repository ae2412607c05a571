import ExcelJS from 'exceljs';
import { ExportQuery, type Item } from '../../../shared/contracts/inventory';
import { escapeSpreadsheetText, writeCsv } from '../../../shared/domain/csv';
import {
  attributeKeysOf,
  type ItemCsvColumn,
  itemCsvColumns,
  itemCsvHeader,
  itemToCsvFields,
} from '../../../shared/domain/inventory-csv';
import type { AppContext } from '../../context';
import { csvContentType, type DownloadFile, xlsxContentType } from '../../http/download';
import { parseInput } from '../../validation';
import { assertCanReadInventory, type InventoryActor } from './inventory.policy';
import { listItemRows } from './inventory.repository';
import { toItems } from './inventory.service';

/** A file ready to download. */
export type ExportFile = DownloadFile;

// Written as numbers in a spreadsheet; every other cell is text, escaped so it never starts a formula.
const numericColumns = new Set<ItemCsvColumn>(['criticality', 'purchaseCost', 'annualCost']);

/**
 * The items matching the list filters as CSV (UTF-8 with BOM, comma) or XLSX, with the import's own
 * columns so that the file imports back unchanged. Every role that reads the list may export it.
 */
export async function exportItems(
  ctx: AppContext,
  actor: InventoryActor,
  query: Partial<ExportQuery> = {},
): Promise<ExportFile> {
  assertCanReadInventory(actor);
  const { format, ...filter } = parseInput(ExportQuery, query, 'querystring');
  const { rows } = await listItemRows(ctx.db, filter, { sort: 'name', direction: 'asc' });
  const items = await toItems(ctx.db, rows);
  const date = new Date(ctx.now()).toISOString().slice(0, 10);
  if (format === 'xlsx') {
    return {
      filename: `regia-inventory-${date}.xlsx`,
      contentType: xlsxContentType,
      body: await toXlsx(items),
    };
  }
  return { filename: `regia-inventory-${date}.csv`, contentType: csvContentType, body: toCsv(items) };
}

function toCsv(items: readonly Item[]): Buffer {
  const keys = attributeKeysOf(items);
  const rows = [itemCsvHeader(keys), ...items.map((item) => itemToCsvFields(item, keys))];
  // The BOM tells Excel the file is UTF-8; without it accented letters come out garbled.
  return Buffer.from(`\uFEFF${writeCsv(rows.map((row) => row.map(escapeSpreadsheetText)))}`, 'utf8');
}

async function toXlsx(items: readonly Item[]): Promise<Buffer> {
  const keys = attributeKeysOf(items);
  const header = itemCsvHeader(keys);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Regia';
  const sheet = workbook.addWorksheet('Inventory', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const item of items) {
    const cells = itemToCsvFields(item, keys).map((text, index) => {
      const column = itemCsvColumns[index];
      if (column && numericColumns.has(column) && text !== '') return Number(text);
      return escapeSpreadsheetText(text);
    });
    sheet.addRow(cells);
  }
  header.forEach((name, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.min(40, Math.max(10, name.length + 2));
    const field = itemCsvColumns[index];
    if (field === 'purchaseCost' || field === 'annualCost') column.numFmt = '0.00';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
