import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollaborationSettings, NotificationPreferences } from '../../../shared/contracts/collaboration';
import { http } from '../../api/http';
import { errorMessage } from '../../components/forms';
import { useMe } from '../auth/auth.api';
import { useChannels } from '../notifications/notifications.api';
import { collaborationKeys, useCollaborationSettings, usePreferences } from './collaboration.api';

/** Admins: which email channel carries personal email, and the digest hour. */
function PersonalEmailSettings({ settings }: { settings: CollaborationSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const channels = useChannels();
  const [channelId, setChannelId] = useState<string | null>(settings.emailChannelId?.toString() ?? null);
  const [hour, setHour] = useState<number>(settings.digestHour);
  const [isSaving, setSaving] = useState(false);
  const emailChannels = (channels.data?.rows ?? []).filter((channel) => channel.settings.kind === 'email');
  const save = () => {
    setSaving(true);
    http
      .put<CollaborationSettings>('/collaboration/settings', {
        emailChannelId: channelId === null ? null : Number(channelId),
        digestHour: hour,
      })
      .then(
        (next) => {
          client.setQueryData(collaborationKeys.settings, next);
          notifications.show({ message: t('collaboration.settings.saved') });
        },
        (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      )
      .finally(() => setSaving(false));
  };
  return (
    <Stack gap="xs" mt="md">
      <Title order={2} size="h5">
        {t('collaboration.settings.title')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('collaboration.settings.channel')}
          placeholder={t('collaboration.settings.none')}
          clearable
          value={channelId}
          onChange={setChannelId}
          data={emailChannels.map((channel) => ({ value: String(channel.id), label: channel.name }))}
          data-testid="personal-email-channel"
        />
        <NumberInput
          label={t('collaboration.settings.digestHour')}
          min={0}
          max={23}
          w={140}
          value={hour}
          onChange={(value) => setHour(typeof value === 'number' ? value : 0)}
        />
        <Button variant="default" loading={isSaving} onClick={save}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The caller's notification preferences: per kind in Regia and by email, and the daily digest. */
export function NotificationPreferencesPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const { preferences, update } = usePreferences();
  const settings = useCollaborationSettings();
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  useEffect(() => {
    if (preferences.data) setDraft(preferences.data);
  }, [preferences.data]);
  if (!draft) return null;
  const setKind = (kind: string, field: 'isInApp' | 'isEmail', value: boolean) =>
    setDraft({ ...draft, kinds: draft.kinds.map((k) => (k.kind === kind ? { ...k, [field]: value } : k)) });
  const save = () =>
    update.mutate(draft, {
      onSuccess: () => notifications.show({ message: t('collaboration.preferences.saved') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    });
  return (
    <Paper withBorder p="md" mt="md" data-testid="notification-preferences">
      <Title order={2} size="h4" mb="xs">
        {t('collaboration.preferences.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('collaboration.preferences.intro')}
      </Text>
      {settings.data && settings.data.emailChannelId === null && (
        <Alert color="yellow" mb="sm">
          {t('collaboration.preferences.noEmailChannel')}
        </Alert>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('collaboration.preferences.kind')}</Table.Th>
            <Table.Th>{t('collaboration.preferences.inApp')}</Table.Th>
            <Table.Th>{t('collaboration.preferences.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.kinds.map((kind) => (
            <Table.Tr key={kind.kind}>
              <Table.Td>{t(`collaboration.kinds.${kind.kind}`)}</Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${t(`collaboration.kinds.${kind.kind}`)} · ${t('collaboration.preferences.inApp')}`}
                  checked={kind.isInApp}
                  onChange={(event) => setKind(kind.kind, 'isInApp', event.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${t(`collaboration.kinds.${kind.kind}`)} · ${t('collaboration.preferences.email')}`}
                  checked={kind.isEmail}
                  onChange={(event) => setKind(kind.kind, 'isEmail', event.currentTarget.checked)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Switch
        mt="md"
        label={t('collaboration.preferences.digest')}
        description={t('collaboration.preferences.digestHint')}
        checked={draft.isDigestEnabled}
        onChange={(event) => setDraft({ ...draft, isDigestEnabled: event.currentTarget.checked })}
        data-testid="digest-toggle"
      />
      <Group justify="flex-end" mt="md">
        <Button loading={update.isPending} onClick={save} data-testid="preferences-save">
          {t('common.save')}
        </Button>
      </Group>
      {me.data?.role === 'admin' && settings.data && <PersonalEmailSettings settings={settings.data} />}
    </Paper>
  );
}
