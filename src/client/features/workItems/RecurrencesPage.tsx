import {
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NewRecurrence,
  type Recurrence,
  type WorkItemType,
  workItemTypes,
} from '../../../shared/contracts/work-items';
import { isValidRecurrence, isValidTimezone } from '../../../shared/domain/maintenance-occurrences';
import { hasPermission, isCrossTeam } from '../../../shared/domain/roles';
import { nextOccurrence, type RecurrenceOccurrence } from '../../../shared/domain/work-recurrence';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { useTeam } from '../teams/teams.api';
import { useRecurrenceActions, useRecurrences } from './recurrences.api';
import { TeamScopedPage } from './TeamScopedPage';

/** Cadences offered so nobody has to write cron by hand. */
const presets = [
  { key: 'monthlyLast', cron: '0 9 L * *' },
  { key: 'weeklyMonday', cron: '0 9 * * 1' },
  { key: 'quarterly', cron: '0 9 1 1,4,7,10 *' },
] as const;

type FormValues = {
  name: string;
  schedule: string;
  title: string;
  description: string;
  type: WorkItemType;
  priority: string;
  assigneeId: string | null;
  leadDays: number | string;
  isEnabled: boolean;
  timezone: string;
};

/** A new recurrence reads its schedule in the organisation's timezone unless someone picks another. */
function initialValues(recurrence: Recurrence | null, organisationTimezone: string): FormValues {
  if (!recurrence) {
    return {
      name: '',
      schedule: presets[0].cron,
      timezone: organisationTimezone,
      title: '',
      description: '',
      type: 'task',
      priority: '3',
      assigneeId: null,
      leadDays: 7,
      isEnabled: true,
    };
  }
  return {
    name: recurrence.name,
    schedule: recurrence.schedule,
    timezone: recurrence.timezone,
    title: recurrence.title,
    description: recurrence.description,
    type: recurrence.type,
    priority: String(recurrence.priority),
    assigneeId: recurrence.assigneeId === null ? null : String(recurrence.assigneeId),
    leadDays: recurrence.leadDays,
    isEnabled: recurrence.isEnabled,
  };
}

/** The next deadlines of a schedule from now, as the server's job will compute them; null when not valid. */
function previewOf(schedule: string, timezone: string, leadDays: number, count = 5) {
  if (!isValidRecurrence(schedule) || !isValidTimezone(timezone)) return null;
  const found: RecurrenceOccurrence[] = [];
  let lastOccurrenceAt: number | null = null;
  const createdAt = Date.now();
  while (found.length < count) {
    const next = nextOccurrence({ schedule, timezone, leadDays, lastOccurrenceAt, createdAt });
    if (!next) break;
    found.push(next);
    lastOccurrenceAt = next.occurrenceAt;
  }
  return found;
}

/** The IANA zones the browser knows, with the one in use first kept even if the browser lacks it. */
function timezoneOptions(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(current) ? known : [current, ...known];
}

/** `/work/recurrences`: a team's recurring work; leads change their team's, managers every team's. */
export function RecurrencesPage() {
  const { t } = useTranslation();
  return (
    <TeamScopedPage title={t('workItems.recurrences.title')}>
      {(teamId) => <TeamRecurrences key={teamId} teamId={teamId} />}
    </TeamScopedPage>
  );
}

