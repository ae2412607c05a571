import { Anchor, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { useMe } from '../auth/auth.api';
import { CommentThread } from '../collaboration/CommentThread';
import { Markdown } from '../collaboration/Markdown';
import { priorityKey, RequestStatusBadge } from './requestParts';
import { useRequest } from './requests.api';
import { TriageButtons } from './TriageButtons';

/** `/requests/:id`: the request, its status history and its conversation. */
export function RequestPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = Number(useParams().id);
  const me = useMe();
  const { data, error, isLoading } = useRequest(id);
  if (isLoading) return <PageLoader />;
  if (error || !data) return <ErrorAlert error={error} />;
  // Requesters cannot open work items: they follow the work here.
  const canReadWork = me.data ? hasPermission(me.data.role, 'read') : false;
  return (
    <Stack>
      <PageHeader
        title={`#${data.id} ${data.title}`}
        actions={data.canTriage && <TriageButtons request={data} />}
      />
      <Group gap="sm">
        <RequestStatusBadge status={data.status} />
        <Text size="sm">{t(`requests.kinds.${data.kind}`)}</Text>
        <Text size="sm">· {data.teamName}</Text>
        {data.itemName && <Text size="sm">· {data.itemName}</Text>}
        <Text size="sm" c="dimmed">
          · {t('requests.fields.priority')}: {t(priorityKey(data.priority))}
        </Text>
        {data.workItemId !== null &&
          (canReadWork ? (
            <Anchor component={Link} to={`/work-items/${data.workItemId}`} size="sm">
              {t('requests.workItem', { id: data.workItemId })}
            </Anchor>
          ) : (
            <Text size="sm">{t('requests.workItem', { id: data.workItemId })}</Text>
          ))}
        {data.mergedIntoRequestId !== null && (
          <Anchor component={Link} to={`/requests/${data.mergedIntoRequestId}`} size="sm">
            {t('requests.mergedInto', { id: data.mergedIntoRequestId })}
          </Anchor>
        )}
      </Group>
      {data.declineReason && (
        <Text data-testid="decline-reason">
          {t('requests.declineReason', { reason: data.declineReason })}
        </Text>
      )}
      {data.details && (
        <Card withBorder>
          <Markdown source={data.details} />
        </Card>
      )}
      <Title order={2} size="h4">
        {t('requests.history')}
      </Title>
      <Timeline active={data.history.length - 1} bulletSize={14} data-testid="request-history">
        {data.history.map((event) => (
          <Timeline.Item key={`${event.status}-${event.at}`} title={t(`requests.statuses.${event.status}`)}>
            <Text size="xs" c="dimmed">
              {format.dateTime(event.at)}
              {event.actorName ? ` · ${event.actorName}` : ''}
              {event.note ? ` · ${event.note}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <Title order={2} size="h4">
        {t('requests.thread')}
      </Title>
      <CommentThread entityType={data.thread.entityType} entityId={data.thread.entityId} />
    </Stack>
  );
}
