import { Anchor, Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type ProcedureState,
  type ProcedureTestKind,
  procedureStates,
  procedureTestKinds,
  type procedureTestSortFields,
} from '../../../shared/contracts/procedures';
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
import { TeamFilter } from '../teams/TeamFilter';
import { OutcomeBadge, ProcedureStateBadge, useProcedureLabels } from './procedureLabels';
import { type ProcedureFilter, useProcedureTests } from './procedures.api';

type SortField = (typeof procedureTestSortFields)[number];
const sortFields: readonly SortField[] = ['name', 'dueAt', 'updatedAt'];
const pageSize = 50;
const filterKeys = ['ownerTeamId', 'kind', 'state', 'overdue'] as const;

/** Procedure tests (restores, DR drills…) with due date and state. */
export function ProcedureListPage() {
  const { t } = useTranslation();
  const labels = useProcedureLabels();
  const format = useFormat();
  const me = useSignedInUser();
  const list = useListParams({ sortFields, defaultSort: 'dueAt', filterKeys });
  const { params, update, sortProps } = list;

  const kind = params.get('kind') ?? '';
  const state = params.get('state') ?? '';
  const overdue = params.get('overdue');
  const filter: ProcedureFilter = {
    ownerTeamId: positiveInt(params.get('ownerTeamId')),
    kind: (procedureTestKinds as readonly string[]).includes(kind) ? (kind as ProcedureTestKind) : undefined,
    state: (procedureStates as readonly string[]).includes(state) ? (state as ProcedureState) : undefined,
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    sort: list.sort,
    direction: list.direction,
    page: list.page,
    pageSize,
  };
  const tests = useProcedureTests(filter);

  const canWrite = hasPermission(me.role, 'inventory.write');
  const selectProps = filterSelectProps(190);

  return (
    <>
      <PageHeader
        title={t('procedures.title')}
        actions={
          canWrite && (
            <Button
              component={Link}
              to="/procedures/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-procedure"
            >
              {t('procedures.newTest')}
            </Button>
          )
        }
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('procedures.intro')}
      </Text>
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
        <TeamFilter
          label={t('procedures.fields.team')}
          value={params.get('ownerTeamId') ?? ''}
          onChange={(value) => update({ ownerTeamId: value })}
          width={190}
          data-testid="procedure-filter-team"
        />
        <Select
          label={t('procedures.fields.kind')}
          placeholder={t('common.all')}
          data={labels.kindOptions}
          value={kind || null}
          onChange={(value) => update({ kind: value ?? '' })}
          data-testid="procedure-filter-kind"
          {...selectProps}
        />
        <Select
          label={t('procedures.fields.state')}
          placeholder={t('common.all')}
          data={labels.stateOptions}
          value={state || null}
          onChange={(value) => update({ state: value ?? '' })}
          data-testid="procedure-filter-state"
          {...selectProps}
        />
        <Select
          label={t('procedures.fields.dueDate')}
          placeholder={t('common.all')}
          data={[
            { value: 'true', label: t('procedures.overdueOnly') },
            { value: 'false', label: t('procedures.notOverdue') },
          ]}
          value={overdue}
          onChange={(value) => update({ overdue: value ?? '' })}
          data-testid="procedure-filter-overdue"
          {...selectProps}
        />
      </FilterBar>
      {tests.isError && <ErrorAlert error={tests.error} onRetry={() => void tests.refetch()} />}
      {tests.isPending && <PageLoader />}
      {tests.data && (
        <PagedTable
          data={tests.data}
          minWidth={900}
          testId="procedure-table"
          head={
            <>
              <Table.Th>{t('procedures.fields.state')}</Table.Th>
              <SortHeader field="name" {...sortProps}>
                {t('procedures.fields.name')}
              </SortHeader>
              <Table.Th>{t('procedures.fields.kind')}</Table.Th>
              <Table.Th>{t('procedures.fields.item')}</Table.Th>
              <Table.Th>{t('procedures.fields.team')}</Table.Th>
              <SortHeader field="dueAt" {...sortProps}>
                {t('procedures.fields.dueDate')}
              </SortHeader>
              <Table.Th>{t('procedures.fields.lastOutcome')}</Table.Th>
            </>
          }
          renderRow={(test) => (
            <Table.Tr key={test.id} data-testid="procedure-row">
              <Table.Td>
                <ProcedureStateBadge state={test.state} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/procedures/${test.id}`} fw={500}>
                  {test.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{labels.kind(test.kind)}</Table.Td>
              <Table.Td>
                <ItemLink itemId={test.itemId} itemName={test.itemName} />
              </Table.Td>
              <Table.Td>{test.ownerTeamName ?? t('common.none')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Group gap={6} wrap="nowrap">
                  <Text
                    size="sm"
                    c={test.isOverdue ? 'red' : undefined}
                    fw={test.isOverdue ? 600 : undefined}
                  >
                    {format.date(test.dueDate)}
                  </Text>
                  {test.isOverdue && (
                    <Badge color="red" variant="light" size="sm" style={{ textTransform: 'none' }}>
                      {t('procedures.overdue')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {test.lastRun ? (
                  <Group gap={6} wrap="nowrap">
                    <OutcomeBadge outcome={test.lastRun.outcome} />
                    <Text size="sm" c="dimmed">
                      {format.date(test.lastRun.effectiveDate)}
                    </Text>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('procedures.neverRun')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          )}
          emptyText={list.hasFilters ? t('common.noResults') : t('procedures.empty')}
          onPage={list.onPage}
        />
      )}
    </>
  );
}
