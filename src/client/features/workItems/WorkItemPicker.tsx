import { type ComboboxItem, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useWorkItems } from './workItems.api';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: number | null;
  onChange: (id: number | null) => void;
  /** Search within one team's items; all teams when absent. */
  teamId?: number;
  excludeId?: number;
};

/**
 * A searchable select of work items: the server looks through titles and descriptions, and finds
 * an item by its number when one is typed ("12" or "#12").
 */
export function WorkItemPicker({ value, onChange, teamId, excludeId, ...selectProps }: Props) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  // The box shows the chosen item's label once picked: that is not a new search.
  const [chosenLabel, setChosenLabel] = useState<string | null>(null);
  const q = query === chosenLabel ? '' : query;
  const items = useWorkItems({
    teamId,
    q: q || undefined,
    pageSize: 20,
    sort: 'updatedAt',
    direction: 'desc',
  });
  const options: ComboboxItem[] = (items.data?.rows ?? [])
    .filter((item) => item.id !== excludeId)
    .map((item) => ({ value: String(item.id), label: `#${item.id} ${item.title}` }));
  if (value !== null && chosenLabel && !options.some((option) => option.value === String(value))) {
    options.unshift({ value: String(value), label: chosenLabel });
  }
  return (
    <Select
      {...selectProps}
      searchable
      clearable
      data={options}
      value={value === null ? null : String(value)}
      onChange={(next, option) => {
        setChosenLabel(option?.label ?? null);
        onChange(next === null ? null : Number(next));
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already filtered.
      filter={({ options: all }) => all}
      nothingFoundMessage={items.isFetching ? '…' : undefined}
    />
  );
}
