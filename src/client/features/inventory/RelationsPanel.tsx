import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Relation, type RelationKind, relationKinds } from '../../../shared/contracts/inventory';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { PageLoader } from '../../components/PageLoader';
import { ItemPicker } from './ItemPicker';
import { useCreateRelation, useDeleteRelation, useItemRelations } from './inventory.api';

type RowProps = { relation: Relation; direction: 'outgoing' | 'incoming'; canEdit: boolean };

function RelationRow({ relation, direction, canEdit }: RowProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const remove = useDeleteRelation();
  const isOutgoing = direction === 'outgoing';
  const otherId = isOutgoing ? relation.targetItemId : relation.sourceItemId;
  const otherName = isOutgoing ? relation.targetName : relation.sourceName;
  return (
    <Table.Tr data-testid={`relation-${direction}`}>
      <Table.Td>
        {isOutgoing ? labels.relation(relation.kind) : labels.relationIncoming(relation.kind)}
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/inventory/${otherId}`}>
          {otherName}
        </Anchor>
      </Table.Td>
      {canEdit && (
        <Table.Td w={40}>
          <Tooltip label={t('common.remove')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('common.remove')}
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(relation.id, {
                  onSuccess: () => notifications.show({ message: t('inventory.relations.removed') }),
                  onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                })
              }
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function RelationTable({
  rows,
  direction,
  canEdit,
}: {
  rows: Relation[];
  direction: RowProps['direction'];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  if (rows.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('inventory.relations.none')}
      </Text>
    );
  return (
    <Table verticalSpacing={4}>
      <Table.Tbody>
        {rows.map((relation) => (
          <RelationRow key={relation.id} relation={relation} direction={direction} canEdit={canEdit} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AddRelationForm({ itemId }: { itemId: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const create = useCreateRelation();
  const [kind, setKind] = useState<RelationKind>('dependsOn');
  const [targetId, setTargetId] = useState<number | null>(null);
  const [targetName, setTargetName] = useState<string | null>(null);

  const onAdd = () => {
    if (targetId === null) return;
    create.mutate(
      { sourceItemId: itemId, targetItemId: targetId, kind },
      {
        onSuccess: () => {
          notifications.show({ message: t('inventory.relations.added') });
          setTargetId(null);
          setTargetName(null);
        },
      },
    );
  };

  return (
    <Stack gap="xs">
      {create.error && <ErrorAlert error={create.error} />}
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('inventory.relations.kind')}
          data={labels.relationOptions}
          value={kind}
          allowDeselect={false}
          onChange={(value) => {
            if (value && (relationKinds as readonly string[]).includes(value)) setKind(value as RelationKind);
          }}
          w={{ base: '100%', xs: 170 }}
          data-testid="relation-kind"
        />
        <ItemPicker
          label={t('inventory.relations.target')}
          placeholder={t('inventory.relations.targetPlaceholder')}
          value={targetId}
          selectedName={targetName}
          excludeId={itemId}
          onChange={(id, name) => {
            setTargetId(id);
            setTargetName(name);
          }}
          style={{ flex: 1 }}
          miw={200}
          data-testid="relation-target"
        />
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={onAdd}
          disabled={targetId === null}
          loading={create.isPending}
          data-testid="relation-add"
        >
          {t('common.add')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The item's relations in both directions; editors add and remove them here. */
export function RelationsPanel({ itemId, canEdit }: { itemId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const relations = useItemRelations(itemId);
  return (
    <Paper withBorder p="md" data-testid="relations-panel">
      <Title order={2} size="h4" mb="sm">
        {t('inventory.relations.title')}
      </Title>
      {relations.isPending && <PageLoader />}
      {relations.isError && <ErrorAlert error={relations.error} onRetry={() => void relations.refetch()} />}
      {relations.data && (
        <Stack gap="md">
          <div>
            <Text fw={600} size="sm" mb={4}>
              {t('inventory.relations.outgoingTitle')}
            </Text>
            <RelationTable rows={relations.data.outgoing} direction="outgoing" canEdit={canEdit} />
          </div>
          <div>
            <Text fw={600} size="sm" mb={4}>
              {t('inventory.relations.incomingTitle')}
            </Text>
            <RelationTable rows={relations.data.incoming} direction="incoming" canEdit={canEdit} />
          </div>
          {canEdit && <AddRelationForm itemId={itemId} />}
        </Stack>
      )}
    </Paper>
  );
}
