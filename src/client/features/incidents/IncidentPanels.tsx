import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IncidentDetail } from '../../../shared/contracts/incidents';
import type { CheckState } from '../../../shared/domain/check-state';
import { CriticalityBadge, KindBadge } from '../../components/Badges';
import { useFormat } from '../../i18n/format';
import { CheckStateBadge, Fact } from '../checks/CheckBits';
import { formatDuration, IncidentStateBadge, SeverityBadge, useIncidentLabels } from './incidentLabels';

/** The incident's facts and its four moments, kept apart, with the intervals between them. */
export function IncidentSummaryPanel({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useIncidentLabels();
  return (
    <Paper withBorder p="md" data-testid="incident-summary">
      <Group gap="sm" mb="sm" wrap="wrap">
        <IncidentStateBadge state={incident.state} />
        <SeverityBadge severity={incident.severity} />
        <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
          {labels.origin(incident.origin)}
        </Badge>
        {incident.reopenCount > 0 && (
          <Badge variant="light" color="grape" style={{ textTransform: 'none' }}>
            {t('incidents.reopenCount', { count: incident.reopenCount })}
          </Badge>
        )}
      </Group>
      {incident.parent && (
        <Text size="sm" mb="sm">
          {t('incidents.children.parent')}{' '}
          <Anchor component={Link} to={`/incidents/${incident.parent.id}`} inherit>
            #{incident.parent.id} {incident.parent.title}
          </Anchor>
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mb="md">
        <Fact label={t('incidents.fields.item')}>
          {incident.itemId !== null ? (
            <Anchor component={Link} to={`/inventory/${incident.itemId}`} inherit>
              {incident.itemName ?? incident.itemId}
            </Anchor>
          ) : (
            t('incidents.noItem')
          )}
        </Fact>
        <Fact label={t('incidents.fields.team')}>
          {incident.teamId !== null ? (
            <Anchor component={Link} to={`/teams/${incident.teamId}`} inherit>
              {incident.teamName ?? incident.teamId}
            </Anchor>
          ) : (
            t('incidents.noTeam')
          )}
        </Fact>
        <Fact label={t('incidents.fields.assignee')} testId="incident-assignee">
          {incident.assigneeName ?? t('incidents.nobody')}
        </Fact>
      </SimpleGrid>
      {incident.description && (
        <Text size="sm" mb="md" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {incident.description}
        </Text>
      )}
      <Title order={2} size="h5" mb="xs">
        {t('incidents.moments.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="incident-moments">
        <Fact label={t('incidents.fields.detectedAt')} testId="moment-detected">
          {format.dateTime(incident.detectedAt)}
        </Fact>
        <Fact label={t('incidents.fields.acknowledgedAt')} testId="moment-acknowledged">
          {format.dateTime(incident.acknowledgedAt)}
        </Fact>
        <Fact label={t('incidents.fields.restoredAt')} testId="moment-restored">
          {format.dateTime(incident.restoredAt)}
        </Fact>
        <Fact label={t('incidents.fields.resolvedAt')} testId="moment-resolved">
          {format.dateTime(incident.resolvedAt)}
        </Fact>
        <Fact label={t('incidents.moments.toAcknowledge')}>
          {formatDuration(incident.durations.toAcknowledgeMs)}
        </Fact>
        <Fact label={t('incidents.moments.toRestore')}>{formatDuration(incident.durations.toRestoreMs)}</Fact>
        <Fact label={t('incidents.moments.toResolve')}>{formatDuration(incident.durations.toResolveMs)}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

function asCheckState(value: string): CheckState {
  return (
    (['up', 'degraded', 'down', 'paused', 'unknown'] as const).find((state) => state === value) ?? 'unknown'
  );
}

/** The checks (and procedure tests) the incident gathers, with their state now. */
export function GatheredChecksPanel({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isEmpty = incident.checks.length === 0 && incident.procedures.length === 0;
  return (
    <Paper withBorder p="md" data-testid="incident-checks">
      <Title order={2} size="h4" mb="sm">
        {t('incidents.checks.title')}
      </Title>
      {isEmpty && (
        <Text size="sm" c="dimmed">
          {t('incidents.checks.empty')}
        </Text>
      )}
      <Stack gap="xs">
        {incident.checks.map((check) => (
          <Group key={check.checkId} justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Anchor component={Link} to={`/checks/${check.checkId}`} size="sm" fw={500}>
                {check.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {check.recoveredAt === null
                  ? t('incidents.checks.failingSince', { at: format.dateTime(check.failingSince) })
                  : t('incidents.checks.recoveredAt', { at: format.dateTime(check.recoveredAt) })}
                {check.message ? ` · ${check.message}` : ''}
              </Text>
            </div>
            <CheckStateBadge state={asCheckState(check.state)} size="sm" />
          </Group>
        ))}
        {incident.procedures.map((procedure) => (
          <Group key={procedure.procedureTestId} justify="space-between" wrap="nowrap">
            <div>
              <Anchor component={Link} to={`/procedures/${procedure.procedureTestId}`} size="sm" fw={500}>
                {procedure.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('incidents.procedures.title')} ·{' '}
                {procedure.recoveredAt === null
                  ? t('incidents.checks.failingSince', { at: format.dateTime(procedure.failingSince) })
                  : t('incidents.checks.recoveredAt', { at: format.dateTime(procedure.recoveredAt) })}
              </Text>
            </div>
            <CheckStateBadge state={asCheckState(procedure.state)} size="sm" />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** What depends on the incident's item, nearest first, and the incidents grouped under this one. */
export function ImpactPanel({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="incident-impacted">
      <Title order={2} size="h4" mb={4}>
        {t('incidents.impacted.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('incidents.impacted.intro')}
      </Text>
      {incident.impacted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('incidents.impacted.empty')}
        </Text>
      ) : (
        <Stack gap={6}>
          {incident.impacted.map((item) => (
            <Group key={item.id} gap="xs" wrap="wrap" data-testid="impacted-item">
              <Anchor component={Link} to={`/inventory/${item.id}`} size="sm" fw={500}>
                {item.name}
              </Anchor>
              <KindBadge value={item.kind} />
              <CriticalityBadge value={item.criticality} />
              <Text size="xs" c="dimmed">
                {t('incidents.impacted.depth', { depth: item.depth })}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {incident.children.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md" mb="xs">
            {t('incidents.children.title')}
          </Title>
          <Stack gap={4}>
            {incident.children.map((child) => (
              <Group key={child.id} gap="xs" wrap="nowrap">
                <IncidentStateBadge state={child.state} />
                <Anchor component={Link} to={`/incidents/${child.id}`} size="sm">
                  #{child.id} {child.title}
                </Anchor>
              </Group>
            ))}
          </Stack>
        </>
      )}
    </Paper>
  );
}
