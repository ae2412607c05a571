import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NewIncident } from '../../../shared/contracts/incidents';
import { isCrossTeam } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { useSignedInUser } from '../auth/auth.api';
import { ItemPicker } from '../inventory/ItemPicker';
import { useTeams } from '../teams/teams.api';
import { useIncidentLabels } from './incidentLabels';
import { useCreateIncident } from './incidents.api';

type FormValues = {
  title: string;
  description: string;
  itemId: number | null;
  itemName: string | null;
  teamId: string | null;
  severity: string | null;
  publicSummary: string;
};

/** Opens an incident by hand, validated with the same NewIncident schema as the server. */
export function IncidentCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labels = useIncidentLabels();
  const me = useSignedInUser();
  const teams = useTeams();
  const create = useCreateIncident();
  const isAnyTeam = isCrossTeam(me.role);
  const [values, setValues] = useState<FormValues>({
    title: '',
    description: '',
    itemId: null,
    itemName: null,
    // Leads and members open incidents for their own team; others leave it to the item.
    teamId: !isAnyTeam && me.teamIds[0] ? String(me.teamIds[0]) : null,
    severity: null,
    publicSummary: '',
  });
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...apiFieldErrors(create.error), ...localErrors };
  const hasServerFieldErrors = Object.keys(apiFieldErrors(create.error)).length > 0;
  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));
  const teamOptions = (teams.data?.rows ?? [])
    .filter((team) => isAnyTeam || me.teamIds.includes(team.id))
    .map((team) => ({ value: String(team.id), label: team.name }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewIncident.safeParse({
      title: values.title,
      description: values.description,
      itemId: values.itemId,
      ...(values.teamId !== null ? { teamId: Number(values.teamId) } : {}),
      ...(values.severity !== null ? { severity: Number(values.severity) } : {}),
      publicSummary: values.publicSummary,
    });
    if (!parsed.success) {
      setLocalErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setLocalErrors({});
    create.mutate(parsed.data, {
      onSuccess: (incident) => {
        notifications.show({ message: t('incidents.created') });
        void navigate(`/incidents/${incident.id}`);
      },
    });
  };

  return (
    <>
      <PageHeader title={t('incidents.newTitle')} />
      <Paper withBorder p="md" maw={820}>
        <form onSubmit={submit} noValidate data-testid="incident-form">
          <Stack>
            {create.error && !hasServerFieldErrors ? <ErrorAlert error={create.error} /> : null}
            {Object.keys(localErrors).length > 0 && <Alert color="red">{t('common.fixFields')}</Alert>}
            <TextInput
              label={t('incidents.fields.title')}
              required
              value={values.title}
              onChange={(event) => set('title', event.currentTarget.value)}
              error={errors.title}
              maxLength={300}
              data-testid="incident-title"
            />
            <Textarea
              label={t('incidents.fields.description')}
              value={values.description}
              onChange={(event) => set('description', event.currentTarget.value)}
              error={errors.description}
              autosize
              minRows={3}
              data-testid="incident-description"
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <ItemPicker
                label={t('incidents.fields.item')}
                placeholder={t('incidents.noItem')}
                value={values.itemId}
                selectedName={values.itemName}
                onChange={(id, name) => setValues((current) => ({ ...current, itemId: id, itemName: name }))}
                error={errors.itemId}
                data-testid="incident-item"
              />
              <Select
                label={t('incidents.fields.team')}
                description={t('incidents.hints.team')}
                placeholder={t('incidents.noTeam')}
                data={teamOptions}
                value={values.teamId}
                onChange={(value) => set('teamId', value)}
                clearable
                error={errors.teamId}
                data-testid="incident-team"
              />
              <Select
                label={t('incidents.fields.severity')}
                description={t('incidents.hints.severity')}
                data={labels.severityOptions}
                value={values.severity}
                onChange={(value) => set('severity', value)}
                clearable
                error={errors.severity}
                data-testid="incident-severity"
              />
            </SimpleGrid>
            <Textarea
              label={t('incidents.fields.publicSummary')}
              description={t('incidents.hints.publicSummary')}
              value={values.publicSummary}
              onChange={(event) => set('publicSummary', event.currentTarget.value)}
              error={errors.publicSummary}
              autosize
              minRows={2}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void navigate('/incidents')}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="incident-submit">
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
