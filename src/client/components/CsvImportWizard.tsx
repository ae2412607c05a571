import { Alert, Badge, Button, FileButton, Group, List, Stack, Stepper, Table, Text } from '@mantine/core';
import { IconFileUpload, IconUpload } from '@tabler/icons-react';
import { type ComponentProps, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ImportReport, importMaxCsvLength } from '../../shared/contracts/inventory';
import { ErrorAlert } from './ErrorAlert';
import { PageHeader } from './PageHeader';

/** The server's default import limit; larger files are refused before being read. */
const maxFileBytes = 10 * 1024 * 1024;

const actionColor: Record<ImportReport['rows'][number]['action'], string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'gray',
  error: 'red',
};

function ReportSummary({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" data-testid="import-counts">
      {t('import.counts', report.counts)} · {t('import.separator', { separator: report.separator })}
    </Text>
  );
}

function ReportTable({ report, nameHeader }: { report: ImportReport; nameHeader: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing={4} data-testid="import-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('import.line')}</Table.Th>
            <Table.Th w={120}>{t('import.action')}</Table.Th>
            <Table.Th miw={180}>{nameHeader}</Table.Th>
            <Table.Th>{t('import.errors')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row) => (
            <Table.Tr key={row.line} data-testid="import-row" data-action={row.action}>
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>
                <Badge color={actionColor[row.action]} variant="light">
                  {t(`import.actions.${row.action}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td>
                {row.errors.length > 0 && (
                  <List size="sm" c="red">
                    {row.errors.map((error) => (
                      <List.Item key={`${error.column}:${error.message}`}>
                        {error.column ? `${error.column}: ` : ''}
                        {error.message}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The server call behind a wizard: a dry run (preview) or the import itself. */
export interface ImportMutation {
  mutate(
    body: { csv: string; dryRun: boolean },
    options: { onSuccess: (report: ImportReport) => void },
  ): void;
  reset(): void;
  error: Error | null;
  isPending: boolean;
}

export interface CsvImportWizardProps {
  title: string;
  intro: string;
  /** the header of the column naming each row's object (item name, work item title) */
  nameHeader: string;
  importer: ImportMutation;
  /** where "done" leads back to */
  back: { to: string; label: string };
}

/**
 * A CSV import wizard: choose a file, read it here (refused above the size limit before it is
 * read), preview the server's dry run row by row with its errors, then import. The inventory and
 * the work items use it with their own server call.
 */
export function CsvImportWizard({ title, intro, nameHeader, importer, back }: CsvImportWizardProps) {
  const { t } = useTranslation();
  const importItems = importer;
  const resetFile = useRef<() => void>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [applied, setApplied] = useState<ImportReport | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const step = applied ? 2 : preview ? 1 : 0;

  const reset = () => {
    setFileName(null);
    setCsv(null);
    setPreview(null);
    setApplied(null);
    setFileError(null);
    importItems.reset();
    resetFile.current?.();
  };

  const onFile = async (file: File | null) => {
    reset();
    if (!file) return;
    if (file.size > maxFileBytes) {
      setFileError(t('import.tooLarge'));
      return;
    }
    const text = await file.text();
    if (text.length > importMaxCsvLength) {
      setFileError(t('import.tooLarge'));
      return;
    }
    setFileName(file.name);
    setCsv(text);
    importItems.mutate({ csv: text, dryRun: true }, { onSuccess: (report) => setPreview(report) });
  };

  const onImport = () => {
    if (!csv) return;
    importItems.mutate({ csv, dryRun: false }, { onSuccess: (report) => setApplied(report) });
  };

  return (
    <>
      <PageHeader title={title} />
      <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t('import.steps.file')} />
        <Stepper.Step label={t('import.steps.preview')} />
        <Stepper.Step label={t('import.steps.done')} />
      </Stepper>
      <Stack>
        {step === 0 && <Text size="sm">{intro}</Text>}
        {step < 2 && (
          <Group>
            <FileButton
              onChange={(file) => void onFile(file)}
              accept=".csv,text/csv,text/plain"
              resetRef={resetFile}
              inputProps={{ 'data-testid': 'import-file' } as ComponentProps<'input'>}
            >
              {(props) => (
                <Button
                  {...props}
                  leftSection={<IconFileUpload size={16} />}
                  variant={preview ? 'default' : 'filled'}
                >
                  {t('import.chooseFile')}
                </Button>
              )}
            </FileButton>
            {fileName && (
              <Text size="sm" c="dimmed" data-testid="import-file-name">
                {t('import.file')}: {fileName}
              </Text>
            )}
          </Group>
        )}
        {fileError && <Alert color="red">{fileError}</Alert>}
        {importItems.error && <ErrorAlert error={importItems.error} />}
        {importItems.isPending && <Text size="sm">{t('common.loading')}</Text>}
        {preview && !applied && (
          <>
            <ReportSummary report={preview} />
            {!preview.isValid && (
              <Alert color="red" data-testid="import-invalid">
                {t('import.invalid')}
              </Alert>
            )}
            <ReportTable report={preview} nameHeader={nameHeader} />
            <Group justify="flex-end">
              <Button variant="default" onClick={reset}>
                {t('common.cancel')}
              </Button>
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!preview.isValid}
                loading={importItems.isPending}
                onClick={onImport}
                data-testid="import-submit"
              >
                {t('import.submit')}
              </Button>
            </Group>
          </>
        )}
        {applied && (
          <>
            <Alert color="green" title={t('import.applied')} data-testid="import-done">
              <ReportSummary report={applied} />
            </Alert>
            <Group>
              <Button component={Link} to={back.to}>
                {back.label}
              </Button>
              <Button variant="default" onClick={reset}>
                {t('import.another')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </>
  );
}
