import { Button, Group, Paper, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessage, IconRobot, IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../shared/contracts/incidents';
import { errorMessage } from '../../components/forms';
import { useFormat } from '../../i18n/format';
import { useIncidentLabels } from './incidentLabels';
import { useIncidentActions } from './incidents.api';

/** Every event of the incident, oldest first; bodies are plain text and shown as text. */
export function IncidentTimeline({ incident, canChange }: { incident: IncidentDetail; canChange: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useIncidentLabels();
  return (
    <Paper withBorder p="md" data-testid="incident-timeline">
      <Title order={2} size="h4" mb="md">
        {t('incidents.timeline.title')}
      </Title>
      <Timeline bulletSize={22} lineWidth={2} active={incident.events.length}>
        {incident.events.map((event) => (
          <Timeline.Item
            key={event.id}
            bullet={
              event.kind === 'comment' ? (
                <IconMessage size={12} />
              ) : event.actorId === null ? (
                <IconRobot size={12} />
              ) : (
                <IconUser size={12} />
              )
            }
            title={labels.eventKind(event.kind)}
            data-testid="timeline-event"
            data-kind={event.kind}
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {event.body}
            </Text>
            <Text size="xs" c="dimmed">
              {event.actorId === null && event.actorLabel === 'Regia'
                ? t('incidents.regia')
                : event.actorLabel}{' '}
              · {format.dateTime(event.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {canChange && <CommentBox incidentId={incident.id} />}
    </Paper>
  );
}

function CommentBox({ incidentId }: { incidentId: number }) {
  const { t } = useTranslation();
  const { comment } = useIncidentActions(incidentId);
  const [body, setBody] = useState('');
  const submit = () =>
    comment.mutate(body, {
      onSuccess: () => setBody(''),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (body.trim()) submit();
      }}
    >
      <Textarea
        mt="md"
        label={t('incidents.timeline.comment')}
        placeholder={t('incidents.timeline.commentPlaceholder')}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={10_000}
        data-testid="incident-comment"
      />
      <Group justify="flex-end" mt="xs">
        <Button
          type="submit"
          disabled={!body.trim()}
          loading={comment.isPending}
          data-testid="incident-comment-send"
        >
          {t('incidents.timeline.send')}
        </Button>
      </Group>
    </form>
  );
}
