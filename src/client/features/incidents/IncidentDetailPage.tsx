import { Anchor, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCheck, IconHandStop, IconRotate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { IncidentDetail } from '../../../shared/contracts/incidents';
import { ApiError } from '../../api/http';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { ActivityFeed } from '../collaboration/ActivityFeed';
import { CommentThread } from '../collaboration/CommentThread';
import { IncidentReviewForm, IncidentSettingsForm } from './IncidentForms';
import { GatheredChecksPanel, ImpactPanel, IncidentSummaryPanel } from './IncidentPanels';
import { IncidentTimeline } from './IncidentTimeline';
import { useIncident, useIncidentActions } from './incidents.api';

/** Acknowledge, resolve, reopen: the buttons that move an incident along. */
function IncidentActionButtons({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const actions = useIncidentActions(incident.id);
  const done = (key: 'acknowledged' | 'resolved' | 'reopened') => ({
    onSuccess: () => notifications.show({ message: t(`incidents.actions.${key}`) }),
    onError: (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const isResolved = incident.resolvedAt !== null;
  return (
    <>
      {!isResolved && incident.acknowledgedAt === null && (
        <Button
          leftSection={<IconHandStop size={16} />}
          loading={actions.acknowledge.isPending}
          onClick={() => actions.acknowledge.mutate(undefined, done('acknowledged'))}
          data-testid="incident-acknowledge"
        >
          {t('incidents.actions.acknowledge')}
        </Button>
      )}
      {!isResolved && (
        <ConfirmButton
          color="green"
          leftSection={<IconCheck size={16} />}
          question={t('incidents.actions.confirmResolve')}
          confirmLabel={t('incidents.actions.resolve')}
          loading={actions.resolve.isPending}
          onConfirm={() => actions.resolve.mutate('', done('resolved'))}
          data-testid="incident-resolve"
        >
          {t('incidents.actions.resolve')}
        </ConfirmButton>
      )}
      {isResolved && (
        <ConfirmButton
          leftSection={<IconRotate size={16} />}
          question={t('incidents.actions.confirmReopen')}
          confirmLabel={t('incidents.actions.reopen')}
          loading={actions.reopen.isPending}
          onConfirm={() => actions.reopen.mutate('', done('reopened'))}
          data-testid="incident-reopen"
        >
          {t('incidents.actions.reopen')}
        </ConfirmButton>
      )}
    </>
  );
}

/** One incident: its moments, gathered checks, impacted items, timeline, review and actions. */
export function IncidentDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const incident = useIncident(id);

  if (incident.isPending) return <PageLoader />;
  if (incident.isError) {
    const isMissing = incident.error instanceof ApiError && [400, 404].includes(incident.error.status);
    return (
      <Stack>
        {isMissing ? <Text>{t('incidents.notFound')}</Text> : <ErrorAlert error={incident.error} />}
        <Button component={Link} to="/incidents" variant="default" w="fit-content">
          {t('common.back')}
        </Button>
      </Stack>
    );
  }
  const data = incident.data;
  return (
    <>
      <Anchor component={Link} to="/incidents" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('incidents.title')}
        </Group>
      </Anchor>
      <PageHeader
        title={`#${data.id} ${data.title}`}
        actions={data.canChange && <IncidentActionButtons incident={data} />}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <IncidentSummaryPanel incident={data} />
            <GatheredChecksPanel incident={data} />
            <IncidentTimeline incident={data} canChange={data.canChange} />
            <CommentThread entityType="incident" entityId={data.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            {data.canChange && <IncidentSettingsForm key={data.updatedAt} incident={data} />}
            <ImpactPanel incident={data} />
            <IncidentReviewForm key={data.reviewedAt ?? 0} incident={data} canChange={data.canChange} />
            <ActivityFeed entityType="incident" entityId={data.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
