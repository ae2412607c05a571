import { MultiSelect, Select, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Channel, NewRule, type Rule } from '../../../shared/contracts/notifications';
import { notificationEventKinds } from '../../../shared/domain/notification-events';
import { FormModal } from '../../components/FormModal';
import { errorUnder } from '../../components/forms';
import { useContractForm } from '../../components/useContractForm';
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
  const form = useContractForm(NewRule, error, onSubmit);
  const errors = form.errors;

  const submit = () =>
    form.submit({
      name,
      events,
      teamIds: teamIds.map(Number),
      maxSeverity: Number(maxSeverity),
      channelIds: channelIds.map(Number),
      isEnabled,
    });

  return (
    <FormModal
      title={rule ? t('notifications.rules.edit') : t('notifications.rules.new')}
      size="lg"
      error={error}
      isPending={isPending}
      submitLabel={rule ? t('common.save') : t('common.create')}
      submitTestId="rule-submit"
      onClose={onClose}
      onSubmit={submit}
    >
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
    </FormModal>
  );
}
