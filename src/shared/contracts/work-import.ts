import { ImportReport, ImportRequest } from './inventory';

// A work-item CSV import speaks the inventory import's language: the same request (the file's
// text and a dry-run flag) and the same preview (one line per row, errors column by column), so
// that one page component and one habit serve both. `name` in a row report is the item's title.

/** CSV import of work items: the file's text; `dryRun` (the default) previews without writing. */
export const WorkImportRequest = ImportRequest;
export type WorkImportRequest = ImportRequest;

/** What an import would do (or did) to each row of the file. */
export const WorkImportReport = ImportReport;
export type WorkImportReport = ImportReport;
