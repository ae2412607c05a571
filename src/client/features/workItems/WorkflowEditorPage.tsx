import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type NewWorkflowState,
  type StateCategory,
  stateCategories,
  type UpdateWorkflowState,
  type Workflow,
  type WorkflowState,
} from '../../../shared/contracts/workflows';
import { request } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { TeamScopedPage } from './TeamScopedPage';
import { useWorkflow, workKeys } from './workItems.api';

/** The workflow changes of one team; each answers the new workflow, which replaces the cached one. */
function useWorkflowActions(teamId: number) {
  const client = useQueryClient();
  const base = `/teams/${teamId}/workflow`;
  const onSuccess = (workflow: Workflow) => {
    client.setQueryData(workKeys.workflow(teamId), workflow);
    return client.invalidateQueries({ queryKey: workKeys.all });
  };
  return {
    add: useMutation({
      mutationFn: (body: NewWorkflowState) => request<Workflow>(`${base}/states`, { method: 'POST', body }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ stateId, ...body }: UpdateWorkflowState & { stateId: number }) =>
        request<Workflow>(`${base}/states/${stateId}`, { method: 'PATCH', body }),
      onSuccess,
    }),
    reorder: useMutation({
      mutationFn: (stateIds: number[]) =>
        request<Workflow>(`${base}/order`, { method: 'PUT', body: { stateIds } }),
      // Shown in the new order at once, so a dropped row does not jump back while the server answers.
      onMutate: async (stateIds: number[]) => {
        const key = workKeys.workflow(teamId);
        await client.cancelQueries({ queryKey: key });
        const previous = client.getQueryData<Workflow>(key);
        if (previous) {
          const byId = new Map(previous.states.map((state) => [state.id, state]));
          const states = stateIds.flatMap((id, position) => {
            const state = byId.get(id);
            return state ? [{ ...state, position }] : [];
          });
          client.setQueryData(key, { ...previous, states });
        }
        return { previous };
      },
      onError: (_error, _stateIds, context) => {
        if (context?.previous) client.setQueryData(workKeys.workflow(teamId), context.previous);
      },
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: ({ stateId, moveToStateId }: { stateId: number; moveToStateId: number }) =>
        request<Workflow>(`${base}/states/${stateId}`, { method: 'DELETE', body: { moveToStateId } }),
      onSuccess,
    }),
  };
}

/** `/work/workflow`: a team's states in order; leads change their team's, managers every team's. */
export function WorkflowEditorPage() {
  const { t } = useTranslation();
  return (
    <TeamScopedPage title={t('workItems.workflow.title')}>
      {(teamId) => <WorkflowEditor key={teamId} teamId={teamId} />}
    </TeamScopedPage>
  );
}

