import { Anchor, Button, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { checkKinds } from '../../../shared/contracts/check-kinds';
import type { CheckListQuery } from '../../../shared/contracts/checks';
import { type CheckState, checkStates } from '../../../shared/domain/check-state';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar, filterSelectProps } from '../../components/FilterBar';
import { positiveInt } from '../../components/listParams';
import { PagedTable } from '../../components/PagedTable';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { SortHeader } from '../../components/SortHeader';
import { useListParams } from '../../components/useListParams';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { ItemLink } from '../inventory/ItemLink';
import { ItemPicker } from '../inventory/ItemPicker';
import { useItem } from '../inventory/inventory.api';
import { TeamFilter } from '../teams/TeamFilter';
import { useTeams } from '../teams/teams.api';
import { CheckStateBadge, Sparkline } from './CheckBits';
import { formatMs, useCheckLabels } from './checkLabels';
import { useCheckStream } from './checkStream';
import { type CheckFilter, useChecks } from './checks.api';
import { LiveIndicator } from './LiveIndicator';

type SortField = CheckListQuery['sort'];
const sortFields: readonly SortField[] = ['name', 'state', 'kind', 'lastResultAt'];
const pageSize = 50;
const filterKeys = ['q', 'itemId', 'ownerTeamId', 'kind', 'state'] as const;

/** Every check with its state, last message, latency and a 24 h sparkline; updated live. */
export function CheckListPage() {
  const { t } = useTranslation();
  const labels = useCheckLabels();
  const format = useFormat();
  const me = useSignedInUser();
  const teams = useTeams();
  const live = useCheckStream();
  const list = useListParams({ sortFields, defaultSort: 'name', filterKeys });
  const { params, update, sortProps } = list;

  const itemId = positiveInt(params.get('itemId'));
  const kind = params.get('kind') ?? '';
  const state = params.get('state') ?? '';
  const [q] = useDebouncedValue(params.get('q') ?? '', 250);
  const filter: CheckFilter = {
    q: q.trim() || undefined,
    itemId,
    ownerTeamId: positiveInt(params.get('ownerTeamId')),
    kind: (checkKinds as readonly string[]).includes(kind) ? kind : undefined,
    state: (checkStates as readonly string[]).includes(state) ? (state as CheckState) : undefined,
    sort: list.sort,
    direction: list.direction,
    page: list.page,
    pageSize,
  };
  const checks = useChecks(filter);
  const item = useItem(itemId ?? 0);

  const canWrite = hasPermission(me.role, 'inventory.write');
  const teamName = new Map((teams.data?.rows ?? []).map((team) => [team.id, team.name]));
  const selectProps = filterSelectProps(170);

  return (
    <>
      <PageHeader
        title={t('checks.title')}
        actions={
          <>
            <LiveIndicator status={live} />
            {canWrite && (
              <Button
                component={Link}
                to="/checks/new"
                leftSection={<IconPlus size={16} />}
                data-testid="new-check"
              >
                {t('checks.newCheck')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
        <TextInput
          label={t('common.search')}
          placeholder={t('checks.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={params.get('q') ?? ''}
          onChange={(event) => update({ q: event.currentTarget.value })}
          w={{ base: '100%', sm: 220 }}
          data-testid="check-search"
        />
        <ItemPicker
          label={t('checks.fields.item')}
          placeholder={t('common.all')}
          value={itemId ?? null}
          selectedName={item.data?.name ?? null}
          onChange={(id) => update({ itemId: id === null ? '' : String(id) })}
          w={{ base: '100%', xs: 200 }}
          data-testid="filter-item"
        />
        <TeamFilter
          label={t('checks.fields.team')}
          value={params.get('ownerTeamId') ?? ''}
          onChange={(value) => update({ ownerTeamId: value })}
          width={170}
          data-testid="filter-team"
        />
        <Select
          label={t('checks.fields.kind')}
          placeholder={t('common.all')}
          data={labels.kindOptions}
          value={kind || null}
          onChange={(value) => update({ kind: value ?? '' })}
          data-testid="filter-kind"
          {...selectProps}
        />
        <Select
          label={t('checks.fields.state')}
          placeholder={t('common.all')}
          data={labels.stateOptions}
          value={state || null}
          onChange={(value) => update({ state: value ?? '' })}
          data-testid="filter-state"
          {...selectProps}
        />
      </FilterBar>
      {checks.isError && <ErrorAlert error={checks.error} onRetry={() => void checks.refetch()} />}
      {checks.isPending && <PageLoader />}
      {checks.data && (
        <PagedTable
          data={checks.data}
          minWidth={980}
          testId="check-table"
          head={
            <>
              <SortHeader field="state" {...sortProps}>
                {t('checks.fields.state')}
              </SortHeader>
              <SortHeader field="name" {...sortProps}>
                {t('checks.fields.name')}
              </SortHeader>
              <SortHeader field="kind" {...sortProps}>
                {t('checks.fields.kind')}
              </SortHeader>
              <Table.Th>{t('checks.fields.item')}</Table.Th>
              <Table.Th>{t('checks.fields.lastMessage')}</Table.Th>
              <Table.Th ta="right">{t('checks.fields.latency')}</Table.Th>
              <Table.Th>{t('checks.last24h')}</Table.Th>
              <SortHeader field="lastResultAt" {...sortProps}>
                {t('checks.fields.lastResultAt')}
              </SortHeader>
            </>
          }
          renderRow={(check) => (
            <Table.Tr key={check.id} data-testid="check-row">
              <Table.Td>
                <CheckStateBadge state={check.state} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/checks/${check.id}`} fw={500}>
                  {check.name}
                </Anchor>
                {check.ownerTeamId !== null && teamName.has(check.ownerTeamId) && (
                  <Text size="xs" c="dimmed">
                    {teamName.get(check.ownerTeamId)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{labels.kind(check.kind)}</Table.Td>
              <Table.Td>
                <ItemLink itemId={check.itemId} itemName={check.itemName} />
              </Table.Td>
              <Table.Td maw={320}>
                <Tooltip label={check.lastMessage} disabled={!check.lastMessage} multiline maw={420}>
                  <Text size="sm" lineClamp={1} data-testid="check-last-message">
                    {check.lastMessage ?? t('common.none')}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatMs(check.lastLatencyMs, format.number)}
              </Table.Td>
              <Table.Td>
                <Sparkline values={check.sparkline} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(check.lastResultAt)}</Table.Td>
            </Table.Tr>
          )}
          emptyText={list.hasFilters || !canWrite ? t('common.noResults') : t('checks.empty')}
          onPage={list.onPage}
        />
      )}
    </>
  );
}
