import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Pager } from './Pager';

type Page<Row> = { rows: readonly Row[]; total: number; page: number; pageSize: number };

type Props<Row> = {
  data: Page<Row>;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  testId: string;
  /** The header cells. */
  head: ReactNode;
  renderRow: (row: Row) => ReactNode;
  /** Shown under the table when the page has no rows. */
  emptyText: string;
  onPage: (page: number) => void;
};

/** One page of a list as a striped table, with the total and page numbers under it. */
export function PagedTable<Row>({ data, minWidth, testId, head, renderRow, emptyText, onPage }: Props<Row>) {
  return (
    <>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{data.rows.map(renderRow)}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data.rows.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {emptyText}
        </Text>
      )}
      <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={onPage} />
    </>
  );
}
