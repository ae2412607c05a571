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
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  type CheckKind,
  dnsRecordTypes,
  httpMethods,
  tlsProtocols,
} from '../../../shared/contracts/check-kinds';
import { errorUnder, type FieldErrors } from '../../components/forms';
import { type JsonPathMode, newHeaderRow, type SettingsValues } from './checkFormValues';

type Props = {
  kind: CheckKind;
  values: SettingsValues;
  onChange: (values: SettingsValues) => void;
  errors: FieldErrors;
};

/** The inputs of one kind of check; errors come keyed as `settings.<field>`. */
export function CheckSettingsFields({ kind, values, onChange, errors }: Props) {
  const set = <K extends CheckKind>(key: K, change: Partial<SettingsValues[K]>) =>
    onChange({ ...values, [key]: { ...values[key], ...change } });
  switch (kind) {
    case 'http':
      return <HttpFields values={values.http} onChange={(change) => set('http', change)} errors={errors} />;
    case 'tcp':
      return <TcpFields values={values.tcp} onChange={(change) => set('tcp', change)} errors={errors} />;
    case 'dns':
      return <DnsFields values={values.dns} onChange={(change) => set('dns', change)} errors={errors} />;
    case 'tls':
      return <TlsFields values={values.tls} onChange={(change) => set('tls', change)} errors={errors} />;
    case 'ping':
      return <PingFields values={values.ping} onChange={(change) => set('ping', change)} errors={errors} />;
    case 'heartbeat':
      return (
        <HeartbeatFields
          values={values.heartbeat}
          onChange={(change) => set('heartbeat', change)}
          errors={errors}
        />
      );
  }
}

type KindProps<K extends CheckKind> = {
  values: SettingsValues[K];
  onChange: (change: Partial<SettingsValues[K]>) => void;
  errors: FieldErrors;
};

function HttpFields({ values, onChange, errors }: KindProps<'http'>) {
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

function HostInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('checks.fields.host')}
      description={t('checks.fields.hostHint')}
      required
      placeholder="db1.intranet"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      data-testid="check-host"
    />
  );
}

function PortInput({
  value,
  onChange,
  error,
  isRequired,
}: {
  value: number | string;
  onChange: (value: number | string) => void;
  error?: string;
  isRequired?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <NumberInput
      label={t('checks.fields.port')}
      required={isRequired}
      value={value}
      onChange={onChange}
      error={error}
      min={1}
      max={65_535}
      allowDecimal={false}
      thousandSeparator={false}
      data-testid="check-port"
    />
  );
}

function TcpFields({ values, onChange, errors }: KindProps<'tcp'>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <HostInput
        value={values.host}
        onChange={(host) => onChange({ host })}
        error={errors['settings.host']}
      />
      <PortInput
        value={values.port}
        onChange={(port) => onChange({ port })}
        error={errors['settings.port']}
        isRequired
      />
    </SimpleGrid>
  );
}

function DnsFields({ values, onChange, errors }: KindProps<'dns'>) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('checks.dns.name')}
        description={t('checks.dns.nameHint')}
        required
        placeholder="intranet.example.com"
        value={values.name}
        onChange={(event) => onChange({ name: event.currentTarget.value })}
        error={errors['settings.name']}
        data-testid="dns-name"
      />
      <Select
        label={t('checks.dns.recordType')}
        data={[...dnsRecordTypes]}
        value={values.recordType}
        allowDeselect={false}
        onChange={(value) => onChange({ recordType: value ?? 'A' })}
        error={errors['settings.recordType']}
        data-testid="dns-record-type"
      />
      <TagsInput
        label={t('checks.dns.expectedValues')}
        description={t('checks.dns.expectedValuesHint')}
        value={values.expectedValues}
        onChange={(expectedValues) => onChange({ expectedValues })}
        error={errorUnder(errors, 'settings.expectedValues')}
        clearable
        data-testid="dns-expected-values"
      />
      <TextInput
        label={t('checks.dns.resolver')}
        description={t('checks.dns.resolverHint')}
        placeholder="10.0.0.53"
        value={values.resolver}
        onChange={(event) => onChange({ resolver: event.currentTarget.value })}
        error={errors['settings.resolver']}
        data-testid="dns-resolver"
      />
    </SimpleGrid>
  );
}

function TlsFields({ values, onChange, errors }: KindProps<'tls'>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <HostInput
          value={values.host}
          onChange={(host) => onChange({ host })}
          error={errors['settings.host']}
        />
        <PortInput
          value={values.port}
          onChange={(port) => onChange({ port })}
          error={errors['settings.port']}
        />
        <TextInput
          label={t('checks.tls.servername')}
          description={t('checks.tls.servernameHint')}
          value={values.servername}
          onChange={(event) => onChange({ servername: event.currentTarget.value })}
          error={errors['settings.servername']}
          data-testid="tls-servername"
        />
        <Select
          label={t('checks.tls.minProtocol')}
          placeholder={t('checks.tls.anyProtocol')}
          data={[...tlsProtocols]}
          value={values.minProtocol}
          onChange={(minProtocol) => onChange({ minProtocol })}
          error={errors['settings.minProtocol']}
          clearable
          data-testid="tls-min-protocol"
        />
        <NumberInput
          label={t('checks.tls.warningDays')}
          description={t('checks.tls.warningDaysHint')}
          value={values.warningDays}
          onChange={(warningDays) => onChange({ warningDays })}
          error={errors['settings.warningDays']}
          min={0}
          allowDecimal={false}
          data-testid="tls-warning-days"
        />
        <NumberInput
          label={t('checks.tls.criticalDays')}
          description={t('checks.tls.criticalDaysHint')}
          value={values.criticalDays}
          onChange={(criticalDays) => onChange({ criticalDays })}
          error={errors['settings.criticalDays']}
          min={0}
          allowDecimal={false}
          data-testid="tls-critical-days"
        />
      </SimpleGrid>
      <Checkbox
        label={t('checks.tls.checkHostname')}
        checked={values.checkHostname}
        onChange={(event) => onChange({ checkHostname: event.currentTarget.checked })}
        data-testid="tls-check-hostname"
      />
    </Stack>
  );
}

function PingFields({ values, onChange, errors }: KindProps<'ping'>) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <HostInput
        value={values.host}
        onChange={(host) => onChange({ host })}
        error={errors['settings.host']}
      />
      <NumberInput
        label={t('checks.ping.count')}
        value={values.count}
        onChange={(count) => onChange({ count })}
        error={errors['settings.count']}
        min={1}
        max={10}
        allowDecimal={false}
        data-testid="ping-count"
      />
      <NumberInput
        label={t('checks.ping.maxLoss')}
        description={t('checks.ping.maxLossHint')}
        value={values.maxLossPercent}
        onChange={(maxLossPercent) => onChange({ maxLossPercent })}
        error={errors['settings.maxLossPercent']}
        min={0}
        max={100}
        suffix=" %"
        data-testid="ping-max-loss"
      />
    </SimpleGrid>
  );
}

function HeartbeatFields({ values, onChange, errors }: KindProps<'heartbeat'>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('checks.heartbeat.intro')}
      </Text>
      <NumberInput
        label={t('checks.heartbeat.grace')}
        description={t('checks.heartbeat.graceHint')}
        value={values.graceSeconds}
        onChange={(graceSeconds) => onChange({ graceSeconds })}
        error={errors['settings.graceSeconds']}
        min={0}
        allowDecimal={false}
        suffix=" s"
        w={{ base: '100%', sm: 260 }}
        data-testid="heartbeat-grace"
      />
    </Stack>
  );
}