function TeamRecurrences({ teamId }: { teamId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedInUser();
  const recurrences = useRecurrences(teamId);
  const team = useTeam(teamId);
  const { remove } = useRecurrenceActions();
  // null: the form is closed; 'new' or the recurrence being changed otherwise.
  const [editing, setEditing] = useState<Recurrence | 'new' | null>(null);
  // What the dialog showed last, so its title does not change while it fades out.
  const shown = useRef<Recurrence | 'new'>('new');
  if (editing !== null) shown.current = editing;
  // Mirrors the server's rule (canManageWorkflow): leads of this team, managers and admins.
  const canManage =
    hasPermission(me.role, 'workflows.manage') && (isCrossTeam(me.role) || me.leadTeamIds.includes(teamId));
  if (recurrences.isPending) return <PageLoader />;
  if (recurrences.isError) {
    return <ErrorAlert error={recurrences.error} onRetry={() => void recurrences.refetch()} />;
  }
  const members = team.data?.members ?? [];
  const nameOf = (userId: number | null) =>
    userId === null
      ? t('workItems.unassigned')
      : (members.find((member) => member.userId === userId)?.name ?? `#${userId}`);
  const list = recurrences.data.rows;
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed">{t('workItems.recurrences.intro')}</Text>
        {canManage && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing('new')}
            data-testid="new-recurrence"
          >
            {t('workItems.recurrences.new')}
          </Button>
        )}
      </Group>
      {remove.isError && <ErrorAlert error={remove.error} />}
      {list.length === 0 ? (
        <Text>{t('workItems.recurrences.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped data-testid="recurrences-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workItems.recurrences.name')}</Table.Th>
                <Table.Th>{t('workItems.recurrences.schedule')}</Table.Th>
                <Table.Th>{t('workItems.recurrences.nextDue')}</Table.Th>
                <Table.Th>{t('workItems.fields.assignee')}</Table.Th>
                <Table.Th>{t('workItems.recurrences.enabled')}</Table.Th>
                {canManage && (
                  <Table.Th>
                    <VisuallyHidden>{t('controls.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((recurrence) => (
                <Table.Tr key={recurrence.id} data-testid={`recurrence-${recurrence.id}`}>
                  <Table.Td>{recurrence.name}</Table.Td>
                  <Table.Td>
                    <Code>{recurrence.schedule}</Code>
                  </Table.Td>
                  <Table.Td data-testid="recurrence-next-due">
                    {recurrence.nextDueDate === null ? '—' : format.date(recurrence.nextDueDate)}
                  </Table.Td>
                  <Table.Td>{nameOf(recurrence.assigneeId)}</Table.Td>
                  <Table.Td>
                    <Badge color={recurrence.isEnabled ? 'green' : 'gray'} variant="light">
                      {recurrence.isEnabled ? t('workItems.recurrences.on') : t('workItems.recurrences.off')}
                    </Badge>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(recurrence)}
                          data-testid="recurrence-edit"
                        >
                          {t('workItems.edit')}
                        </Button>
                        <ConfirmButton
                          size="xs"
                          question={t('workItems.recurrences.deleteQuestion', { name: recurrence.name })}
                          confirmLabel={t('workItems.recurrences.delete')}
                          onConfirm={() => remove.mutate(recurrence.id)}
                          loading={remove.isPending && remove.variables === recurrence.id}
                          data-testid="recurrence-delete"
                        >
                          {t('workItems.recurrences.delete')}
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          shown.current === 'new' ? t('workItems.recurrences.new') : t('workItems.recurrences.editTitle')
        }
        size="lg"
      >
        {editing !== null && (
          <RecurrenceForm
            teamId={teamId}
            recurrence={editing === 'new' ? null : editing}
            organisationTimezone={me.timezone}
            members={members.map((member) => ({ value: String(member.userId), label: member.name }))}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function RecurrenceForm({
  teamId,
  recurrence,
  organisationTimezone,
  members,
  onDone,
}: {
  teamId: number;
  recurrence: Recurrence | null;
  organisationTimezone: string;
  members: { value: string; label: string }[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { create, update } = useRecurrenceActions();
  const [values, setValues] = useState(() => initialValues(recurrence, organisationTimezone));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const leadDays = typeof values.leadDays === 'number' ? values.leadDays : 0;
  const timezone = values.timezone;
  const preview = useMemo(
    () => previewOf(values.schedule.trim(), timezone, leadDays),
    [values.schedule, timezone, leadDays],
  );
  const zones = useMemo(() => timezoneOptions(timezone), [timezone]);
  const pending = create.isPending || update.isPending;
  const failure = create.error ?? update.error;
  const assignees =
    recurrence?.assigneeId != null && !members.some((one) => one.value === String(recurrence.assigneeId))
      ? [{ value: String(recurrence.assigneeId), label: `#${recurrence.assigneeId}` }, ...members]
      : members;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewRecurrence.safeParse({
      teamId,
      name: values.name,
      schedule: values.schedule,
      timezone: values.timezone,
      title: values.title,
      description: values.description,
      type: values.type,
      priority: Number(values.priority),
      assigneeId: values.assigneeId === null ? null : Number(values.assigneeId),
      leadDays: values.leadDays === '' ? undefined : Number(values.leadDays),
      isEnabled: values.isEnabled,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    const onError = (error: unknown) => setErrors(apiFieldErrors(error));
    if (recurrence) {
      const { teamId: _team, ...change } = parsed.data;
      update.mutate({ id: recurrence.id, change }, { onSuccess: onDone, onError });
    } else {
      create.mutate(parsed.data, { onSuccess: onDone, onError });
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('workItems.recurrences.name')}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.name}
          required
          data-testid="recurrence-name"
        />
        <Group align="flex-end">
          <TextInput
            label={t('workItems.recurrences.schedule')}
            description={t('workItems.recurrences.scheduleHint')}
            value={values.schedule}
            onChange={(event) => set('schedule', event.currentTarget.value)}
            error={errors.schedule}
            required
            // Only the cron text is monospace, not its label and hint.
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: 1 }}
            data-testid="recurrence-schedule"
          />
          <Select
            aria-label={t('workItems.recurrences.preset')}
            placeholder={t('workItems.recurrences.preset')}
            data={presets.map((preset) => ({
              value: preset.cron,
              label: t(`workItems.recurrences.presets.${preset.key}`),
            }))}
            value={null}
            onChange={(value) => value && set('schedule', value)}
            w={220}
          />
        </Group>
        <Select
          label={t('workItems.workflowAndRecurrences.timezone')}
          description={t('workItems.workflowAndRecurrences.timezoneHint')}
          data={zones}
          value={values.timezone}
          onChange={(value) => value && set('timezone', value)}
          error={errors.timezone}
          searchable
          allowDeselect={false}
          limit={50}
          data-testid="recurrence-timezone"
        />
        <Stack gap={4} data-testid="recurrence-preview">
          <Group gap="xs" align="baseline">
            <Text size="sm" fw={500}>
              {t('workItems.workflowAndRecurrences.previewTitle')}
            </Text>
            <Text size="xs" c="dimmed" data-testid="recurrence-preview-timezone">
              {t('workItems.workflowAndRecurrences.timesIn', { timezone })}
            </Text>
          </Group>
          {preview === null ? (
            <Text size="sm" c="red">
              {t('workItems.recurrences.invalidSchedule')}
            </Text>
          ) : preview.length === 0 ? (
            <Text size="sm">{t('workItems.recurrences.noMore')}</Text>
          ) : (
            <List size="sm">
              {preview.map((occurrence) => (
                <List.Item key={occurrence.occurrenceAt}>
                  {t('workItems.recurrences.previewLine', {
                    due: format.date(occurrence.dueDate),
                    created: format.date(occurrence.createOn),
                  })}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        <TextInput
          label={t('workItems.fields.title')}
          value={values.title}
          onChange={(event) => set('title', event.currentTarget.value)}
          error={errors.title}
          required
          data-testid="recurrence-title"
        />
        <Textarea
          label={t('workItems.fields.description')}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={2}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('workItems.fields.type')}
            data={workItemTypes.map((value) => ({ value, label: t(`workItems.types.${value}`) }))}
            value={values.type}
            onChange={(value) => value && set('type', value as WorkItemType)}
            allowDeselect={false}
          />
          <Select
            label={t('workItems.fields.priority')}
            data={['1', '2', '3', '4'].map((value) => ({
              value,
              label: t(`workItems.priorities.${value as '1'}`),
            }))}
            value={values.priority}
            onChange={(value) => value && set('priority', value)}
            allowDeselect={false}
          />
          <Select
            label={t('workItems.fields.assignee')}
            placeholder={t('workItems.unassigned')}
            data={assignees}
            value={values.assigneeId}
            onChange={(value) => set('assigneeId', value)}
            error={errors.assigneeId}
            searchable
            clearable
          />
          <NumberInput
            label={t('workItems.recurrences.leadDays')}
            description={t('workItems.recurrences.leadDaysHint')}
            value={values.leadDays}
            onChange={(value) => set('leadDays', value)}
            error={errors.leadDays}
            min={0}
            max={365}
            allowDecimal={false}
            data-testid="recurrence-lead-days"
          />
        </SimpleGrid>
        <Checkbox
          label={t('workItems.recurrences.enabled')}
          checked={values.isEnabled}
          onChange={(event) => set('isEnabled', event.currentTarget.checked)}
        />
        {failure && <ErrorAlert error={failure} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('workItems.cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="save-recurrence">
            {t('workItems.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
