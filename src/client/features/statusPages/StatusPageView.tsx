import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublicServiceState, PublicStatusPage } from '../../../shared/contracts/status-pages';
import { formattersFor } from '../../i18n/format';
import { AvailabilityBars } from './AvailabilityBars';

const stateColor: Record<PublicServiceState, string> = {
  up: 'green',
  degraded: 'yellow',
  down: 'red',
  maintenance: 'blue',
  unknown: 'gray',
};

/**
 * A status page as the public sees it, in the given language. Every text (titles, names, summaries)
 * is rendered as text by React, never as HTML: a page cannot carry script. Its title is the page's
 * h1 when shown alone, and ranks below the surrounding headings in the editor (`titleOrder`).
 */
export function StatusPageView({
  view,
  language,
  titleOrder = 1,
}: {
  view: PublicStatusPage;
  language: 'en' | 'it';
  titleOrder?: 1 | 2 | 3;
}) {
  const sectionOrder = (titleOrder + 1) as 2 | 3 | 4;
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(language);
  const format = formattersFor(language);
  return (
    <Stack gap="lg" lang={language} data-testid="status-page-view">
      <Stack gap={4}>
        <Title order={titleOrder} size="h2" data-testid="status-page-title">
          {view.title}
        </Title>
        {view.description && (
          <Text c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {view.description}
          </Text>
        )}
      </Stack>
      <Alert color={stateColor[view.overall]} variant="light" data-testid="status-overall">
        <Text fw={600}>{t(`statusPages.public.overall.${view.overall}`)}</Text>
      </Alert>
      <Paper withBorder p="md">
        <Stack gap="lg">
          {view.services.map((service) => (
            <Stack key={service.name} gap={6} data-testid="status-service">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} data-testid="status-service-name">
                  {service.name}
                </Text>
                <Badge color={stateColor[service.state]} variant="light">
                  {t(`statusPages.public.states.${service.state}`)}
                </Badge>
              </Group>
              <AvailabilityBars days={service.days} language={language} />
            </Stack>
          ))}
        </Stack>
      </Paper>
      <Stack gap="xs">
        <Title order={sectionOrder} size="h4">
          {t('statusPages.public.incidents')}
        </Title>
        {view.incidents.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('statusPages.public.noIncidents')}
          </Text>
        ) : (
          view.incidents.map((incident) => (
            <Paper
              key={`${incident.startedAt}:${incident.services.join(',')}`}
              withBorder
              p="sm"
              data-testid="status-incident"
            >
              <Text style={{ whiteSpace: 'pre-wrap' }}>
                {incident.summary ?? t('statusPages.public.neutralIncident')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('statusPages.public.since', { when: format.dateTime(incident.startedAt) })} ·{' '}
                {t('statusPages.public.affects', { services: incident.services.join(', ') })}
              </Text>
            </Paper>
          ))
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={sectionOrder} size="h4">
          {t('statusPages.public.maintenance')}
        </Title>
        {view.maintenance.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('statusPages.public.noMaintenance')}
          </Text>
        ) : (
          view.maintenance.map((window) => (
            <Paper
              key={`${window.title}:${window.startsAt}`}
              withBorder
              p="sm"
              data-testid="status-maintenance"
            >
              <Group justify="space-between">
                <Text fw={600}>{window.title}</Text>
                {window.isActive && (
                  <Badge color="blue" variant="light">
                    {t('statusPages.public.inProgress')}
                  </Badge>
                )}
              </Group>
              <Text size="sm">
                {format.dateTime(window.startsAt)} – {format.dateTime(window.endsAt)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('statusPages.public.affects', { services: window.services.join(', ') })}
              </Text>
            </Paper>
          ))
        )}
      </Stack>
      <Text size="xs" c="dimmed">
        {t('statusPages.public.updatedAt', { when: format.dateTime(view.generatedAt) })}
      </Text>
    </Stack>
  );
}
