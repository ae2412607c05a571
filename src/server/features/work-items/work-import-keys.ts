import type { CsvCellIssue } from '../../../shared/domain/inventory-csv';
import type { WorkItemCsvColumn, WorkItemCsvValues } from '../../../shared/domain/work-items-csv';
import type { Db } from '../../db/connect';

// The work import's keys: a new row may carry a `key`, and another row may name it as its parent
// (`parentKey`) before the parent exists. What those rules check across the whole file lives here;
// work-import.service.ts plans and writes the rows.

/** A row of the file as read: its line, the values of its cells, and the cells' problems. */
export type ReadRow = { line: number; values: WorkItemCsvValues; issues: CsvCellIssue[] };

/**
 * Checks keys and parents by key, across the file: a key only on a new row and once in the file; a
 * parentKey not together with a parentId, naming a key of the file, and not closing a loop of
 * parents. Loops are followed as they would be after the import: through the file's rows, then
 * the stored items. Returns the errors by row index.
 */
export async function checkRowKeys(
  db: Db,
  loadedItems: ReadonlyMap<number, { parentId: number | null }>,
  rows: ReadRow[],
): Promise<Map<number, CsvCellIssue[]>> {
  const errorsOf = new Map<number, CsvCellIssue[]>();
  const addError = (index: number, column: WorkItemCsvColumn, message: string) =>
    errorsOf.set(index, [...(errorsOf.get(index) ?? []), { column, message }]);
  const rowOfKey = new Map<string, number>();
  const rowOfId = new Map<number, number>();
  for (const [index, { values, issues }] of rows.entries()) {
    const id = values.id ?? null;
    if (id !== null && !rowOfId.has(id)) rowOfId.set(id, index);
    const key = values.key ?? null;
    if (key === null || issues.some((issue) => issue.column === 'key')) continue;
    const earlier = rowOfKey.get(key);
    if (id !== null) {
      addError(index, 'key', `only a new row has a key; other rows name #${id} as parent by parentId`);
    } else if (earlier !== undefined) {
      addError(index, 'key', `"${key}" is also the key of line ${rows[earlier]?.line}: one row per key`);
    } else rowOfKey.set(key, index);
  }

  // A row that updates an item stands for it: the item's parent after the import is the row's.
  type Node = { row: number } | { item: number };
  const nodeOfItem = (id: number): Node => {
    const row = rowOfId.get(id);
    return row === undefined ? { item: id } : { row };
  };
  const storedParents = new Map<number, number | null>();
  const storedParentOf = async (id: number): Promise<number | null> => {
    const loaded = loadedItems.get(id);
    if (loaded) return loaded.parentId;
    const known = storedParents.get(id);
    if (known !== undefined) return known;
    const stored = await db
      .selectFrom('workItems')
      .select('parentId')
      .where('id', '=', id)
      .executeTakeFirst();
    storedParents.set(id, stored?.parentId ?? null);
    return stored?.parentId ?? null;
  };
  const parentOf = async (node: Node): Promise<Node | null> => {
    if ('item' in node) {
      const parentId = await storedParentOf(node.item);
      return parentId === null ? null : nodeOfItem(parentId);
    }
    const { values } = rows[node.row] as ReadRow;
    if (values.parentKey) {
      const row = rowOfKey.get(values.parentKey);
      return row === undefined ? null : { row };
    }
    if (typeof values.parentId === 'number') return nodeOfItem(values.parentId);
    if (values.parentId === undefined && typeof values.id === 'number') return parentOf({ item: values.id });
    return null;
  };
  const nameOf = (node: Node): string => {
    if ('item' in node) return `#${node.item}`;
    const { values, line } = rows[node.row] as ReadRow;
    return values.key ? `"${values.key}"` : typeof values.id === 'number' ? `#${values.id}` : `line ${line}`;
  };
  const idOf = (node: Node) => ('row' in node ? `row ${node.row}` : `item ${node.item}`);

  for (const [index, { values, issues }] of rows.entries()) {
    const parentKey = values.parentKey ?? null;
    if (parentKey === null || issues.some((issue) => issue.column === 'parentKey')) continue;
    if (typeof values.parentId === 'number') {
      addError(index, 'parentKey', 'use parentId (an existing item) or parentKey (a new row), not both');
      continue;
    }
    if (!rowOfKey.has(parentKey)) {
      addError(index, 'parentKey', `no new row of the file has the key "${parentKey}"`);
      continue;
    }
    const start: Node = { row: index };
    const path: Node[] = [start];
    const seen = new Set([idOf(start)]);
    for (let node = await parentOf(start); node; node = await parentOf(node)) {
      path.push(node);
      if (idOf(node) === idOf(start)) {
        addError(index, 'parentKey', `a loop of parents: ${path.map(nameOf).join(' → ')}`);
        break;
      }
      // A loop that does not pass through this row is reported on a row of its own.
      if (seen.has(idOf(node))) break;
      seen.add(idOf(node));
    }
  }
  return errorsOf;
}
