import { Anchor, Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  type ProcedureState,
  type ProcedureTestKind,
  procedureStates,
  procedureTestKinds,
  type procedureTestSortFields,
} from '../../../shared/contracts/procedures';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { SortHeader } from '../../components/SortHeader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { useTeams } from '../teams/teams.api';
import { OutcomeBadge, ProcedureStateBadge, useProcedureLabels } from './procedureLabels';
import { type ProcedureFilter, useProcedureTests } from './procedures.api';

type SortField = (typeof procedureTestSortFields)[number];
const sortFields: readonly SortField[] = ['name', 'dueAt', 'updatedAt'];
const pageSize = 50;
const filterKeys = ['ownerTeamId', 'kind', 'state', 'overdue'] as const;

function positiveInt(value: string | null): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** Procedure tests (restores, DR drills…) with due date and state. */
export function ProcedureListPage() {
  const { t } = useTranslation();
  const labels = useProcedureLabels();
  const format = useFormat();
  const me = useSignedInUser();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();

  const sortParam = params.get('sort') as SortField | null;
  const sort: SortField = sortParam && sortFields.includes(sortParam) ? sortParam : 'dueAt';
  const direction: 'asc' | 'desc' = params.get('direction') === 'desc' ? 'desc' : 'asc';
  const page = positiveInt(params.get('page')) ?? 1;
  const kind = params.get('kind') ?? '';
  const state = params.get('state') ?? '';
  const overdue = params.get('overdue');
  const filter: ProcedureFilter = {
    ownerTeamId: positiveInt(params.get('ownerTeamId')),
    kind: (procedureTestKinds as readonly string[]).includes(kind) ? (kind as ProcedureTestKind) : undefined,
    state: (procedureStates as readonly string[]).includes(state) ? (state as ProcedureState) : undefined,
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    sort,
    direction,
    page,
    pageSize,
  };
  const tests = useProcedureTests(filter);

  const update = (change: Record<string, string>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const canWrite = hasPermission(me.role, 'inventory.write');
  const hasFilters = filterKeys.some((key) => params.get(key));
  const teamOptions = (teams.data?.rows ?? []).map((team) => ({ value: String(team.id), label: team.name }));
  const sortProps = {
    sort,
    direction,
    onSort: (field: SortField, dir: 'asc' | 'desc') => update({ sort: field, direction: dir }),
  };
  const selectProps = {
    clearable: true,
    w: { base: '100%', xs: 190 },
    comboboxProps: { withinPortal: true },
  };

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
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <Select
          label={t('procedures.fields.team')}
          placeholder={t('common.all')}
          data={teamOptions}
          value={params.get('ownerTeamId') || null}
          onChange={(value) => update({ ownerTeamId: value ?? '' })}
          searchable
          data-testid="procedure-filter-team"
          {...selectProps}
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
        {hasFilters && (
          <Button
            variant="subtle"
            leftSection={<IconX size={14} />}
            onClick={() => update(Object.fromEntries(filterKeys.map((key) => [key, ''])))}
          >
            {t('inventory.clearFilters')}
          </Button>
        )}
      </Group>
      {tests.isError && <ErrorAlert error={tests.error} onRetry={() => void tests.refetch()} />}
      {tests.isPending && <PageLoader />}
      {tests.data && (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="procedure-table">
              <Table.Thead>
                <Table.Tr>
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
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tests.data.rows.map((test) => (
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
                      {test.itemId !== null ? (
                        <Anchor component={Link} to={`/inventory/${test.itemId}`} size="sm">
                          {test.itemName ?? test.itemId}
                        </Anchor>
                      ) : (
                        t('common.none')
                      )}
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
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {tests.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {hasFilters ? t('common.noResults') : t('procedures.empty')}
            </Text>
          )}
          <Pager
            total={tests.data.total}
            page={tests.data.page}
            pageSize={tests.data.pageSize}
            onPage={(next) => update({ page: String(next) }, false)}
          />
        </>
      )}
    </>
  );
}
