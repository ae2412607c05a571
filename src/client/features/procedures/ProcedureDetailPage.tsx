import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Grid,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPaperclip, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  maxAttachmentBytes,
  type ProcedureRun,
  type ProcedureTest,
} from '../../../shared/contracts/procedures';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { DetailLoadError } from '../../components/DetailLoadError';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { Fact } from '../checks/CheckBits';
import { canEditItem } from '../inventory/itemAccess';
import { acceptedFiles, OutcomeForm, stepResultColor } from './ProcedureOutcomeForm';
import { OutcomeBadge, ProcedureStateBadge, useProcedureLabels } from './procedureLabels';
import {
  attachmentUrl,
  useAddAttachment,
  useDeleteProcedureTest,
  useProcedureRuns,
  useProcedureTest,
} from './procedures.api';

function formatBytes(bytes: number, number: (value: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 102.4) / 10)} KB`;
  return `${number(Math.round(bytes / 104_857.6) / 10)} MB`;
}

function Summary({ test }: { test: ProcedureTest }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useProcedureLabels();
  return (
    <Paper withBorder p="md" data-testid="procedure-summary">
      <Group gap="sm" mb="xs" wrap="wrap">
        <ProcedureStateBadge state={test.state} />
        {test.isOverdue && (
          <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
            {t('procedures.overdue')}
          </Badge>
        )}
      </Group>
      {test.stateMessage && (
        <Text size="sm" mb="md" data-testid="procedure-state-message">
          {test.stateMessage}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <Fact label={t('procedures.fields.kind')}>{labels.kind(test.kind)}</Fact>
        <Fact label={t('procedures.fields.dueDate')} testId="procedure-due-date">
          <Text span inherit c={test.isOverdue ? 'red' : undefined} fw={test.isOverdue ? 600 : undefined}>
            {format.date(test.dueDate)}
          </Text>
        </Fact>
        <Fact label={t('procedures.fields.graceEnds')}>{format.dateTime(test.graceEndsAt)}</Fact>
        <Fact label={t('procedures.fields.schedule')}>
          <Text span ff="monospace" size="sm">
            {test.schedule}
          </Text>{' '}
          <Text span size="xs" c="dimmed">
            ({test.timezone})
          </Text>
        </Fact>
        <Fact label={t('procedures.fields.graceDays')}>{test.graceDays}</Fact>
        <Fact label={t('procedures.fields.team')}>
          {test.ownerTeamId !== null ? (
            <Anchor component={Link} to={`/teams/${test.ownerTeamId}`} inherit>
              {test.ownerTeamName ?? test.ownerTeamId}
            </Anchor>
          ) : (
            t('inventory.noTeam')
          )}
        </Fact>
        <Fact label={t('procedures.fields.item')}>
          {test.itemId !== null ? (
            <Anchor component={Link} to={`/inventory/${test.itemId}`} inherit>
              {test.itemName ?? test.itemId}
            </Anchor>
          ) : (
            t('common.none')
          )}
        </Fact>
        <Fact label={t('procedures.fields.lastOutcome')}>
          {test.lastRun ? (
            <Group gap={6}>
              <OutcomeBadge outcome={test.lastRun.outcome} />
              {format.date(test.lastRun.effectiveDate)}
            </Group>
          ) : (
            t('procedures.neverRun')
          )}
        </Fact>
      </SimpleGrid>
      {test.description && (
        <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {test.description}
        </Text>
      )}
      <Title order={2} size="h5" mt="md" mb="xs">
        {t('procedures.checklist')}
      </Title>
      {test.checklist.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('procedures.noSteps')}
        </Text>
      ) : (
        <List type="ordered" size="sm" spacing={4} data-testid="procedure-checklist">
          {test.checklist.map((step, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional and may repeat
            <List.Item key={index}>{step}</List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

function RunCard({ testId, run, canEdit }: { testId: number; run: ProcedureRun; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const add = useAddAttachment(testId);
  return (
    <Paper withBorder p="sm" data-testid="procedure-run">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm">
          <OutcomeBadge outcome={run.outcome} />
          <Text fw={600} size="sm">
            {format.date(run.effectiveDate)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('procedures.recordedBy', { who: run.recordedByLabel, at: format.dateTime(run.recordedAt) })}
        </Text>
      </Group>
      {run.notes && (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {run.notes}
        </Text>
      )}
      {run.checklist.length > 0 && (
        <Stack gap={2} mt="xs">
          {run.checklist.map((step, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
            <Group key={index} gap={6} wrap="nowrap" align="flex-start">
              <Badge
                size="xs"
                color={stepResultColor[step.result]}
                variant="light"
                style={{ textTransform: 'none', flexShrink: 0 }}
                mt={3}
              >
                {t(`procedures.stepResults.${step.result}`)}
              </Badge>
              <Text size="xs">
                {step.step}
                {step.note ? (
                  <Text span c="dimmed" inherit>
                    {' '}
                    — {step.note}
                  </Text>
                ) : null}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <Group gap="xs" mt="xs" wrap="wrap">
        {run.attachments.map((file) => (
          <Anchor
            key={file.id}
            href={attachmentUrl(testId, run.id, file.id)}
            download={file.filename}
            size="xs"
            data-testid="procedure-attachment"
          >
            <Group gap={4} wrap="nowrap">
              <IconPaperclip size={12} />
              {file.filename} ({formatBytes(file.sizeBytes, format.number)})
            </Group>
          </Anchor>
        ))}
        {canEdit && (
          <FileButton
            accept={acceptedFiles}
            onChange={(file) => {
              if (!file) return;
              if (file.size > maxAttachmentBytes) {
                notifications.show({
                  color: 'red',
                  message: t('procedures.fileTooLarge', { name: file.name }),
                });
                return;
              }
              add.mutate(
                { runId: run.id, file },
                {
                  onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                },
              );
            }}
          >
            {(props) => (
              <Button {...props} size="compact-xs" variant="subtle" loading={add.isPending}>
                {t('procedures.addFile')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
    </Paper>
  );
}

function History({ test, canEdit }: { test: ProcedureTest; canEdit: boolean }) {
  const { t } = useTranslation();
  const runs = useProcedureRuns(test.id);
  return (
    <Paper withBorder p="md" data-testid="procedure-history">
      <Title order={2} size="h4" mb="sm">
        {t('procedures.history')}
      </Title>
      {runs.isError && <ErrorAlert error={runs.error} />}
      {runs.data &&
        (runs.data.rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('procedures.neverRun')}
          </Text>
        ) : (
          <Stack gap="sm">
            {runs.data.rows.map((run) => (
              <RunCard key={run.id} testId={test.id} run={run} canEdit={canEdit} />
            ))}
          </Stack>
        ))}
    </Paper>
  );
}

/** One procedure test: its due date, checklist, the outcome form and the history of outcomes. */
export function ProcedureDetailPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const test = useProcedureTest(id);
  const remove = useDeleteProcedureTest();

  if (test.isPending) return <PageLoader />;
  if (test.isError) {
    return (
      <DetailLoadError error={test.error} notFoundText={t('procedures.notFound')} backTo="/procedures" />
    );
  }
  const data = test.data;
  const canEdit = canEditItem(me, data.ownerTeamId);
  return (
    <>
      <Anchor component={Link} to="/procedures" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('procedures.title')}
        </Group>
      </Anchor>
      <PageHeader
        title={data.name}
        actions={
          canEdit && (
            <>
              <Button
                component={Link}
                to={`/procedures/${data.id}/edit`}
                leftSection={<IconPencil size={16} />}
                data-testid="edit-procedure"
              >
                {t('common.edit')}
              </Button>
              <DeleteRecordButton
                id={data.id}
                remove={remove}
                question={t('procedures.confirmDelete', { name: data.name })}
                deletedMessage={t('procedures.deleted')}
                listPath="/procedures"
                data-testid="delete-procedure"
              />
            </>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Summary test={data} />
            {canEdit && <OutcomeForm key={`${data.id}-${data.checklist.join('\n')}`} test={data} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <History test={data} canEdit={canEdit} />
        </Grid.Col>
      </Grid>
    </>
  );
}
