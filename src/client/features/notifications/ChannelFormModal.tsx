import { NumberInput, PasswordInput, Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Channel,
  type ChannelKind,
  type ChannelLanguage,
  type ChannelSettingsInput,
  channelKinds,
  channelLanguages,
  maskedSecret,
  NewChannel,
  type SmtpSecurity,
  smtpSecurities,
} from '../../../shared/contracts/notifications';
import { FormModal } from '../../components/FormModal';
import { useContractForm } from '../../components/useContractForm';

type Props = {
  channel?: Channel;
  isPending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (channel: NewChannel) => void;
};

/** Every field of every kind as text; the kind picks which ones make the settings. */
type Fields = {
  host: string;
  port: number | string;
  security: SmtpSecurity;
  username: string;
  password: string;
  from: string;
  to: string;
  url: string;
  signingSecret: string;
  headers: string;
  webhookUrl: string;
  botToken: string;
  chatId: string;
  apiBaseUrl: string;
};

const emptyFields: Fields = {
  host: '',
  port: 587,
  security: 'starttls',
  username: '',
  password: '',
  from: '',
  to: '',
  url: '',
  signingSecret: '',
  headers: '',
  webhookUrl: '',
  botToken: '',
  chatId: '',
  apiBaseUrl: 'https://api.telegram.org',
};

