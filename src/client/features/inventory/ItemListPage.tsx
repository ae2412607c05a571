import { Anchor, Button, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileSpreadsheet, IconFileTypeCsv, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ItemKind, itemKinds, type itemSortFields } from '../../../shared/contracts/inventory';
import { hasPermission } from '../../../shared/domain/roles';
import { CriticalityBadge, KindBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabels } from '../../components/labels';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { SortHeader } from '../../components/SortHeader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { type FilterValues, ItemFilters } from './ItemFilters';
import { exportUrl, type ItemFilter, useItems } from './inventory.api';

type SortField = (typeof itemSortFields)[number];
const pageSize = 25;
const filterKeys = ['q', 'kind', 'ownerTeamId', 'criticality', 'environment', 'tag'] as const;

function positiveInt(value: string | null): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** Turns the address bar's filter values into the list query the API accepts. */
function toItemFilter(
  values: FilterValues,
  sort: SortField,
  direction: 'asc' | 'desc',
  page: number,
): ItemFilter {
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
  const [params, setParams] = useSearchParams();

  const values = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) ?? ''])) as FilterValues;
  const sort = (params.get('sort') ?? 'name') as SortField;
  const direction: 'asc' | 'desc' = params.get('direction') === 'desc' ? 'desc' : 'asc';
  const page = positiveInt(params.get('page')) ?? 1;
  // Only typed text waits for a pause; strings compare by value, so the debounce settles.
  const [q] = useDebouncedValue(values.q, 250);
  const [tag] = useDebouncedValue(values.tag, 250);
  const filter = toItemFilter({ ...values, q, tag }, sort, direction, page);
  const items = useItems(filter);

  const update = (change: Record<string, string>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const { kind, ownerTeamId, criticality, environment } = filter;
  const exportFilter = { q: filter.q, kind, ownerTeamId, criticality, environment, tag: filter.tag };
  const canWrite = hasPermission(me.role, 'inventory.write');
  const sortProps = {
    sort,
    direction,
    onSort: (field: SortField, dir: 'asc' | 'desc') => update({ sort: field, direction: dir }),
  };

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
      <ItemFilters
        values={values}
        onChange={(change) => update(change)}
        onClear={() => update(Object.fromEntries(filterKeys.map((key) => [key, ''])))}
      />
      {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      {items.isPending && <PageLoader />}
      {items.data && (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="item-table">
              <Table.Thead>
                <Table.Tr>
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
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.data.rows.map((item) => (
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
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {items.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {t('common.noResults')}
            </Text>
          )}
          <Pager
            total={items.data.total}
            page={items.data.page}
            pageSize={items.data.pageSize}
            onPage={(next) => update({ page: String(next) }, false)}
          />
        </>
      )}
    </>
  );
}
