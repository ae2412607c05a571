import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Delivery,
  type DeliveryStatus,
  deliveryStatuses,
} from '../../../shared/contracts/notifications';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { useChannels, useDeliveries, useRetryDelivery } from './notifications.api';

const statusColor: Record<DeliveryStatus, string> = {
  pending: 'yellow',
  delivered: 'green',
  dead: 'red',
  failed: 'orange',
};
const pageSize = 50;

/** A delivery's status as a badge. */
function StatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColor[status]}
      variant="light"
      style={{ textTransform: 'none' }}
      data-testid="delivery-status"
    >
      {t(`notifications.deliveries.statuses.${status}`)}
    </Badge>
  );
}

/** The tries of one delivery, newest first. */
function AttemptList({ delivery }: { delivery: Delivery }) {
  const format = useFormat();
  return (
    <Table withRowBorders={false} fz="xs">
      <Table.Tbody>
        {delivery.attempts.map((attempt) => (
          <Table.Tr key={attempt.id}>
            <Table.Td w={170}>{format.dateTime(attempt.at)}</Table.Td>
            <Table.Td w={60}>
              <Badge size="xs" color={attempt.isSuccess ? 'green' : 'red'}>
                {attempt.statusCode ?? '—'}
              </Badge>
            </Table.Td>
            <Table.Td>{attempt.message}</Table.Td>
            <Table.Td w={80}>{format.number(attempt.durationMs)} ms</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The delivery log: status, tries, last error; dead letters can be retried. */
export function DeliveriesTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const channels = useChannels();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [channelId, setChannelId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const deliveries = useDeliveries({
    status: status ?? undefined,
    channelId: channelId ? Number(channelId) : undefined,
    page,
    pageSize,
  });
  const retry = useRetryDelivery();
  const eventLabel = (kind: string) =>
    kind === 'test'
      ? t('notifications.deliveries.testEvent')
      : t(`notifications.rules.eventKinds.${kind}`, kind);

  return (
    <>
      <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
        <Select
          label={t('notifications.deliveries.status')}
          placeholder={t('common.all')}
          data={deliveryStatuses.map((value) => ({
            value,
            label: t(`notifications.deliveries.statuses.${value}`),
          }))}
          value={status}
          onChange={(value) => {
            setStatus(value as DeliveryStatus | null);
            setPage(1);
          }}
          clearable
          comboboxProps={{ withinPortal: true }}
          data-testid="delivery-filter-status"
        />
        <Select
          label={t('notifications.deliveries.channel')}
          placeholder={t('common.all')}
          data={(channels.data?.rows ?? []).map((channel) => ({
            value: String(channel.id),
            label: channel.name,
          }))}
          value={channelId}
          onChange={(value) => {
            setChannelId(value);
            setPage(1);
          }}
          clearable
          comboboxProps={{ withinPortal: true }}
          data-testid="delivery-filter-channel"
        />
      </Group>
      {retry.isError && <ErrorAlert error={retry.error} />}
      {deliveries.isPending ? (
        <PageLoader />
      ) : deliveries.isError ? (
        <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.rows.length === 0 ? (
        <Text c="dimmed">{t('notifications.deliveries.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" data-testid="delivery-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('notifications.deliveries.createdAt')}</Table.Th>
                  <Table.Th>{t('notifications.deliveries.channel')}</Table.Th>
                  <Table.Th>{t('notifications.deliveries.event')}</Table.Th>
                  <Table.Th>{t('notifications.deliveries.status')}</Table.Th>
                  <Table.Th>{t('notifications.deliveries.attempts')}</Table.Th>
                  <Table.Th>{t('notifications.deliveries.lastError')}</Table.Th>
                  <ActionsHeader />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.data.rows.map((delivery) => (
                  <Fragment key={delivery.id}>
                    <Table.Tr data-testid="delivery-row" data-status={delivery.status}>
                      <Table.Td>{format.dateTime(delivery.createdAt)}</Table.Td>
                      <Table.Td>{delivery.channelName}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{eventLabel(delivery.eventKind)}</Text>
                        <Text size="xs" c="dimmed">
                          {delivery.subject}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={delivery.status} />
                        {delivery.status === 'pending' && delivery.attemptCount > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('notifications.deliveries.nextAttempt')}:{' '}
                            {format.dateTime(delivery.nextAttemptAt)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{delivery.attemptCount}</Table.Td>
                      <Table.Td maw={320}>
                        <Text size="xs" lineClamp={2}>
                          {delivery.lastError ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          {delivery.attempts.length > 0 && (
                            <Button
                              size="xs"
                              variant="subtle"
                              onClick={() => setOpenId(openId === delivery.id ? null : delivery.id)}
                            >
                              {openId === delivery.id
                                ? t('notifications.deliveries.hideAttempts')
                                : t('notifications.deliveries.showAttempts')}
                            </Button>
                          )}
                          {delivery.status === 'dead' && (
                            <Button
                              size="xs"
                              variant="light"
                              loading={retry.isPending && retry.variables === delivery.id}
                              onClick={() => retry.mutate(delivery.id)}
                              data-testid="delivery-retry"
                            >
                              {t('notifications.deliveries.retry')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {openId === delivery.id && (
                      <Table.Tr>
                        <Table.Td colSpan={7}>
                          <AttemptList delivery={delivery} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={deliveries.data.total} page={page} pageSize={pageSize} onPage={setPage} />
        </>
      )}
    </>
  );
}
