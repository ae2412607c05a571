import ExcelJS from 'exceljs';
import { WorkItemExportQuery, type WorkItemSummary } from '../../../shared/contracts/work-items';
import { escapeSpreadsheetText, writeCsv } from '../../../shared/domain/csv';
import type { AppContext } from '../../context';
import { csvContentType, type DownloadFile, xlsxContentType } from '../../http/download';
import { parseInput } from '../../validation';
import { assertCanReadWork, type WorkActor } from './work.policy';
import { listAllWorkItemRows, listLabels } from './work-items.repository';
import { toWorkItemSummary } from './work-items.service';
import { deadlineContext } from './work-settings';

/** A file ready to download. */
export type ExportFile = DownloadFile;

// Exports are bounded so that one request cannot hold the server: far above a team's backlog.
const exportLimit = 50_000;

const columns: { header: string; value: (item: WorkItemSummary) => string | number | null }[] = [
  { header: 'id', value: (item) => item.id },
  { header: 'team', value: (item) => item.teamName },
  { header: 'title', value: (item) => item.title },
  { header: 'type', value: (item) => item.type },
  { header: 'state', value: (item) => item.stateName },
  { header: 'category', value: (item) => item.category },
  { header: 'priority', value: (item) => item.priority },
  { header: 'assignee', value: (item) => item.assigneeName },
  { header: 'startDate', value: (item) => item.startDate },
  { header: 'dueDate', value: (item) => item.dueDate },
  { header: 'deadline', value: (item) => item.deadline },
  { header: 'estimateMinutes', value: (item) => item.estimateMinutes },
  { header: 'spentMinutes', value: (item) => item.spentMinutes },
  { header: 'labels', value: (item) => item.labels.join('; ') },
  { header: 'parentId', value: (item) => item.parentId },
];

/** The work items matching the list filters as CSV (UTF-8 with BOM) or XLSX; every reader may export. */
export async function exportWorkItems(
  ctx: AppContext,
  actor: WorkActor,
  query: Partial<WorkItemExportQuery> = {},
): Promise<ExportFile> {
  assertCanReadWork(actor);
  const { format, sort, direction, ...filter } = parseInput(WorkItemExportQuery, query, 'querystring');
  const context = { ...(await deadlineContext(ctx)), userId: actor.userId };
  const rows = await listAllWorkItemRows(ctx.db, filter, context, { sort, direction }, exportLimit);
  const labels = await listLabels(
    ctx.db,
    rows.map((row) => row.id),
  );
  const items = rows.map((row) => toWorkItemSummary(row, labels.get(row.id) ?? [], context));
  const date = new Date(ctx.now()).toISOString().slice(0, 10);
  if (format === 'xlsx') {
    return { filename: `regia-work-${date}.xlsx`, contentType: xlsxContentType, body: await toXlsx(items) };
  }
  const table = [
    columns.map((column) => column.header),
    ...items.map((item) => columns.map((column) => escapeSpreadsheetText(String(column.value(item) ?? '')))),
  ];
  // The BOM tells Excel the file is UTF-8; without it accented letters come out garbled.
  return {
    filename: `regia-work-${date}.csv`,
    contentType: csvContentType,
    body: Buffer.from(`\uFEFF${writeCsv(table)}`, 'utf8'),
  };
}

async function toXlsx(items: readonly WorkItemSummary[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Regia';
  const sheet = workbook.addWorksheet('Work', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(columns.map((column) => column.header)).font = { bold: true };
  for (const item of items) {
    sheet.addRow(
      columns.map((column) => {
        const value = column.value(item);
        // Numbers stay numbers; text is escaped so that it never starts a formula.
        return typeof value === 'number' ? value : escapeSpreadsheetText(value ?? '');
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