function WorkflowEditor({ teamId }: { teamId: number }) {
  const { t } = useTranslation();
  const workflow = useWorkflow(teamId);
  const actions = useWorkflowActions(teamId);
  const [name, setName] = useState('');
  const [category, setCategory] = useState<StateCategory>('todo');
  // The pointer drags from the handle; the keyboard picks a row up with Space and moves it with the arrows.
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const announcements = useDragAnnouncements(workflow.data?.states ?? []);
  if (workflow.isPending) return <PageLoader />;
  if (workflow.isError) return <ErrorAlert error={workflow.error} onRetry={() => void workflow.refetch()} />;
  const states = workflow.data.states;
  const canManage = workflow.data.canManage;
  const failed = [actions.add, actions.update, actions.reorder, actions.remove].find((one) => one.isError);
  const move = (index: number, by: -1 | 1) => {
    const ids = states.map((state) => state.id);
    const [moved] = ids.splice(index, 1);
    if (moved === undefined) return;
    ids.splice(index + by, 0, moved);
    actions.reorder.mutate(ids);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const ids = states.map((state) => state.id);
    const from = ids.indexOf(Number(active.id));
    const to = over ? ids.indexOf(Number(over.id)) : -1;
    if (from < 0 || to < 0 || from === to) return;
    actions.reorder.mutate(arrayMove(ids, from, to));
  };
  const categoryData = stateCategories.map((value) => ({ value, label: t(`workItems.categories.${value}`) }));

  return (
    <Stack>
      {!canManage && <Alert color="gray">{t('workItems.workflow.readOnly')}</Alert>}
      {failed?.error && <ErrorAlert error={failed.error} />}
      <Table data-testid="workflow-states">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workItems.workflow.order')}</Table.Th>
            <Table.Th>{t('workItems.fields.state')}</Table.Th>
            <Table.Th>{t('workItems.workflow.category')}</Table.Th>
            <Table.Th>{t('workItems.workflow.wipLimit')}</Table.Th>
            <Table.Th>{t('workItems.workflow.items')}</Table.Th>
            <Table.Th>{t('workItems.workflow.removeTitle')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: { draggable: t('workItems.workflowAndRecurrences.dragInstructions') },
          }}
        >
          <SortableContext items={states.map((state) => state.id)} strategy={verticalListSortingStrategy}>
            <Table.Tbody>
              {states.map((state, index) => (
                <StateRow
                  key={state.id}
                  state={state}
                  states={states}
                  index={index}
                  canManage={canManage}
                  categoryData={categoryData}
                  onMove={move}
                  actions={actions}
                />
              ))}
            </Table.Tbody>
          </SortableContext>
        </DndContext>
      </Table>
      {canManage && (
        <Paper withBorder p="sm">
          <Group align="flex-end">
            <TextInput
              label={t('workItems.workflow.newState')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              data-testid="workflow-new-name"
            />
            <Select
              label={t('workItems.workflow.category')}
              data={categoryData}
              value={category}
              onChange={(value) => value && setCategory(value as StateCategory)}
              w={180}
            />
            <Button
              leftSection={<IconPlus size={16} />}
              disabled={!name.trim()}
              loading={actions.add.isPending}
              onClick={() =>
                actions.add.mutate({ name, category, wipLimit: null }, { onSuccess: () => setName('') })
              }
              data-testid="workflow-add"
            >
              {t('workItems.workflow.add')}
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

/** What a screen reader hears while a state is dragged: its name and the position it would take. */
function useDragAnnouncements(states: WorkflowState[]): Announcements {
  const { t } = useTranslation();
  // A drag starts over its own row; saying so would drown "picked up", so that first one is silent.
  const isFirstOver = useRef(true);
  const nameOf = (id: UniqueIdentifier) => states.find((state) => state.id === id)?.name ?? '';
  const positionOf = (id: UniqueIdentifier) => states.findIndex((state) => state.id === id) + 1;
  const count = states.length;
  const key = 'workItems.workflowAndRecurrences';
  return {
    onDragStart: ({ active }) => {
      isFirstOver.current = true;
      return t(`${key}.dragPicked`, { name: nameOf(active.id), position: positionOf(active.id), count });
    },
    onDragOver: ({ active, over }) => {
      const isFirst = isFirstOver.current;
      isFirstOver.current = false;
      if (!over || (isFirst && over.id === active.id)) return undefined;
      return t(`${key}.dragOver`, { name: nameOf(active.id), position: positionOf(over.id), count });
    },
    onDragEnd: ({ active, over }) =>
      over
        ? t(`${key}.dragDropped`, { name: nameOf(active.id), position: positionOf(over.id), count })
        : t(`${key}.dragCancelled`, { name: nameOf(active.id) }),
    onDragCancel: ({ active }) => t(`${key}.dragCancelled`, { name: nameOf(active.id) }),
  };
}

function StateRow({
  state,
  states,
  index,
  canManage,
  categoryData,
  onMove,
  actions,
}: {
  state: WorkflowState;
  states: WorkflowState[];
  index: number;
  canManage: boolean;
  categoryData: { value: string; label: string }[];
  onMove: (index: number, by: -1 | 1) => void;
  actions: ReturnType<typeof useWorkflowActions>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(state.name);
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const others = states.filter((other) => other.id !== state.id);
  const sortable = useSortable({
    id: state.id,
    disabled: !canManage,
    attributes: { roleDescription: t('workItems.workflowAndRecurrences.dragRole') },
  });
  const saveName = () => {
    if (name.trim() && name.trim() !== state.name)
      actions.update.mutate({ stateId: state.id, name: name.trim() });
  };
  return (
    <Table.Tr
      ref={sortable.setNodeRef}
      data-testid={`workflow-state-${state.name}`}
      style={{
        transform: CSS.Translate.toString(sortable.transform),
        transition: sortable.transition,
        // The dragged row stays above the others and reads as lifted.
        position: 'relative',
        zIndex: sortable.isDragging ? 1 : undefined,
        background: sortable.isDragging ? 'var(--mantine-color-body)' : undefined,
        boxShadow: sortable.isDragging ? 'var(--mantine-shadow-md)' : undefined,
      }}
    >
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {canManage && (
            <ActionIcon
              ref={sortable.setActivatorNodeRef}
              variant="subtle"
              color="gray"
              aria-label={t('workItems.workflowAndRecurrences.drag', { name: state.name })}
              data-testid={`workflow-drag-${state.name}`}
              style={{ cursor: sortable.isDragging ? 'grabbing' : 'grab', touchAction: 'none' }}
              {...sortable.attributes}
              {...sortable.listeners}
            >
              <IconGripVertical size={16} />
            </ActionIcon>
          )}
          <ActionIcon
            variant="default"
            disabled={!canManage || index === 0}
            aria-label={t('workItems.workflow.up', { name: state.name })}
            onClick={() => onMove(index, -1)}
          >
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon
            variant="default"
            disabled={!canManage || index === states.length - 1}
            aria-label={t('workItems.workflow.down', { name: state.name })}
            onClick={() => onMove(index, 1)}
          >
            <IconArrowDown size={14} />
          </ActionIcon>
        </Group>
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t('workItems.workflow.rename', { name: state.name })}
          value={name}
          disabled={!canManage}
          onChange={(event) => setName(event.currentTarget.value)}
          onBlur={saveName}
          onKeyDown={(event) => event.key === 'Enter' && saveName()}
          w={180}
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('workItems.workflow.category')}
          data={categoryData}
          value={state.category}
          disabled={!canManage}
          onChange={(value) =>
            value && actions.update.mutate({ stateId: state.id, category: value as StateCategory })
          }
          w={160}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('workItems.workflow.wipLimit')}
          defaultValue={state.wipLimit ?? ''}
          placeholder={t('workItems.workflow.noLimit')}
          min={1}
          max={1000}
          disabled={!canManage}
          onBlur={(event) => {
            const text = event.currentTarget.value.trim();
            const wipLimit = text === '' ? null : Number(text);
            if (wipLimit !== state.wipLimit && (wipLimit === null || Number.isInteger(wipLimit))) {
              actions.update.mutate({ stateId: state.id, wipLimit });
            }
          }}
          w={140}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{state.itemCount}</Text>
      </Table.Td>
      <Table.Td>
        {canManage && others.length > 0 && (
          <Group gap={4} wrap="nowrap">
            <Select
              aria-label={t('workItems.workflow.moveItemsTo', { name: state.name })}
              placeholder={t('workItems.workflowAndRecurrences.moveItemsPlaceholder')}
              data={others.map((other) => ({ value: String(other.id), label: other.name }))}
              value={moveTo}
              onChange={setMoveTo}
              w={200}
            />
            <ActionIcon
              color="red"
              variant="light"
              disabled={moveTo === null}
              aria-label={t('workItems.workflow.remove', { name: state.name })}
              onClick={() =>
                moveTo && actions.remove.mutate({ stateId: state.id, moveToStateId: Number(moveTo) })
              }
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