function fieldsOf(channel: Channel | undefined): Fields {
  if (!channel) return emptyFields;
  const settings = channel.settings;
  switch (settings.kind) {
    case 'email':
      return { ...emptyFields, ...settings, to: settings.to.join('\n') };
    case 'webhook':
      return {
        ...emptyFields,
        url: settings.url,
        signingSecret: settings.signingSecret,
        headers: Object.entries(settings.headers)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n'),
      };
    case 'slack':
    case 'teams':
      return { ...emptyFields, webhookUrl: settings.webhookUrl };
    case 'telegram':
      return {
        ...emptyFields,
        botToken: settings.botToken,
        chatId: settings.chatId,
        apiBaseUrl: settings.apiBaseUrl,
      };
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

function headersOf(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines(text)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    else headers[line] = '';
  }
  return headers;
}

function settingsOf(kind: ChannelKind, fields: Fields): ChannelSettingsInput {
  switch (kind) {
    case 'email':
      return {
        kind,
        host: fields.host,
        port: Number(fields.port),
        security: fields.security,
        username: fields.username,
        password: fields.password,
        from: fields.from,
        to: lines(fields.to),
      };
    case 'webhook':
      return {
        kind,
        url: fields.url,
        signingSecret: fields.signingSecret,
        headers: headersOf(fields.headers),
      };
    case 'slack':
    case 'teams':
      return { kind, webhookUrl: fields.webhookUrl };
    case 'telegram':
      return { kind, botToken: fields.botToken, chatId: fields.chatId, apiBaseUrl: fields.apiBaseUrl };
  }
}

/** Create and edit form of a channel, one set of fields per kind, validated with the shared contract. */
export function ChannelFormModal({ channel, isPending, error, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(channel?.name ?? '');
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'webhook');
  const [language, setLanguage] = useState<ChannelLanguage>(channel?.language ?? 'en');
  const [isEnabled, setIsEnabled] = useState(channel?.isEnabled ?? true);
  const [fields, setFields] = useState<Fields>(() => fieldsOf(channel));
  const form = useContractForm(NewChannel, error, onSubmit);
  const errors = form.errors;

  const set = <K extends keyof Fields>(field: K, value: Fields[K]) =>
    setFields((current) => ({ ...current, [field]: value }));
  const text = (field: keyof Fields, testId: string, required = true) => ({
    label: t(`notifications.channels.fields.${field}`),
    required,
    value: String(fields[field]),
    onChange: (event: { currentTarget: { value: string } }) => set(field, event.currentTarget.value as never),
    error: errors[`settings.${field}`],
    'data-testid': testId,
  });
  // A stored secret shows as ********; left so, the server keeps it.
  const secretHint = (field: keyof Fields) =>
    fields[field] === maskedSecret ? t('notifications.channels.secretKept') : undefined;

  const submit = () => form.submit({ name, language, isEnabled, settings: settingsOf(kind, fields) });

  return (
    <FormModal
      title={channel ? t('notifications.channels.edit') : t('notifications.channels.new')}
      size="lg"
      error={error}
      isPending={isPending}
      submitLabel={channel ? t('common.save') : t('common.create')}
      submitTestId="channel-submit"
      onClose={onClose}
      onSubmit={submit}
    >
      <TextInput
        label={t('common.name')}
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={errors.name}
        data-testid="channel-name"
        data-autofocus
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={t('notifications.channels.kind')}
          data={channelKinds.map((value) => ({
            value,
            label: t(`notifications.channels.kinds.${value}`),
          }))}
          value={kind}
          onChange={(value) => value && setKind(value as ChannelKind)}
          disabled={channel !== undefined}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="channel-kind"
        />
        <Select
          label={t('notifications.channels.language')}
          data={channelLanguages.map((value) => ({
            value,
            label: t(`notifications.channels.languages.${value}`),
          }))}
          value={language}
          onChange={(value) => value && setLanguage(value as ChannelLanguage)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="channel-language"
        />
      </SimpleGrid>

      {kind === 'email' && (
        <>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <TextInput {...text('host', 'channel-host')} />
            <NumberInput
              label={t('notifications.channels.fields.port')}
              value={fields.port}
              onChange={(value) => set('port', value)}
              min={1}
              max={65535}
              error={errors['settings.port']}
              data-testid="channel-port"
            />
            <Select
              label={t('notifications.channels.fields.security')}
              data={smtpSecurities.map((value) => ({
                value,
                label: t(`notifications.channels.securities.${value}`),
              }))}
              value={fields.security}
              onChange={(value) => value && set('security', value as SmtpSecurity)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="channel-security"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput {...text('username', 'channel-username', false)} />
            <PasswordInput
              {...text('password', 'channel-password', false)}
              description={secretHint('password')}
            />
          </SimpleGrid>
          <TextInput {...text('from', 'channel-from')} />
          <Textarea
            {...text('to', 'channel-to')}
            autosize
            minRows={2}
            error={errors['settings.to'] ?? errors['settings.to.0']}
          />
        </>
      )}
      {kind === 'webhook' && (
        <>
          <TextInput {...text('url', 'channel-url')} placeholder="https://" />
          <PasswordInput
            {...text('signingSecret', 'channel-signing-secret', false)}
            description={secretHint('signingSecret') ?? t('notifications.channels.hints.signature')}
          />
          <Textarea
            {...text('headers', 'channel-headers', false)}
            autosize
            minRows={2}
            placeholder="X-Api-Key: …"
            error={Object.entries(errors).find(([path]) => path.startsWith('settings.headers'))?.[1]}
          />
        </>
      )}
      {(kind === 'slack' || kind === 'teams') && (
        <PasswordInput
          {...text('webhookUrl', 'channel-webhook-url')}
          description={secretHint('webhookUrl') ?? t('notifications.channels.hints.webhookUrl')}
        />
      )}
      {kind === 'telegram' && (
        <>
          <PasswordInput {...text('botToken', 'channel-bot-token')} description={secretHint('botToken')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput {...text('chatId', 'channel-chat-id')} placeholder="-1001234567890" />
            <TextInput {...text('apiBaseUrl', 'channel-api-base-url')} />
          </SimpleGrid>
        </>
      )}

      <Switch
        label={t('notifications.channels.enabled')}
        checked={isEnabled}
        onChange={(event) => setIsEnabled(event.currentTarget.checked)}
        data-testid="channel-enabled"
      />
    </FormModal>
  );
}
