import { Checkbox, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CheckKind, dnsRecordTypes, tlsProtocols } from '../../../shared/contracts/check-kinds';
import { errorUnder, type FieldErrors } from '../../components/forms';
import { HttpFields } from './CheckHttpFields';
import type { SettingsValues } from './checkFormValues';

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

/** What each kind's inputs receive: their values, a partial change, and the form's errors. */
export type KindProps<K extends CheckKind> = {
  values: SettingsValues[K];
  onChange: (change: Partial<SettingsValues[K]>) => void;
  errors: FieldErrors;
};

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
