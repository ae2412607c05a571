import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type Props<F extends string> = {
  field: F;
  sort: F;
  direction: 'asc' | 'desc';
  onSort: (field: F, direction: 'asc' | 'desc') => void;
  children: ReactNode;
};

/** A table header cell that sorts by its column; a second click reverses the order. */
export function SortHeader<F extends string>({ field, sort, direction, onSort, children }: Props<F>) {
  const isActive = field === sort;
  const Icon = !isActive ? IconSelector : direction === 'asc' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th aria-sort={isActive ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => onSort(field, isActive && direction === 'asc' ? 'desc' : 'asc')}
        data-testid={`sort-${field}`}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {children}
          </Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
