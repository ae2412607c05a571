import { Button, Group, Modal, MultiSelect, Select, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Channel, NewRule, type Rule } from '../../../shared/contracts/notifications';
import { notificationEventKinds } from '../../../shared/domain/notification-events';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, errorUnder, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { useTeams } from '../teams/teams.api';

type Props = {
  rule?: Rule;
  channels: Channel[];
  isPending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (rule: NewRule) => void;
};

/** Create and edit form of a rule: events, teams, severity, channels. */
export function RuleFormModal({ rule, channels, isPending, error, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const teams = useTeams();
  const [name, setName] = useState(rule?.name ?? '');
  const [events, setEvents] = useState<string[]>(rule?.events ?? ['check.down', 'check.up']);
  const [teamIds, setTeamIds] = useState<string[]>((rule?.teamIds ?? []).map(String));
  const [maxSeverity, setMaxSeverity] = useState(String(rule?.maxSeverity ?? 4));
  const [channelIds, setChannelIds] = useState<string[]>((rule?.channelIds ?? []).map(String));
  const [isEnabled, setIsEnabled] = useState(rule?.isEnabled ?? true);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...apiFieldErrors(error), ...localErrors };
  const hasFieldErrors = Object.keys(apiFieldErrors(error)).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewRule.safeParse({
      name,
      events,
      teamIds: teamIds.map(Number),
      maxSeverity: Number(maxSeverity),
      channelIds: channelIds.map(Number),
      isEnabled,
    });
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) onSubmit(parsed.data);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={rule ? t('notifications.rules.edit') : t('notifications.rules.new')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && !hasFieldErrors ? <ErrorAlert error={error} /> : null}
          <TextInput
            label={t('common.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-testid="rule-name"
            data-autofocus
          />
          <MultiSelect
            label={t('notifications.rules.events')}
            required
            data={notificationEventKinds.map((value) => ({
              value,
              label: t(`notifications.rules.eventKinds.${value}`),
            }))}
            value={events}
            onChange={setEvents}
            error={errorUnder(errors, 'events')}
            comboboxProps={{ withinPortal: true }}
            data-testid="rule-events"
          />
          <MultiSelect
            label={t('notifications.rules.teams')}
            placeholder={teamIds.length === 0 ? t('notifications.rules.allTeams') : undefined}
            data={(teams.data?.rows ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
            value={teamIds}
            onChange={setTeamIds}
            error={errorUnder(errors, 'teamIds')}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="rule-teams"
          />
          <Select
            label={t('notifications.rules.maxSeverity')}
            data={[1, 2, 3, 4].map((level) => ({
              value: String(level),
              label:
                level === 4
                  ? t('notifications.rules.everySeverity')
                  : t('notifications.rules.severityOption', { level }),
            }))}
            value={maxSeverity}
            onChange={(value) => value && setMaxSeverity(value)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="rule-severity"
          />
          <MultiSelect
            label={t('notifications.rules.channels')}
            required
            data={channels.map((channel) => ({ value: String(channel.id), label: channel.name }))}
            value={channelIds}
            onChange={setChannelIds}
            error={errorUnder(errors, 'channelIds')}
            comboboxProps={{ withinPortal: true }}
            data-testid="rule-channels"
          />
          <Switch
            label={t('notifications.rules.enabled')}
            checked={isEnabled}
            onChange={(event) => setIsEnabled(event.currentTarget.checked)}
            data-testid="rule-enabled"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending} data-testid="rule-submit">
              {rule ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
