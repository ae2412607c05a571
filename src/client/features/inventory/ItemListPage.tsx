import { Anchor, Button, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileSpreadsheet, IconFileTypeCsv, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ItemKind, itemKinds, itemSortFields } from '../../../shared/contracts/inventory';
import { hasPermission } from '../../../shared/domain/roles';
import { CriticalityBadge, KindBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabels } from '../../components/labels';
import { type Direction, positiveInt } from '../../components/listParams';
import { PagedTable } from '../../components/PagedTable';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { SortHeader } from '../../components/SortHeader';
import { useListParams } from '../../components/useListParams';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { type FilterValues, ItemFilters } from './ItemFilters';
import { exportUrl, type ItemFilter, useItems } from './inventory.api';

type SortField = (typeof itemSortFields)[number];
const pageSize = 25;
const filterKeys = ['q', 'kind', 'ownerTeamId', 'criticality', 'environment', 'tag'] as const;

/** Turns the address bar's filter values into the list query the API accepts. */
function toItemFilter(values: FilterValues, sort: SortField, direction: Direction, page: number): ItemFilter {
  const kind = (itemKinds as readonly string[]).includes(values.kind) ? (values.kind as ItemKind) : undefined;
  return {
    q: values.q.trim() || undefined,
    kind,
    ownerTeamId: positiveInt(values.ownerTeamId),
    criticality: positiveInt(values.criticality),
    environment: (values.environment || undefined) as ItemFilter['environment'],
    tag: values.tag.trim() || undefined,
    sort,
    direction,
    page,
    pageSize,
  };
}

/** The inventory: search, filters, sortable columns, pages, exports. */
export function ItemListPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const me = useSignedInUser();
  const list = useListParams({ sortFields: itemSortFields, defaultSort: 'name', filterKeys });
  const { params, sortProps } = list;

  const values = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) ?? ''])) as FilterValues;
  // Only typed text waits for a pause; strings compare by value, so the debounce settles.
  const [q] = useDebouncedValue(values.q, 250);
  const [tag] = useDebouncedValue(values.tag, 250);
  const filter = toItemFilter({ ...values, q, tag }, list.sort, list.direction, list.page);
  const items = useItems(filter);

  const { kind, ownerTeamId, criticality, environment } = filter;
  const exportFilter = { q: filter.q, kind, ownerTeamId, criticality, environment, tag: filter.tag };
  const canWrite = hasPermission(me.role, 'inventory.write');

  return (
    <>
      <PageHeader
        title={t('inventory.title')}
        actions={
          <>
            <Button
              component="a"
              href={exportUrl({ ...exportFilter, format: 'csv' })}
              download
              variant="default"
              leftSection={<IconFileTypeCsv size={16} />}
              data-testid="export-csv"
            >
              {t('inventory.exportCsv')}
            </Button>
            <Button
              component="a"
              href={exportUrl({ ...exportFilter, format: 'xlsx' })}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              data-testid="export-xlsx"
            >
              {t('inventory.exportXlsx')}
            </Button>
            {canWrite && (
              <Button
                component={Link}
                to="/inventory/new"
                leftSection={<IconPlus size={16} />}
                data-testid="new-item"
              >
                {t('inventory.newItem')}
              </Button>
            )}
          </>
        }
      />
      <ItemFilters values={values} onChange={(change) => list.update(change)} onClear={list.clearFilters} />
      {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      {items.isPending && <PageLoader />}
      {items.data && (
        <PagedTable
          data={items.data}
          minWidth={760}
          testId="item-table"
          head={
            <>
              <SortHeader field="name" {...sortProps}>
                {t('inventory.fields.name')}
              </SortHeader>
              <SortHeader field="kind" {...sortProps}>
                {t('inventory.fields.kind')}
              </SortHeader>
              <SortHeader field="criticality" {...sortProps}>
                {t('inventory.fields.criticality')}
              </SortHeader>
              <SortHeader field="environment" {...sortProps}>
                {t('inventory.fields.environment')}
              </SortHeader>
              <Table.Th>{t('inventory.fields.ownerTeam')}</Table.Th>
              <SortHeader field="endOfSupport" {...sortProps}>
                {t('inventory.fields.endOfSupport')}
              </SortHeader>
              <SortHeader field="updatedAt" {...sortProps}>
                {t('inventory.fields.updatedAt')}
              </SortHeader>
            </>
          }
          renderRow={(item) => (
            <Table.Tr key={item.id} data-testid="item-row">
              <Table.Td>
                <Anchor component={Link} to={`/inventory/${item.id}`} fw={500}>
                  {item.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <KindBadge value={item.kind} />
              </Table.Td>
              <Table.Td>
                <CriticalityBadge value={item.criticality} />
              </Table.Td>
              <Table.Td>{labels.environment(item.environment)}</Table.Td>
              <Table.Td>{item.ownerTeamName ?? t('common.none')}</Table.Td>
              <Table.Td>{format.date(item.endOfSupport)}</Table.Td>
              <Table.Td>{format.dateTime(item.updatedAt)}</Table.Td>
            </Table.Tr>
          )}
          emptyText={t('common.noResults')}
          onPage={list.onPage}
        />
      )}
    </>
  );
}
