import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Input,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { httpMethods } from '../../../shared/contracts/check-kinds';
import { errorUnder } from '../../components/forms';
import type { KindProps } from './CheckSettingsFields';
import { type JsonPathMode, newHeaderRow, type SettingsValues } from './checkFormValues';

/** The inputs of an HTTP(S) check: request, expected answer, assertions and connection options. */
export function HttpFields({ values, onChange, errors }: KindProps<'http'>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <Select
          label={t('checks.http.method')}
          data={[...httpMethods]}
          value={values.method}
          allowDeselect={false}
          onChange={(value) => onChange({ method: value ?? 'GET' })}
          error={errors['settings.method']}
          w={120}
          data-testid="http-method"
        />
        <TextInput
          label={t('checks.http.url')}
          required
          placeholder="https://intranet.example.com/health"
          value={values.url}
          onChange={(event) => onChange({ url: event.currentTarget.value })}
          error={errors['settings.url']}
          style={{ flex: '1 1 320px' }}
          data-testid="http-url"
        />
      </Group>
      <HeadersEditor
        rows={values.headers}
        onChange={(headers) => onChange({ headers })}
        error={errorUnder(errors, 'settings.headers')}
      />
      {values.method !== 'GET' && values.method !== 'HEAD' && (
        <Textarea
          label={t('checks.http.body')}
          autosize
          minRows={2}
          maxRows={10}
          value={values.body}
          onChange={(event) => onChange({ body: event.currentTarget.value })}
          error={errors['settings.body']}
          styles={{ input: { fontFamily: 'monospace' } }}
          data-testid="http-body"
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TagsInput
          label={t('checks.http.expectedStatus')}
          description={t('checks.http.expectedStatusHint')}
          value={values.expectedStatus}
          onChange={(expectedStatus) => onChange({ expectedStatus })}
          error={errorUnder(errors, 'settings.expectedStatus')}
          clearable
          data-testid="http-expected-status"
        />
        <NumberInput
          label={t('checks.http.maxLatency')}
          description={t('checks.http.maxLatencyHint')}
          value={values.maxLatencyMs}
          onChange={(maxLatencyMs) => onChange({ maxLatencyMs })}
          error={errors['settings.maxLatencyMs']}
          min={1}
          allowDecimal={false}
          suffix=" ms"
          data-testid="http-max-latency"
        />
        <Stack gap={4}>
          <TextInput
            label={t('checks.http.keyword')}
            description={t('checks.http.keywordHint')}
            value={values.keyword}
            onChange={(event) => onChange({ keyword: event.currentTarget.value })}
            error={errors['settings.keyword']}
            data-testid="http-keyword"
          />
          <Checkbox
            label={t('checks.http.keywordAbsent')}
            checked={values.keywordAbsent}
            onChange={(event) => onChange({ keywordAbsent: event.currentTarget.checked })}
            error={errors['settings.keywordAbsent']}
            data-testid="http-keyword-absent"
          />
        </Stack>
        <TextInput
          label={t('checks.http.regex')}
          description={t('checks.http.regexHint')}
          value={values.regex}
          onChange={(event) => onChange({ regex: event.currentTarget.value })}
          error={errors['settings.regex']}
          styles={{ input: { fontFamily: 'monospace' } }}
          data-testid="http-regex"
        />
      </SimpleGrid>
      <Input.Wrapper label={t('checks.http.jsonPath')} description={t('checks.http.jsonPathHint')}>
        <Group gap="sm" align="flex-start" wrap="wrap" mt={4}>
          <TextInput
            aria-label={t('checks.http.jsonPathPath')}
            placeholder="$.status"
            value={values.jsonPathPath}
            onChange={(event) => onChange({ jsonPathPath: event.currentTarget.value })}
            error={errors['settings.jsonPath.path'] ?? errors['settings.jsonPath']}
            styles={{ input: { fontFamily: 'monospace' } }}
            style={{ flex: '1 1 200px' }}
            data-testid="http-json-path"
          />
          <SegmentedControl
            data={[
              { value: 'exists', label: t('checks.http.jsonExists') },
              { value: 'absent', label: t('checks.http.jsonAbsent') },
              { value: 'equals', label: t('checks.http.jsonEquals') },
            ]}
            value={values.jsonPathMode}
            onChange={(value) => onChange({ jsonPathMode: value as JsonPathMode })}
            data-testid="http-json-mode"
          />
          {values.jsonPathMode === 'equals' && (
            <TextInput
              aria-label={t('checks.http.jsonEqualsValue')}
              placeholder={t('checks.http.jsonEqualsValue')}
              value={values.jsonPathEquals}
              onChange={(event) => onChange({ jsonPathEquals: event.currentTarget.value })}
              error={errors['settings.jsonPath.equals']}
              style={{ flex: '1 1 160px' }}
              data-testid="http-json-equals"
            />
          )}
        </Group>
      </Input.Wrapper>
      <Group gap="lg" wrap="wrap">
        <Checkbox
          label={t('checks.http.followRedirects')}
          checked={values.followRedirects}
          onChange={(event) => onChange({ followRedirects: event.currentTarget.checked })}
          data-testid="http-follow-redirects"
        />
        <Checkbox
          label={t('checks.http.verifyTls')}
          checked={values.verifyTls}
          onChange={(event) => onChange({ verifyTls: event.currentTarget.checked })}
          data-testid="http-verify-tls"
        />
        <Checkbox
          label={t('checks.http.reuseConnection')}
          checked={values.reuseConnection}
          onChange={(event) => onChange({ reuseConnection: event.currentTarget.checked })}
          data-testid="http-reuse-connection"
        />
      </Group>
    </Stack>
  );
}

/** Request headers as name/value rows; values are secrets, typed in password inputs. */
function HeadersEditor({
  rows,
  onChange,
  error,
}: {
  rows: SettingsValues['http']['headers'];
  onChange: (rows: SettingsValues['http']['headers']) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const update = (rowId: number, change: { name?: string; value?: string }) =>
    onChange(rows.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)));
  return (
    <Input.Wrapper label={t('checks.http.headers')} description={t('checks.http.headersHint')} error={error}>
      <Stack gap="xs" mt={4} data-testid="http-headers">
        {rows.map((row) => (
          <Group key={row.rowId} gap="xs" align="flex-start" wrap="wrap" data-testid="http-header-row">
            <TextInput
              aria-label={t('checks.http.headerName')}
              placeholder={t('checks.http.headerName')}
              value={row.name}
              onChange={(event) => update(row.rowId, { name: event.currentTarget.value })}
              style={{ flex: '1 1 160px' }}
              data-testid="http-header-name"
            />
            <PasswordInput
              aria-label={t('checks.http.headerValue')}
              placeholder={t('checks.http.headerValue')}
              value={row.value}
              onChange={(event) => update(row.rowId, { value: event.currentTarget.value })}
              autoComplete="off"
              style={{ flex: '2 1 220px' }}
              data-testid="http-header-value"
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={6}
              aria-label={t('common.remove')}
              onClick={() => onChange(rows.filter((other) => other.rowId !== row.rowId))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, newHeaderRow()])}
          data-testid="http-header-add"
        >
          {t('checks.http.addHeader')}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
