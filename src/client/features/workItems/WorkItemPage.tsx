import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { WorkItemBrief, WorkItemDetail } from '../../../shared/contracts/work-items';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { ActivityFeed } from '../collaboration/ActivityFeed';
import { CommentThread } from '../collaboration/CommentThread';
import { Markdown } from '../collaboration/Markdown';
import { AssigneePicker, LinksCard } from './WorkItemPanels';
import { WorkItemPicker } from './WorkItemPicker';
import { DayInput, WorkItemBadges } from './workItemParts';
import { useMoveWorkItem, useWorkflow, useWorkItem, useWorkItemActions } from './workItems.api';

/** `/work-items/:id`: the item, its Markdown description, state, dependencies, children and links. */
export function WorkItemPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const item = useWorkItem(id);
  if (item.isPending) return <PageLoader />;
  if (item.isError) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  const data = item.data;
  return (
    <>
      <PageHeader title={`#${data.id} ${data.title}`} />
      <Group mb="md">
        <WorkItemBadges item={data} />
        <Text size="sm" c="dimmed">
          {data.teamName} · {data.assigneeName ?? t('workItems.unassigned')}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack>
          <Card withBorder>
            {data.description ? (
              <Markdown source={data.description} />
            ) : (
              <Text c="dimmed">{t('workItems.noDescription')}</Text>
            )}
          </Card>
          {data.canChange && <EditForm key={data.updatedAt} item={data} />}
          <CommentThread entityType="workItem" entityId={data.id} />
        </Stack>
        <Stack>
          <StatePicker item={data} />
          <AssigneePicker item={data} />
          <Dependencies item={data} />
          {data.parent && (
            <Text size="sm">
              {t('workItems.parent')}: <BriefLink brief={data.parent} />
            </Text>
          )}
          {data.children.length > 0 && (
            <Card withBorder>
              <Title order={2} size="h5">
                {t('workItems.children')}
              </Title>
              <Text size="sm">
                {t('workItems.progress', { done: data.rollup.done, total: data.rollup.total })}
              </Text>
              <Progress
                value={(100 * data.rollup.done) / data.rollup.total}
                my="xs"
                aria-label={t('workItems.progress', { done: data.rollup.done, total: data.rollup.total })}
              />
              <Stack gap={2}>
                {data.children.map((child) => (
                  <Anchor key={child.id} component={Link} to={`/work-items/${child.id}`} size="sm">
                    #{child.id} {child.title} — {child.stateName}
                  </Anchor>
                ))}
              </Stack>
            </Card>
          )}
          <LinksCard item={data} />
          <ActivityFeed entityType="workItem" entityId={data.id} />
        </Stack>
      </SimpleGrid>
    </>
  );
}

function BriefLink({ brief }: { brief: WorkItemBrief }) {
  return (
    <Anchor component={Link} to={`/work-items/${brief.id}`} size="sm">
      #{brief.id} {brief.title} ({brief.stateName})
    </Anchor>
  );
}

function StatePicker({ item }: { item: WorkItemDetail }) {
  const { t } = useTranslation();
  const workflow = useWorkflow(item.teamId);
  const move = useMoveWorkItem();
  return (
    <Stack gap="xs">
      <Select
        label={t('workItems.fields.state')}
        data={(workflow.data?.states ?? []).map((state) => ({ value: String(state.id), label: state.name }))}
        value={String(item.stateId)}
        disabled={!item.canChange}
        onChange={(value) => value && move.mutate({ id: item.id, stateId: Number(value) })}
        data-testid="state-picker"
      />
      {move.isError && <Alert color="red">{move.error.message}</Alert>}
    </Stack>
  );
}

function Dependencies({ item }: { item: WorkItemDetail }) {
  const { t } = useTranslation();
  const actions = useWorkItemActions(item.id);
  const [blockerId, setBlockerId] = useState<number | string>('');
  return (
    <Card withBorder>
      <Title order={2} size="h5">
        {t('workItems.blockedBy')}
      </Title>
      {item.blockedBy.map((brief) => (
        <Group key={brief.id} justify="space-between">
          <BriefLink brief={brief} />
          {item.canChange && (
            <Button size="compact-xs" variant="subtle" onClick={() => actions.removeBlocker.mutate(brief.id)}>
              {t('workItems.remove')}
            </Button>
          )}
        </Group>
      ))}
      {item.canChange && (
        <Group align="flex-end" mt="xs">
          <WorkItemPicker
            label={t('workItems.blockerId')}
            placeholder={t('workItems.searchWorkItem')}
            value={typeof blockerId === 'number' ? blockerId : null}
            onChange={(id) => setBlockerId(id ?? '')}
            excludeId={item.id}
            w={280}
            data-testid="blocker-id"
          />
          <Button
            variant="default"
            disabled={typeof blockerId !== 'number'}
            onClick={() => typeof blockerId === 'number' && actions.addBlocker.mutate(blockerId)}
            data-testid="add-blocker"
          >
            {t('workItems.addBlocker')}
          </Button>
        </Group>
      )}
      {actions.addBlocker.isError && (
        <Alert color="red" mt="xs" data-testid="dependency-error">
          {actions.addBlocker.error.message}
        </Alert>
      )}
      <Title order={2} size="h5" mt="md">
        {t('workItems.blocks')}
      </Title>
      {item.blocks.map((brief) => (
        <BriefLink key={brief.id} brief={brief} />
      ))}
    </Card>
  );
}

function EditForm({ item }: { item: WorkItemDetail }) {
  const { t } = useTranslation();
  const { update } = useWorkItemActions(item.id);
  const [title, setTitle] = useState(item.title);
  const [description, setDescription] = useState(item.description);
  const [priority, setPriority] = useState(String(item.priority));
  const [startDate, setStartDate] = useState(item.startDate ?? '');
  const [dueDate, setDueDate] = useState(item.dueDate ?? '');
  const [spent, setSpent] = useState<number | string>(item.spentMinutes);
  const [labels, setLabels] = useState(item.labels.join(', '));
  return (
    <Card withBorder>
      <Stack>
        {update.isError && <ErrorAlert error={update.error} />}
        <TextInput
          label={t('workItems.fields.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Textarea
          label={t('workItems.fields.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={4}
        />
        <Group grow>
          <Select
            label={t('workItems.fields.priority')}
            data={['1', '2', '3', '4'].map((value) => ({
              value,
              label: t(`workItems.priorities.${value as '1'}`),
            }))}
            value={priority}
            onChange={(value) => value && setPriority(value)}
          />
          <NumberInput label={t('workItems.fields.spent')} value={spent} onChange={setSpent} min={0} />
        </Group>
        <Group grow>
          <DayInput label={t('workItems.fields.startDate')} value={startDate} onChange={setStartDate} />
          <DayInput label={t('workItems.fields.dueDate')} value={dueDate} onChange={setDueDate} />
        </Group>
        <TextInput
          label={t('workItems.fields.labels')}
          value={labels}
          onChange={(e) => setLabels(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button
            loading={update.isPending}
            onClick={() =>
              update.mutate({
                title,
                description,
                priority: Number(priority),
                startDate: startDate || null,
                dueDate: dueDate || null,
                spentMinutes: typeof spent === 'number' ? spent : 0,
                labels: labels
                  .split(',')
                  .map((label) => label.trim())
                  .filter(Boolean),
              })
            }
          >
            {t('workItems.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
