import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { IncidentStateBadge, SeverityBadge } from './incidentLabels';
import { useIncidents } from './incidents.api';

/** The incidents not yet resolved, most severe first, for the control room. */
export function OpenIncidentsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const incidents = useIncidents({ isOpen: true, sort: 'severity', direction: 'asc', pageSize: 8 });
  return (
    <Paper withBorder p="md" mb="md" data-testid="open-incidents">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('incidents.controlRoom.title')}
          {incidents.data ? ` (${format.number(incidents.data.total)})` : ''}
        </Title>
        <Anchor component={Link} to="/incidents?open=true" size="sm">
          {t('incidents.controlRoom.all')}
        </Anchor>
      </Group>
      {incidents.isError && <ErrorAlert error={incidents.error} />}
      {incidents.data?.rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('incidents.controlRoom.none')}
        </Text>
      )}
      <Stack gap={6}>
        {incidents.data?.rows.map((incident) => (
          <Group key={incident.id} gap="xs" wrap="nowrap">
            <SeverityBadge severity={incident.severity} />
            <IncidentStateBadge state={incident.state} />
            <Anchor component={Link} to={`/incidents/${incident.id}`} size="sm" lineClamp={1}>
              #{incident.id} {incident.title}
            </Anchor>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {format.dateTime(incident.detectedAt)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
