import { Button, Group, Paper, Select, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../shared/contracts/incidents';
import { apiFieldErrors, errorMessage } from '../../components/forms';
import { useFormat } from '../../i18n/format';
import { UserPicker } from '../users/UserPicker';
import { useIncidentLabels } from './incidentLabels';
import { useIncidentActions } from './incidents.api';

function useShowError() {
  const { t } = useTranslation();
  return (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) });
}

/** Assignee, severity, public summary and automatic resolution, changed in place. */
export function IncidentSettingsForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const labels = useIncidentLabels();
  const actions = useIncidentActions(incident.id);
  const showError = useShowError();
  const [summary, setSummary] = useState(incident.publicSummary);
  const saved = () => notifications.show({ message: t('incidents.actions.saved') });
  return (
    <Paper withBorder p="md" data-testid="incident-settings">
      <Stack gap="sm">
        <UserPicker
          label={t('incidents.fields.assignee')}
          placeholder={t('incidents.nobody')}
          value={incident.assigneeId}
          onChange={(assigneeId) =>
            actions.assign.mutate(
              { assigneeId },
              {
                onSuccess: () => notifications.show({ message: t('incidents.actions.assigned') }),
                onError: showError,
              },
            )
          }
          data-testid="incident-assign"
        />
        <Select
          label={t('incidents.fields.severity')}
          data={labels.severityOptions}
          value={String(incident.severity)}
          allowDeselect={false}
          onChange={(value) =>
            value &&
            actions.update.mutate({ severity: Number(value) }, { onSuccess: saved, onError: showError })
          }
          data-testid="incident-severity-select"
        />
        <Switch
          label={t('incidents.fields.autoResolve')}
          checked={incident.autoResolve}
          onChange={(event) =>
            actions.update.mutate(
              { autoResolve: event.currentTarget.checked },
              { onSuccess: saved, onError: showError },
            )
          }
        />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            actions.update.mutate({ publicSummary: summary }, { onSuccess: saved, onError: showError });
          }}
        >
          <Textarea
            label={t('incidents.fields.publicSummary')}
            description={t('incidents.hints.publicSummary')}
            value={summary}
            onChange={(event) => setSummary(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            data-testid="incident-public-summary"
          />
          <Group justify="flex-end" mt="xs">
            <Button
              type="submit"
              variant="light"
              disabled={summary === incident.publicSummary}
              loading={actions.update.isPending}
            >
              {t('incidents.actions.save')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}

/** The post-incident review: cause and actions; shown read-only to those who may not change it. */
export function IncidentReviewForm({
  incident,
  canChange,
}: {
  incident: IncidentDetail;
  canChange: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { review } = useIncidentActions(incident.id);
  const showError = useShowError();
  const [cause, setCause] = useState(incident.reviewCause ?? '');
  const [actions, setActions] = useState(incident.reviewActions ?? '');
  const errors = apiFieldErrors(review.error);
  return (
    <Paper withBorder p="md" data-testid="incident-review">
      <Title order={2} size="h4" mb="xs">
        {t('incidents.review.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {incident.reviewedAt !== null
          ? t('incidents.review.reviewedBy', {
              who: incident.reviewedByName ?? '—',
              at: format.dateTime(incident.reviewedAt),
            })
          : t('incidents.review.notYet')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          review.mutate(
            { cause, actions },
            {
              onSuccess: () => notifications.show({ message: t('incidents.actions.saved') }),
              onError: showError,
            },
          );
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('incidents.review.cause')}
            value={cause}
            onChange={(event) => setCause(event.currentTarget.value)}
            readOnly={!canChange}
            autosize
            minRows={2}
            maxLength={20_000}
            error={errors.cause}
            data-testid="incident-review-cause"
          />
          <Textarea
            label={t('incidents.review.actions')}
            value={actions}
            onChange={(event) => setActions(event.currentTarget.value)}
            readOnly={!canChange}
            autosize
            minRows={2}
            maxLength={20_000}
            error={errors.actions}
            data-testid="incident-review-actions"
          />
          {canChange && (
            <Group justify="flex-end">
              <Button type="submit" disabled={!cause.trim()} loading={review.isPending}>
                {t('incidents.review.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
