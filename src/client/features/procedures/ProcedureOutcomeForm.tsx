import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ChecklistStepResult,
  maxAttachmentBytes,
  NewProcedureRun,
  type ProcedureOutcome,
  type ProcedureTest,
} from '../../../shared/contracts/procedures';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, errorMessage, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { outcomeColor } from './procedureLabels';
import { useRecordOutcome } from './procedures.api';

/** File types the evidence upload accepts (the server checks the content too). */
export const acceptedFiles =
  '.pdf,.png,.jpg,.jpeg,.txt,.csv,.xlsx,.docx,application/pdf,image/png,image/jpeg,text/plain,text/csv';
/** Badge colour of a checklist step's result. */
export const stepResultColor: Record<ChecklistStepResult, string> = {
  done: 'green',
  notDone: 'red',
  notApplicable: 'gray',
};

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

type StepValue = { result: ChecklistStepResult; note: string };

/** Records how the test went: outcome, each step, notes, the day, and evidence files. */
export function OutcomeForm({ test }: { test: ProcedureTest }) {
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
          <Title order={2} size="h4">
            {t('procedures.recordOutcome')}
          </Title>
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
