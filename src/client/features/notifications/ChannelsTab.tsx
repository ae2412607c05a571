import { Alert, Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { IconCheck, IconPlus, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Channel,
  ChannelTestOutcome,
  NewChannel,
  UpdateChannel,
} from '../../../shared/contracts/notifications';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { ChannelFormModal } from './ChannelFormModal';
import {
  useChannels,
  useCreateChannel,
  useDeleteChannel,
  useTestChannel,
  useUpdateChannel,
} from './notifications.api';
import { RowActions } from './RowActions';
import { useEditDialog } from './useEditDialog';

/** The outcome of "send test", shown under the channel it was for. */
function TestOutcome({ outcome }: { outcome: ChannelTestOutcome }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={outcome.isSuccess ? 'green' : 'red'}
      icon={outcome.isSuccess ? <IconCheck size={16} /> : <IconX size={16} />}
      p="xs"
      data-testid="channel-test-outcome"
      data-success={outcome.isSuccess}
    >
      {outcome.isSuccess
        ? t('notifications.channels.testSent', { detail: outcome.message })
        : t('notifications.channels.testFailed', { detail: outcome.message })}
    </Alert>
  );
}

/** Channels: list, create and edit per kind, enable, send a test and see the outcome. */
export function ChannelsTab() {
  const { t } = useTranslation();
  const channels = useChannels();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const test = useTestChannel();
  const dialog = useEditDialog<Channel, NewChannel, UpdateChannel>(create, update);
  const [outcomes, setOutcomes] = useState<Record<number, ChannelTestOutcome>>({});
  const [testingId, setTestingId] = useState<number | null>(null);

  const submit = (channel: NewChannel) => {
    const { settings, name, language, isEnabled } = channel;
    dialog.save(channel, { settings, name, language, isEnabled });
  };
  const sendTest = (id: number) => {
    setTestingId(id);
    test.mutate(id, {
      onSuccess: (outcome) => setOutcomes((current) => ({ ...current, [id]: outcome })),
      onSettled: () => setTestingId(null),
    });
  };

  if (channels.isPending) return <PageLoader />;
  if (channels.isError) return <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />;
  const rows = channels.data.rows;

  return (
    <>
      <Group justify="flex-end" mb="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={dialog.openNew} data-testid="new-channel">
          {t('notifications.channels.new')}
        </Button>
      </Group>
      {test.isError && <ErrorAlert error={test.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {rows.length === 0 ? (
        <Text c="dimmed" data-testid="channels-empty">
          {t('notifications.channels.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="channel-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('notifications.channels.kind')}</Table.Th>
                <Table.Th>{t('notifications.channels.language')}</Table.Th>
                <Table.Th>{t('notifications.channels.enabled')}</Table.Th>
                <ActionsHeader />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((channel) => (
                <Table.Tr key={channel.id} data-testid="channel-row" data-name={channel.name}>
                  <Table.Td>
                    <Text fw={500}>{channel.name}</Text>
                    {outcomes[channel.id] && (
                      <TestOutcome outcome={outcomes[channel.id] as ChannelTestOutcome} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" style={{ textTransform: 'none' }}>
                      {t(`notifications.channels.kinds.${channel.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{t(`notifications.channels.languages.${channel.language}`)}</Table.Td>
                  <Table.Td>
                    <Switch
                      checked={channel.isEnabled}
                      aria-label={t('notifications.channels.enabled')}
                      onChange={(event) =>
                        update.mutate({ id: channel.id, change: { isEnabled: event.currentTarget.checked } })
                      }
                      data-testid="channel-enabled-toggle"
                    />
                  </Table.Td>
                  <Table.Td>
                    <RowActions
                      name={channel.name}
                      onEdit={() => dialog.openEdit(channel)}
                      onDelete={() => remove.mutate(channel.id)}
                      testIdPrefix="channel"
                    >
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconSend size={14} />}
                        loading={testingId === channel.id}
                        onClick={() => sendTest(channel.id)}
                        data-testid="channel-send-test"
                      >
                        {t('notifications.channels.sendTest')}
                      </Button>
                    </RowActions>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog.isOpen && (
        <ChannelFormModal
          channel={dialog.row}
          isPending={dialog.isPending}
          error={dialog.error}
          onClose={dialog.close}
          onSubmit={submit}
        />
      )}
    </>
  );
}
