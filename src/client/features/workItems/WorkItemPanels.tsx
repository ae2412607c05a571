import { Alert, Anchor, Button, Card, Group, Select, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkItemDetail, WorkItemLink } from '../../../shared/contracts/work-items';
import { http } from '../../api/http';
import { IncidentPicker } from '../incidents/IncidentPicker';
import { ItemPicker } from '../inventory/ItemPicker';
import { useTeam } from '../teams/teams.api';
import { useWorkItemActions, workKeys } from './workItems.api';

/** The assignee, chosen among the members of the item's team (keyboard: type to filter, Enter). */
export function AssigneePicker({ item }: { item: WorkItemDetail }) {
  const { t } = useTranslation();
  const team = useTeam(item.teamId);
  const { update } = useWorkItemActions(item.id);
  const members = team.data?.members ?? [];
  const data = members.map((member) => ({ value: String(member.userId), label: member.name }));
  if (item.assigneeId !== null && !data.some((one) => one.value === String(item.assigneeId))) {
    data.unshift({ value: String(item.assigneeId), label: item.assigneeName ?? `#${item.assigneeId}` });
  }
  return (
    <Card withBorder>
      <Select
        label={t('workItems.fields.assignee')}
        placeholder={t('workItems.unassigned')}
        data={data}
        value={item.assigneeId === null ? null : String(item.assigneeId)}
        onChange={(value) => update.mutate({ assigneeId: value ? Number(value) : null })}
        searchable
        clearable
        disabled={!item.canChange || update.isPending}
        data-testid="assignee-picker"
      />
      {update.isError && (
        <Alert color="red" mt="xs">
          {update.error.message}
        </Alert>
      )}
    </Card>
  );
}

/** The item's links to inventory items and incidents, with adding and removing. */
export function LinksCard({ item }: { item: WorkItemDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [targetType, setTargetType] = useState<WorkItemLink['targetType']>('item');
  const [targetId, setTargetId] = useState<number | null>(null);
  const base = `/work-items/${item.id}/links`;
  const onSuccess = (detail: WorkItemDetail) => {
    client.setQueryData(workKeys.one(item.id), detail);
    setTargetId(null);
  };
  const add = useMutation({
    mutationFn: () => http.post<WorkItemDetail>(base, { targetType, targetId }),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (link: WorkItemLink) =>
      http.delete<WorkItemDetail>(`${base}/${link.targetType}/${link.targetId}`),
    onSuccess,
  });
  if (item.links.length === 0 && !item.canChange) return null;
  return (
    <Card withBorder data-testid="work-links">
      <Title order={2} size="h5">
        {t('workItems.links')}
      </Title>
      <Stack gap={2}>
        {item.links.map((link) => (
          <Group key={`${link.targetType}-${link.targetId}`} justify="space-between" wrap="nowrap">
            <Anchor
              component={Link}
              to={link.targetType === 'item' ? `/inventory/${link.targetId}` : `/incidents/${link.targetId}`}
              size="sm"
            >
              {t(`workItems.linkTypes.${link.targetType}`)}: {link.name || `#${link.targetId}`}
            </Anchor>
            {item.canChange && (
              <Button size="compact-xs" variant="subtle" onClick={() => remove.mutate(link)}>
                {t('workItems.remove')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {item.canChange && (
        <Group align="flex-end" mt="xs">
          <Select
            label={t('workItems.linkKind')}
            data={(['item', 'incident'] as const).map((value) => ({
              value,
              label: t(`workItems.linkTypes.${value}`),
            }))}
            value={targetType}
            onChange={(value) => {
              setTargetType(value === 'incident' ? 'incident' : 'item');
              setTargetId(null);
            }}
            w={200}
          />
          {targetType === 'item' ? (
            <ItemPicker
              label={t('workItems.linkTypes.item')}
              value={targetId}
              onChange={(id) => setTargetId(id)}
              w={220}
            />
          ) : (
            <IncidentPicker
              label={t('workItems.linkTypes.incident')}
              placeholder={t('workItems.searchWorkItem')}
              value={targetId}
              onChange={setTargetId}
              w={260}
            />
          )}
          <Button
            variant="default"
            disabled={targetId === null}
            loading={add.isPending}
            onClick={() => add.mutate()}
          >
            {t('workItems.addLink')}
          </Button>
        </Group>
      )}
      {(add.isError || remove.isError) && (
        <Alert color="red" mt="xs">
          {(add.error ?? remove.error)?.message}
        </Alert>
      )}
    </Card>
  );
}
