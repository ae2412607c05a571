import {
  Alert,
  Anchor,
  Button,
  Code,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconKey,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Check } from '../../../shared/contracts/checks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { DetailLoadError } from '../../components/DetailLoadError';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { canEditItem } from '../inventory/itemAccess';
import { useTeams } from '../teams/teams.api';
import { CheckStateBadge, Fact, RunResultView } from './CheckBits';
import { AvailabilityPanel, EventsPanel, LatencyPanel, ResultsPanel } from './CheckPanels';
import { formatMs, useCheckLabels } from './checkLabels';
import { useCheckStream } from './checkStream';
import { useCheck, useDeleteCheck, useRenewPushToken, useRunCheck, useUpdateCheck } from './checks.api';
import { LiveIndicator } from './LiveIndicator';
import { PushUrlModal } from './PushUrlModal';

/** What the check looks at, in one line: the URL, host:port, the DNS name and type… */
function targetOf(check: Check): string {
  const s = check.settings as Record<string, unknown>;
  switch (check.kind) {
    case 'http':
      return `${String(s.method ?? 'GET')} ${String(s.url ?? '')}`;
    case 'tcp':
    case 'tls':
      return `${String(s.host ?? '')}:${String(s.port ?? (check.kind === 'tls' ? 443 : ''))}`;
    case 'dns':
      return `${String(s.name ?? '')} ${String(s.recordType ?? 'A')}${s.resolver ? ` @${String(s.resolver)}` : ''}`;
    case 'ping':
      return String(s.host ?? '');
    default:
      return '';
  }
}

