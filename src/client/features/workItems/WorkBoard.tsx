import {
  DndContext,
  type DragEndEvent,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Menu,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { IconArrowsMove } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Board, WorkItemSummary } from '../../../shared/contracts/work-items';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { WorkItemBadges } from './workItemParts';
import { boardMaxPerState, boardPageSize, useBoard, useMoveWorkItem } from './workItems.api';

type Column = Board['columns'][number];

/** A team's board: one column per state; cards move by drag and drop or by their "move to" menu. */
export function WorkBoard({ teamId }: { teamId: number }) {
  // Every column shows the same number of cards; "show more" raises it for all, up to the server's cap.
  const [perState, setPerState] = useState(boardPageSize);
  const board = useBoard(teamId, perState);
  const move = useMoveWorkItem();
  const [refusal, setRefusal] = useState<string | null>(null);
  // A small distance before a drag starts, so a click on a card's link still opens it.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  if (board.isPending) return <PageLoader />;
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;

  const moveTo = (item: WorkItemSummary, stateId: number) => {
    if (item.stateId === stateId) return;
    setRefusal(null);
    move.mutate(
      { id: item.id, stateId },
      { onError: (error) => setRefusal(error instanceof Error ? error.message : String(error)) },
    );
  };
  const onDragEnd = (event: DragEndEvent) => {
    const item = event.active.data.current?.item as WorkItemSummary | undefined;
    const stateId = event.over?.data.current?.stateId as number | undefined;
    if (item && stateId !== undefined) moveTo(item, stateId);
  };
  const columns = board.data.columns;
  const canChange = board.data.canChange;

  return (
    <>
      {refusal && (
        <Alert
          color="red"
          mb="sm"
          withCloseButton
          onClose={() => setRefusal(null)}
          data-testid="board-refusal"
        >
          {refusal}
        </Alert>
      )}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <ScrollArea type="auto">
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="md">
            {columns.map((column) => (
              <BoardColumn
                key={column.stateId}
                column={column}
                columns={columns}
                canChange={canChange}
                onMove={moveTo}
                onShowMore={
                  perState < boardMaxPerState
                    ? () => setPerState(Math.min(boardMaxPerState, perState * 2))
                    : undefined
                }
              />
            ))}
          </Group>
        </ScrollArea>
      </DndContext>
    </>
  );
}

function BoardColumn(props: {
  column: Column;
  columns: Column[];
  canChange: boolean;
  onMove: (item: WorkItemSummary, stateId: number) => void;
  onShowMore?: () => void;
}) {
  const { t } = useTranslation();
  const { column, onShowMore } = props;
  const hidden = column.itemCount - column.items.length;
  const { setNodeRef, isOver } = useDroppable({
    id: `state-${column.stateId}`,
    data: { stateId: column.stateId },
  });
  const isFull = column.wipLimit !== null && column.itemCount >= column.wipLimit;
  return (
    <Box
      ref={setNodeRef}
      w={280}
      miw={280}
      p="xs"
      bg={isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-default-hover)'}
      style={{ borderRadius: 8, minHeight: 200 }}
      data-testid={`board-column-${column.name}`}
      aria-label={column.name}
      role="region"
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          {column.name}
        </Text>
        <Group gap={4}>
          <Badge size="sm" variant="light" color={isFull ? 'red' : 'gray'} data-testid="column-count">
            {column.wipLimit === null ? column.itemCount : `${column.itemCount} / ${column.wipLimit}`}
          </Badge>
          {column.wipLimit !== null && (
            <Text size="xs" c="dimmed">
              {t('workItems.wipLimit', { limit: column.wipLimit })}
            </Text>
          )}
        </Group>
      </Group>
      <Stack gap="xs">
        {column.items.map((item) => (
          <BoardCard key={item.id} item={item} {...props} />
        ))}
        {column.items.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('workItems.noItems')}
          </Text>
        )}
        {hidden > 0 &&
          (onShowMore ? (
            <Button size="compact-xs" variant="subtle" onClick={onShowMore} data-testid="board-show-more">
              {t('workItems.boardMore', { count: hidden })}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t('workItems.boardHidden', { count: hidden })}
            </Text>
          ))}
      </Stack>
    </Box>
  );
}

function BoardCard({
  item,
  columns,
  canChange,
  onMove,
}: {
  item: WorkItemSummary;
  columns: Column[];
  canChange: boolean;
  onMove: (item: WorkItemSummary, stateId: number) => void;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: `item-${item.id}`,
    data: { item },
    disabled: !canChange,
  });
  const style = transform
    ? {
        transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`,
        zIndex: 10,
        opacity: isDragging ? 0.85 : 1,
      }
    : undefined;
  return (
    <Card
      ref={setNodeRef}
      withBorder
      padding="xs"
      style={{ ...style, cursor: canChange ? 'grab' : 'default', touchAction: 'none' }}
      data-testid={`card-${item.id}`}
      {...listeners}
      {...attributes}
      // The card itself is not a tab stop: its link and its "move to" menu are.
      tabIndex={-1}
      role="article"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
        <Anchor component={Link} to={`/work-items/${item.id}`} size="sm" fw={500}>
          #{item.id} {item.title}
        </Anchor>
        {canChange && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('workItems.moveCard', { title: item.title })}
                data-testid={`move-${item.id}`}
              >
                <IconArrowsMove size={14} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('workItems.moveTo')}</Menu.Label>
              {columns
                .filter((column) => column.stateId !== item.stateId)
                .map((column) => (
                  <Menu.Item key={column.stateId} onClick={() => onMove(item, column.stateId)}>
                    {column.name}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Box mt={4}>
        <WorkItemBadges item={item} />
      </Box>
      {item.assigneeName && (
        <Text size="xs" c="dimmed" mt={4}>
          {item.assigneeName}
        </Text>
      )}
    </Card>
  );
}
