import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  FileInput,
  Grid,
  Group,
  List,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPaperclip, IconPencil, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type ChecklistStepResult,
  maxAttachmentBytes,
  NewProcedureRun,
  type ProcedureOutcome,
  type ProcedureRun,
  type ProcedureTest,
} from '../../../shared/contracts/procedures';
import { ApiError } from '../../api/http';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, errorMessage, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { Fact } from '../checks/CheckBits';
import { canEditItem } from '../inventory/itemAccess';
import { OutcomeBadge, outcomeColor, ProcedureStateBadge, useProcedureLabels } from './procedureLabels';
import {
  attachmentUrl,
  useAddAttachment,
  useDeleteProcedureTest,
  useProcedureRuns,
  useProcedureTest,
  useRecordOutcome,
} from './procedures.api';

const acceptedFiles =
  '.pdf,.png,.jpg,.jpeg,.txt,.csv,.xlsx,.docx,application/pdf,image/png,image/jpeg,text/plain,text/csv';
const stepResultColor: Record<ChecklistStepResult, string> = {
  done: 'green',
  notDone: 'red',
  notApplicable: 'gray',
};

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

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
      <Title order={5} mt="md" mb="xs">
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

type StepValue = { result: ChecklistStepResult; note: string };

/** Records how the test went: outcome, each step, notes, the day, and evidence files. */
function OutcomeForm({ test }: { test: ProcedureTest }) {
  const { t, i18n } = useTranslation();
  const record = useRecordOutcome(test.id);
  const [outcome, setOutcome] = useState<ProcedureOutcome>('pass');
  const [effectiveDate, setEffectiveDate] = useState<string | null>(today());
  const [notes, setNotes] = useState('');
  const [steps, setSteps] = useState<StepValue[]>(() =>
    test.checklist.map(() => ({ result: 'done', note: '' })),
  );
  const [files, setFiles] = useState<File[]>([]);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...apiFieldErrors(record.error), ...localErrors };
  const hasServerFieldErrors = Object.keys(apiFieldErrors(record.error)).length > 0;

  const stepOptions = [
    { value: 'done', label: t('procedures.stepResults.done') },
    { value: 'notDone', label: t('procedures.stepResults.notDone') },
    { value: 'notApplicable', label: t('procedures.stepResults.notApplicable') },
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tooLarge = files.find((file) => file.size > maxAttachmentBytes);
    const parsed = NewProcedureRun.safeParse({ outcome, effectiveDate, notes, checklist: steps });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error, t);
    if (tooLarge) found.files = t('procedures.fileTooLarge', { name: tooLarge.name });
    setLocalErrors(found);
    if (!parsed.success || tooLarge) return;
    record.mutate(
      { run: parsed.data, files },
      {
        onSuccess: ({ failed }) => {
          notifications.show({ color: 'green', message: t('procedures.recorded') });
          for (const { filename, error } of failed) {
            notifications.show({
              color: 'red',
              autoClose: false,
              message: `${filename}: ${errorMessage(error, t)}`,
            });
          }
          setNotes('');
          setFiles([]);
          setOutcome('pass');
          setSteps(test.checklist.map(() => ({ result: 'done', note: '' })));
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" data-testid="outcome-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={4}>{t('procedures.recordOutcome')}</Title>
          {(Object.keys(localErrors).length > 0 || hasServerFieldErrors) && (
            <Alert color="red">{t('common.fixFields')}</Alert>
          )}
          {!hasServerFieldErrors && record.error ? <ErrorAlert error={record.error} /> : null}
          <Group gap="md" align="flex-end" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('procedures.fields.outcome')}
              </Text>
              <SegmentedControl
                data={(['pass', 'partial', 'fail'] as const).map((value) => ({
                  value,
                  label: t(`procedures.outcomes.${value}`),
                }))}
                value={outcome}
                color={outcomeColor[outcome]}
                onChange={(value) => setOutcome(value as ProcedureOutcome)}
                data-testid="outcome-choice"
              />
            </Stack>
            <DatePickerInput
              label={t('procedures.fields.effectiveDate')}
              description={t('procedures.effectiveDateHint')}
              value={effectiveDate}
              onChange={setEffectiveDate}
              maxDate={today()}
              valueFormat={i18n.language === 'it' ? 'DD/MM/YYYY' : 'D MMM YYYY'}
              error={errors.effectiveDate}
              popoverProps={{ withinPortal: true }}
              w={220}
              data-testid="outcome-date"
            />
          </Group>
          {test.checklist.length > 0 && (
            <Table verticalSpacing={6} data-testid="outcome-steps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('procedures.stepHeader')}</Table.Th>
                  <Table.Th>{t('procedures.stepResult')}</Table.Th>
                  <Table.Th>{t('procedures.stepNote')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {test.checklist.map((step, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
                  <Table.Tr key={index} data-testid="outcome-step">
                    <Table.Td>
                      <Text size="sm">
                        {index + 1}. {step}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        data={stepOptions}
                        value={steps[index]?.result ?? 'done'}
                        color={stepResultColor[steps[index]?.result ?? 'done']}
                        onChange={(value) =>
                          setSteps(
                            steps.map((row, at) =>
                              at === index ? { ...row, result: value as ChecklistStepResult } : row,
                            ),
                          )
                        }
                        data-testid="outcome-step-result"
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('procedures.stepNote')}
                        value={steps[index]?.note ?? ''}
                        onChange={(event) => {
                          const note = event.currentTarget.value;
                          setSteps(steps.map((row, at) => (at === index ? { ...row, note } : row)));
                        }}
                        error={errors[`checklist.${index}.note`]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Textarea
            label={t('procedures.fields.notes')}
            autosize
            minRows={3}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
            error={errors.notes}
            data-testid="outcome-notes"
          />
          <FileInput
            label={t('procedures.attachments')}
            description={t('procedures.attachmentsHint')}
            placeholder={t('procedures.chooseFiles')}
            multiple
            clearable
            accept={acceptedFiles}
            value={files}
            onChange={setFiles}
            error={errors.files}
            leftSection={<IconPaperclip size={16} />}
            data-testid="outcome-files"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending} data-testid="outcome-submit">
              {t('procedures.recordOutcome')}
            </Button>
          </Group>
        </Stack>
      </form>
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
      <Title order={4} mb="sm">
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
  const navigate = useNavigate();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const test = useProcedureTest(id);
  const remove = useDeleteProcedureTest();

  if (test.isPending) return <PageLoader />;
  if (test.isError) {
    const isMissing = test.error instanceof ApiError && test.error.status === 404;
    return (
      <Stack>
        {isMissing ? <Text>{t('procedures.notFound')}</Text> : <ErrorAlert error={test.error} />}
        <Button component={Link} to="/procedures" variant="default" w="fit-content">
          {t('common.back')}
        </Button>
      </Stack>
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
              <ConfirmButton
                leftSection={<IconTrash size={16} />}
                question={t('procedures.confirmDelete', { name: data.name })}
                confirmLabel={t('common.delete')}
                loading={remove.isPending}
                data-testid="delete-procedure"
                onConfirm={() =>
                  remove.mutate(data.id, {
                    onSuccess: () => {
                      notifications.show({ message: t('procedures.deleted') });
                      void navigate('/procedures');
                    },
                    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                  })
                }
              >
                {t('common.delete')}
              </ConfirmButton>
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
