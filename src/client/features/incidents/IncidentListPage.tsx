import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type IncidentState, incidentStates } from '../../../shared/contracts/incidents';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { SortHeader } from '../../components/SortHeader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { useTeams } from '../teams/teams.api';
import { IncidentStateBadge, SeverityBadge, useIncidentLabels } from './incidentLabels';
import { type IncidentFilter, useIncidents } from './incidents.api';

type SortField = 'detectedAt' | 'severity' | 'updatedAt';
const sortFields: readonly SortField[] = ['detectedAt', 'severity', 'updatedAt'];
const pageSize = 50;
const filterKeys = ['state', 'open', 'severity', 'teamId', 'q'] as const;

function positiveInt(value: string | null): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** Incidents, newest first, with filters kept in the address so a filtered list can be shared. */
export function IncidentListPage() {
  const { t } = useTranslation();
  const labels = useIncidentLabels();
  const format = useFormat();
  const me = useSignedInUser();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();

  const sortParam = params.get('sort') as SortField | null;
  const sort: SortField = sortParam && sortFields.includes(sortParam) ? sortParam : 'detectedAt';
  const direction: 'asc' | 'desc' = params.get('direction') === 'asc' ? 'asc' : 'desc';
  const state = params.get('state') ?? '';
  const open = params.get('open');
  const severity = positiveInt(params.get('severity'));
  const filter: IncidentFilter = {
    state: (incidentStates as readonly string[]).includes(state) ? (state as IncidentState) : undefined,
    isOpen: open === 'true' ? true : open === 'false' ? false : undefined,
    severity: severity && severity <= 4 ? severity : undefined,
    teamId: positiveInt(params.get('teamId')),
    itemId: positiveInt(params.get('itemId')),
    q: params.get('q') || undefined,
    sort,
    direction,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize,
  };
  const incidents = useIncidents(filter);

  const update = (change: Record<string, string>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const search = useDebouncedCallback((text: string) => update({ q: text.trim() }), 300);

  const canWrite = hasPermission(me.role, 'incidents.write');
  const hasFilters = filterKeys.some((key) => params.get(key));
  const teamOptions = (teams.data?.rows ?? []).map((team) => ({ value: String(team.id), label: team.name }));
  const sortProps = {
    sort,
    direction,
    onSort: (field: SortField, dir: 'asc' | 'desc') => update({ sort: field, direction: dir }),
  };
  const selectProps = {
    clearable: true,
    w: { base: '100%', xs: 180 },
    comboboxProps: { withinPortal: true },
  };

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        actions={
          canWrite && (
            <Button
              component={Link}
              to="/incidents/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-incident"
            >
              {t('incidents.newIncident')}
            </Button>
          )
        }
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('incidents.intro')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <TextInput
          key={params.get('q') === null ? 'empty' : 'search'}
          label={t('incidents.fields.text')}
          leftSection={<IconSearch size={14} />}
          defaultValue={params.get('q') ?? ''}
          onChange={(event) => search(event.currentTarget.value)}
          w={{ base: '100%', xs: 220 }}
          data-testid="incident-filter-text"
        />
        <Select
          label={t('incidents.fields.state')}
          placeholder={t('common.all')}
          data={[
            { value: 'open:true', label: t('incidents.openOnly') },
            ...labels.stateOptions.map((option) => ({ ...option, value: `state:${option.value}` })),
          ]}
          value={open === 'true' ? 'open:true' : state ? `state:${state}` : null}
          onChange={(value) => {
            const [key, chosen] = (value ?? ':').split(':');
            update({
              open: key === 'open' ? (chosen ?? '') : '',
              state: key === 'state' ? (chosen ?? '') : '',
            });
          }}
          data-testid="incident-filter-state"
          {...selectProps}
        />
        <Select
          label={t('incidents.fields.severity')}
          placeholder={t('common.all')}
          data={labels.severityOptions}
          value={filter.severity ? String(filter.severity) : null}
          onChange={(value) => update({ severity: value ?? '' })}
          data-testid="incident-filter-severity"
          {...selectProps}
        />
        <Select
          label={t('incidents.fields.team')}
          placeholder={t('common.all')}
          data={teamOptions}
          value={params.get('teamId') || null}
          onChange={(value) => update({ teamId: value ?? '' })}
          searchable
          data-testid="incident-filter-team"
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
      {incidents.isError && <ErrorAlert error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.isPending && <PageLoader />}
      {incidents.data && (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="incident-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('incidents.fields.state')}</Table.Th>
                  <SortHeader field="severity" {...sortProps}>
                    {t('incidents.fields.severity')}
                  </SortHeader>
                  <Table.Th>{t('incidents.fields.title')}</Table.Th>
                  <Table.Th>{t('incidents.fields.item')}</Table.Th>
                  <Table.Th>{t('incidents.fields.team')}</Table.Th>
                  <Table.Th>{t('incidents.fields.assignee')}</Table.Th>
                  <SortHeader field="detectedAt" {...sortProps}>
                    {t('incidents.fields.detectedAt')}
                  </SortHeader>
                  <Table.Th>{t('incidents.fields.resolvedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {incidents.data.rows.map((incident) => (
                  <Table.Tr key={incident.id} data-testid="incident-row">
                    <Table.Td>
                      <IncidentStateBadge state={incident.state} />
                    </Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={incident.severity} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Anchor component={Link} to={`/incidents/${incident.id}`} fw={500}>
                          #{incident.id} {incident.title}
                        </Anchor>
                        {incident.parentIncidentId !== null && (
                          <Badge size="xs" variant="outline" color="gray" style={{ textTransform: 'none' }}>
                            {t('incidents.grouped', { id: incident.parentIncidentId })}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {incident.itemId !== null ? (
                        <Anchor component={Link} to={`/inventory/${incident.itemId}`} size="sm">
                          {incident.itemName ?? incident.itemId}
                        </Anchor>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td>{incident.teamName ?? t('common.none')}</Table.Td>
                    <Table.Td>{incident.assigneeName ?? t('common.none')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {format.dateTime(incident.detectedAt)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {format.dateTime(incident.resolvedAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {incidents.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {hasFilters ? t('common.noResults') : t('incidents.empty')}
            </Text>
          )}
          <Pager
            total={incidents.data.total}
            page={incidents.data.page}
            pageSize={incidents.data.pageSize}
            onPage={(next) => update({ page: String(next) }, false)}
          />
        </>
      )}
    </>
  );
}
