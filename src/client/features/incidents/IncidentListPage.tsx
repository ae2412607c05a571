import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type IncidentState, incidentStates } from '../../../shared/contracts/incidents';
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
import { IncidentStateBadge, SeverityBadge, useIncidentLabels } from './incidentLabels';
import { type IncidentFilter, useIncidents } from './incidents.api';

type SortField = 'detectedAt' | 'severity' | 'updatedAt';
const sortFields: readonly SortField[] = ['detectedAt', 'severity', 'updatedAt'];
const pageSize = 50;
const filterKeys = ['state', 'open', 'severity', 'teamId', 'q'] as const;

/** Incidents, newest first, with filters kept in the address so a filtered list can be shared. */
export function IncidentListPage() {
  const { t } = useTranslation();
  const labels = useIncidentLabels();
  const format = useFormat();
  const me = useSignedInUser();
  const list = useListParams({ sortFields, defaultSort: 'detectedAt', defaultDirection: 'desc', filterKeys });
  const { params, update, sortProps } = list;

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
    sort: list.sort,
    direction: list.direction,
    page: list.page,
    pageSize,
  };
  const incidents = useIncidents(filter);
  const search = useDebouncedCallback((text: string) => update({ q: text.trim() }), 300);

  const canWrite = hasPermission(me.role, 'incidents.write');
  const selectProps = filterSelectProps(180);

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
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
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
        <TeamFilter
          label={t('incidents.fields.team')}
          value={params.get('teamId') ?? ''}
          onChange={(value) => update({ teamId: value })}
          width={180}
          data-testid="incident-filter-team"
        />
      </FilterBar>
      {incidents.isError && <ErrorAlert error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.isPending && <PageLoader />}
      {incidents.data && (
        <PagedTable
          data={incidents.data}
          minWidth={900}
          testId="incident-table"
          head={
            <>
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
            </>
          }
          renderRow={(incident) => (
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
                <ItemLink itemId={incident.itemId} itemName={incident.itemName} />
              </Table.Td>
              <Table.Td>{incident.teamName ?? t('common.none')}</Table.Td>
              <Table.Td>{incident.assigneeName ?? t('common.none')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(incident.detectedAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(incident.resolvedAt)}</Table.Td>
            </Table.Tr>
          )}
          emptyText={list.hasFilters ? t('common.noResults') : t('incidents.empty')}
          onPage={list.onPage}
        />
      )}
    </>
  );
}