function Summary({ check }: { check: Check }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCheckLabels();
  const teams = useTeams();
  const teamName = teams.data?.rows.find((team) => team.id === check.ownerTeamId)?.name;
  const target = targetOf(check);
  return (
    <Paper withBorder p="md" data-testid="check-summary">
      <Group gap="sm" mb="sm" wrap="wrap">
        <CheckStateBadge state={check.state} size="lg" />
        {check.stateChangedAt !== null && (
          <Text size="sm" c="dimmed">
            {t('checks.since', { at: format.dateTime(check.stateChangedAt) })}
          </Text>
        )}
      </Group>
      <Text size="sm" mb="md" style={{ wordBreak: 'break-word' }} data-testid="check-last-message">
        {check.lastMessage ?? t('checks.noResultYet')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <Fact label={t('checks.fields.kind')}>{labels.kind(check.kind)}</Fact>
        {target && (
          <Fact label={t('checks.fields.target')}>
            <Text span ff="monospace" size="sm">
              {target}
            </Text>
          </Fact>
        )}
        <Fact label={t('checks.fields.item')}>
          {check.itemId !== null ? (
            <Anchor component={Link} to={`/inventory/${check.itemId}`} inherit>
              {check.itemName ?? check.itemId}
            </Anchor>
          ) : (
            t('common.none')
          )}
        </Fact>
        <Fact label={t('checks.fields.team')}>
          {check.ownerTeamId !== null ? (
            <Anchor component={Link} to={`/teams/${check.ownerTeamId}`} inherit>
              {teamName ?? check.ownerTeamId}
            </Anchor>
          ) : (
            t('inventory.noTeam')
          )}
        </Fact>
        <Fact label={t('checks.fields.schedule')}>
          {check.cron ? (
            <Text span ff="monospace" size="sm">
              {check.cron}
            </Text>
          ) : (
            t('checks.everySeconds', { count: check.intervalSeconds ?? 60 })
          )}
        </Fact>
        <Fact label={t('checks.fields.latency')} testId="check-latency">
          {formatMs(check.lastLatencyMs, format.number)}
        </Fact>
        <Fact label={t('checks.fields.lastResultAt')}>{format.dateTime(check.lastResultAt)}</Fact>
        <Fact label={t('checks.fields.timeout')}>{formatMs(check.timeoutMs, format.number)}</Fact>
        <Fact label={t('checks.fields.retries')}>{check.retries}</Fact>
        <Fact label={t('checks.fields.degradedAbove')}>{formatMs(check.degradedAboveMs, format.number)}</Fact>
        <Fact label={t('checks.fields.locations')}>
          {check.locations.join(', ')}
          {check.locations.length > 1 ? ` (${t('checks.quorum', { count: check.downQuorum })})` : ''}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function HeartbeatPanel({ check, canEdit }: { check: Check; canEdit: boolean }) {
  const { t } = useTranslation();
  const renew = useRenewPushToken(check.id);
  const [pushUrl, setPushUrl] = useState<string | null>(null);
  const graceSeconds = Number((check.settings as { graceSeconds?: number }).graceSeconds ?? 60);
  return (
    <Paper withBorder p="md" data-testid="heartbeat-panel">
      <Title order={2} size="h4" mb="sm">
        {t('checks.heartbeat.title')}
      </Title>
      <Stack gap="xs">
        <Text size="sm">
          {t('checks.heartbeat.expects', {
            every: check.cron ?? t('checks.everySeconds', { count: check.intervalSeconds ?? 60 }),
            grace: graceSeconds,
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {check.hasPushToken ? t('checks.heartbeat.hasUrl') : t('checks.heartbeat.noUrl')}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {'curl -fsS -m 10 --retry 3 -X POST "<push URL>"'}
        </Code>
        {canEdit && (
          <ConfirmButton
            w="fit-content"
            color="orange"
            leftSection={<IconKey size={16} />}
            question={t('checks.heartbeat.renewQuestion')}
            confirmLabel={t('checks.heartbeat.renew')}
            loading={renew.isPending}
            data-testid="renew-push-url"
            onConfirm={() =>
              renew.mutate(undefined, {
                onSuccess: (answer) => setPushUrl(answer.pushUrl),
                onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
              })
            }
          >
            {t('checks.heartbeat.renew')}
          </ConfirmButton>
        )}
      </Stack>
      {pushUrl && <PushUrlModal pushUrl={pushUrl} onClose={() => setPushUrl(null)} />}
    </Paper>
  );
}

/** One check: state, run now, availability, latency, results and state changes, updated live. */
export function CheckDetailPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const check = useCheck(id);
  const live = useCheckStream();
  const run = useRunCheck(id);
  const update = useUpdateCheck(id);
  const remove = useDeleteCheck();

  if (check.isPending) return <PageLoader />;
  if (check.isError) {
    return <DetailLoadError error={check.error} notFoundText={t('checks.notFound')} backTo="/checks" />;
  }

  const data = check.data;
  const canEdit = canEditItem(me, data.ownerTeamId);
  const isHeartbeat = data.kind === 'heartbeat';
  const togglePause = () =>
    update.mutate(
      { isPaused: !data.isPaused },
      {
        onSuccess: () =>
          notifications.show({ message: data.isPaused ? t('checks.resumed') : t('checks.pausedDone') }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      },
    );

  return (
    <>
      <Anchor component={Link} to="/checks" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('checks.title')}
        </Group>
      </Anchor>
      <PageHeader
        title={data.name}
        actions={
          <>
            <LiveIndicator status={live} />
            {canEdit && !isHeartbeat && (
              <Button
                leftSection={<IconRefresh size={16} />}
                variant="light"
                loading={run.isPending}
                onClick={() => run.mutate()}
                data-testid="run-now"
              >
                {t('checks.runNow')}
              </Button>
            )}
            {canEdit && (
              <Button
                variant="default"
                leftSection={data.isPaused ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
                loading={update.isPending}
                onClick={togglePause}
                data-testid="toggle-pause"
              >
                {data.isPaused ? t('checks.resume') : t('checks.pause')}
              </Button>
            )}
            {canEdit && (
              <Button
                component={Link}
                to={`/checks/${data.id}/edit`}
                leftSection={<IconPencil size={16} />}
                data-testid="edit-check"
              >
                {t('common.edit')}
              </Button>
            )}
            {canEdit && (
              <DeleteRecordButton
                id={data.id}
                remove={remove}
                question={t('checks.confirmDelete', { name: data.name })}
                deletedMessage={t('checks.deleted')}
                listPath="/checks"
                data-testid="delete-check"
              />
            )}
          </>
        }
      />
      <Stack>
        {run.isError && <ErrorAlert error={run.error} />}
        {run.data && (
          <Stack gap={4}>
            <RunResultView result={run.data} />
            <Text size="xs" c="dimmed">
              {t('checks.runNotStored')}
            </Text>
          </Stack>
        )}
        {data.isPaused && (
          <Alert color="gray" data-testid="paused-alert">
            {t('checks.pausedHint')}
          </Alert>
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack>
              <Summary check={data} />
              <AvailabilityPanel checkId={data.id} />
              <LatencyPanel checkId={data.id} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack>
              {isHeartbeat && <HeartbeatPanel check={data} canEdit={canEdit} />}
              <EventsPanel checkId={data.id} />
            </Stack>
          </Grid.Col>
        </Grid>
        <ResultsPanel checkId={data.id} />
      </Stack>
    </>
  );
}
