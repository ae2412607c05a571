import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type WorkItemType, workItemTypes } from '../../../shared/contracts/work-items';
import { hasPermission, isCrossTeam } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useSignedInUser } from '../auth/auth.api';
import { useTeams } from '../teams/teams.api';
import { WorkBoard } from './WorkBoard';
import { WorkCalendar } from './WorkCalendar';
import { WorkList } from './WorkList';
import { WorkTimeline } from './WorkTimeline';
import { DayInput } from './workItemParts';
import { useCreateWorkItem } from './workItems.api';

/** `/work`: a team picker, then the team's board or list. */
export function WorkPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const [isCreating, setCreating] = useState(false);
  const teamRows = teams.data?.rows ?? [];
  const chosen = Number(params.get('teamId'));
  const teamId = teamRows.some((team) => team.id === chosen)
    ? chosen
    : ((teamRows.find((team) => me.teamIds.includes(team.id)) ?? teamRows[0])?.id ?? null);
  const views = ['board', 'list', 'timeline', 'calendar'] as const;
  const view = views.find((one) => one === params.get('view')) ?? 'board';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const canWrite = hasPermission(me.role, 'work.write');
  // Those who change a team's work see its recurring work; the page lets only its lead, managers
  // and admins change it (the server's rule).
  const canWriteFor = (team: number) => canWrite && (isCrossTeam(me.role) || me.teamIds.includes(team));

  return (
    <>
      <PageHeader
        title={t('workItems.title')}
        actions={
          <>
            {teamId !== null && hasPermission(me.role, 'workflows.manage') && (
              <Button component={Link} variant="default" to={`/work/workflow?teamId=${teamId}`}>
                {t('workItems.workflow.edit')}
              </Button>
            )}
            {teamId !== null && canWriteFor(teamId) && (
              <Button
                component={Link}
                variant="default"
                to={`/work/recurrences?teamId=${teamId}`}
                data-testid="work-recurrences-link"
              >
                {t('workItems.recurrences.link')}
              </Button>
            )}
            {teamId !== null && (
              <Button component="a" variant="default" href={`/api/v1/work-items/export?teamId=${teamId}`}>
                {t('workItems.export')}
              </Button>
            )}
            {canWrite && (
              <Button component={Link} variant="default" to="/work/import" data-testid="work-import-link">
                {t('workImport.link')}
              </Button>
            )}
            {canWrite && teamId !== null && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setCreating(true)}
                data-testid="new-work-item"
              >
                {t('workItems.newItem')}
              </Button>
            )}
          </>
        }
      />
      {/* What is shown (which team, which view) stays apart from the actions above. */}
      <Group mb="md" align="flex-end">
        <Select
          label={t('workItems.team')}
          placeholder={t('workItems.chooseTeam')}
          data={teamRows.map((team) => ({ value: String(team.id), label: team.name }))}
          value={teamId === null ? null : String(teamId)}
          onChange={(value) => value && set('teamId', value)}
          w={220}
          data-testid="team-picker"
        />
        <SegmentedControl
          value={view}
          onChange={(value) => set('view', value)}
          data={views.map((value) => ({ value, label: t(`workItems.views.${value}`) }))}
          role="radiogroup"
          aria-label={t('workItems.listControls.viewPicker')}
          data-testid="work-view-picker"
        />
      </Group>
      {teamId !== null && view === 'board' && <WorkBoard teamId={teamId} />}
      {teamId !== null && view === 'list' && <WorkList key={teamId} base={{ teamId }} />}
      {teamId !== null && view === 'timeline' && <WorkTimeline key={teamId} teamId={teamId} />}
      {teamId !== null && view === 'calendar' && <WorkCalendar key={teamId} teamId={teamId} />}
      {teamId !== null && (
        <CreateWorkItemModal teamId={teamId} isOpen={isCreating} onClose={() => setCreating(false)} />
      )}
    </>
  );
}

function CreateWorkItemModal({
  teamId,
  isOpen,
  onClose,
}: {
  teamId: number;
  isOpen: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateWorkItem();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<WorkItemType>('task');
  const [priority, setPriority] = useState('3');
  const [dueDate, setDueDate] = useState('');
  const [estimate, setEstimate] = useState<number | string>('');
  const submit = () =>
    create.mutate(
      {
        teamId,
        title,
        description,
        type,
        priority: Number(priority),
        dueDate: dueDate || null,
        estimateMinutes: typeof estimate === 'number' ? estimate : null,
      },
      {
        onSuccess: () => {
          setTitle('');
          setDescription('');
          onClose();
        },
      },
    );
  return (
    <Modal opened={isOpen} onClose={onClose} title={t('workItems.newItem')}>
      <Stack>
        {create.isError && <ErrorAlert error={create.error} />}
        <TextInput
          label={t('workItems.fields.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          data-autofocus
          data-testid="work-title"
        />
        <Textarea
          label={t('workItems.fields.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={3}
        />
        <Group grow>
          <Select
            label={t('workItems.fields.type')}
            data={workItemTypes.map((value) => ({ value, label: t(`workItems.types.${value}`) }))}
            value={type}
            onChange={(value) => value && setType(value as WorkItemType)}
          />
          <Select
            label={t('workItems.fields.priority')}
            data={['1', '2', '3', '4'].map((value) => ({
              value,
              label: t(`workItems.priorities.${value as '1'}`),
            }))}
            value={priority}
            onChange={(value) => value && setPriority(value)}
          />
        </Group>
        <Group grow>
          <DayInput label={t('workItems.fields.dueDate')} value={dueDate} onChange={setDueDate} />
          <NumberInput
            label={t('workItems.fields.estimate')}
            value={estimate}
            onChange={setEstimate}
            min={0}
          />
        </Group>
        <Text size="xs" c="dimmed" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('workItems.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={create.isPending}
            disabled={!title.trim()}
            data-testid="work-create"
          >
            {t('workItems.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
