import { Anchor, Group, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type WorkItemSummary,
  type WorkView,
  type WorkViewFilters,
  type WorkViewGrouping,
  workItemSortFields,
} from '../../../shared/contracts/work-items';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { SavedViewsMenu } from './SavedViewsMenu';
import { WorkItemBadges } from './workItemParts';
import { useWorkItems, type WorkFilter } from './workItems.api';

const pageSize = 50;
type GroupBy = WorkViewGrouping;

/** A filtered, sorted, paged list of work items, optionally grouped on the page. */
export function WorkList({ base }: { base: WorkFilter }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<WorkFilter>({ sort: 'dueDate', direction: 'asc', page: 1 });
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const [text, setText] = useState('');
  // The saved view shown as it was saved; any change of filter, order or grouping leaves it.
  const [activeViewId, setActiveViewId] = useState<number | null>(null);
  const items = useWorkItems({ ...base, ...filter, pageSize });
  const change = (next: Partial<WorkFilter>) => {
    setActiveViewId(null);
    setFilter((current) => ({ ...current, ...next, page: 1 }));
  };
  const search = useDebouncedCallback((value: string) => change({ q: value.trim() || undefined }), 300);
  const { page: _page, sort, direction, ...filters } = filter;
  // A saved view replaces the filters, order and grouping at once.
  const applyView = (view: WorkView) => {
    search.cancel();
    setFilter({ ...view.filters, sort: view.sort, direction: view.direction, page: 1 });
    setText(view.filters.q ?? '');
    setGroupBy(view.groupBy);
    setActiveViewId(view.id);
  };

  const groupOf = (item: WorkItemSummary): string => {
    if (groupBy === 'state') return item.stateName;
    if (groupBy === 'assignee') return item.assigneeName ?? t('workItems.unassigned');
    if (groupBy === 'priority') return t(`workItems.priorities.${String(item.priority) as '1'}`);
    return '';
  };
  const rows = items.data?.rows ?? [];
  // Groups are made from the page shown; a count of one page's rows would understate a bigger list.
  const isOnePage = (items.data?.total ?? 0) <= pageSize;
  const groups = new Map<string, WorkItemSummary[]>();
  for (const item of rows) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);

  return (
    <>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        {base.teamId !== undefined && (
          <SavedViewsMenu
            teamId={base.teamId}
            current={{
              filters: filters as WorkViewFilters,
              sort: sort ?? 'dueDate',
              direction: direction ?? 'asc',
              groupBy,
            }}
            activeViewId={activeViewId}
            onApply={applyView}
          />
        )}
        <TextInput
          label={t('workItems.fields.text')}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            search(event.currentTarget.value);
          }}
          w={200}
          data-testid="filter-text"
        />
        <Select
          label={t('workItems.listControls.deadline')}
          placeholder={t('workItems.allDeadlines')}
          clearable
          data={[
            { value: 'overdue', label: t('workItems.overdue') },
            { value: 'dueSoon', label: t('workItems.dueSoon') },
          ]}
          value={filter.deadline ?? null}
          onChange={(value) => change({ deadline: (value as WorkFilter['deadline']) ?? undefined })}
          w={170}
          data-testid="filter-deadline"
        />
        <Select
          label={t('workItems.fields.priority')}
          clearable
          data={['1', '2', '3', '4'].map((value) => ({
            value,
            label: t(`workItems.priorities.${value as '1'}`),
          }))}
          value={filter.priority === undefined ? null : String(filter.priority)}
          onChange={(value) => change({ priority: value ? Number(value) : undefined })}
          w={140}
          data-testid="filter-priority"
        />
        <Select
          label={t('workItems.listControls.sortBy')}
          data={workItemSortFields.map((value) => ({
            value,
            label: t(`workItems.listControls.sortFields.${value}`),
          }))}
          value={filter.sort ?? 'dueDate'}
          onChange={(value) => change({ sort: (value as WorkFilter['sort']) ?? 'dueDate' })}
          allowDeselect={false}
          w={160}
          data-testid="sort-field"
        />
        <Select
          label={t('workItems.listControls.direction')}
          data={[
            { value: 'asc', label: t('workItems.listControls.ascending') },
            { value: 'desc', label: t('workItems.listControls.descending') },
          ]}
          value={filter.direction ?? 'asc'}
          onChange={(value) => change({ direction: value === 'desc' ? 'desc' : 'asc' })}
          allowDeselect={false}
          w={140}
          data-testid="sort-direction"
        />
        <Select
          label={t('workItems.groupBy')}
          data={[
            { value: 'none', label: t('workItems.noGroup') },
            { value: 'state', label: t('workItems.fields.state') },
            { value: 'assignee', label: t('workItems.fields.assignee') },
            { value: 'priority', label: t('workItems.fields.priority') },
          ]}
          value={groupBy}
          onChange={(value) => {
            setActiveViewId(null);
            setGroupBy((value as GroupBy) ?? 'none');
          }}
          allowDeselect={false}
          w={160}
          data-testid="group-by"
        />
      </Group>
      {items.isPending && <PageLoader />}
      {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      {items.data && rows.length === 0 && <Text c="dimmed">{t('workItems.noItems')}</Text>}
      {[...groups.entries()].map(([group, members]) => (
        <div key={group}>
          {group && (
            <Title order={2} size="h5" mt="md" mb="xs">
              {isOnePage ? `${group} (${members.length})` : group}
            </Title>
          )}
          <Table striped highlightOnHover data-testid="work-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workItems.fields.title')}</Table.Th>
                <Table.Th>{t('workItems.fields.state')}</Table.Th>
                <Table.Th>{t('workItems.fields.assignee')}</Table.Th>
                <Table.Th>{t('workItems.fields.priority')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/work-items/${item.id}`}>
                      #{item.id} {item.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.stateName}</Table.Td>
                  <Table.Td>{item.assigneeName ?? '—'}</Table.Td>
                  <Table.Td>
                    <WorkItemBadges item={item} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ))}
      {items.data && (
        <Pager
          total={items.data.total}
          page={items.data.page}
          pageSize={pageSize}
          onPage={(page) => setFilter((current) => ({ ...current, page }))}
        />
      )}
    </>
  );
}
