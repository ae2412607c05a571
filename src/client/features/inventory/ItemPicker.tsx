import { type ComboboxItem, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useItems } from './inventory.api';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: number | null;
  onChange: (id: number | null, name: string | null) => void;
  /** The name of the chosen item, when known before the search has loaded it. */
  selectedName?: string | null;
  excludeId?: number;
};

/** A searchable select of inventory items that asks the server as the user types. */
export function ItemPicker({ value, onChange, selectedName, excludeId, ...selectProps }: Props) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const items = useItems({ q: query.trim() || undefined, pageSize: 20, sort: 'name' });
  const options: ComboboxItem[] = (items.data?.rows ?? [])
    .filter((item) => item.id !== excludeId)
    .map((item) => ({ value: String(item.id), label: item.name }));
  if (value !== null && selectedName && !options.some((option) => option.value === String(value))) {
    options.unshift({ value: String(value), label: selectedName });
  }
  return (
    <Select
      {...selectProps}
      searchable
      clearable
      data={options}
      value={value === null ? null : String(value)}
      onChange={(next, option) => onChange(next === null ? null : Number(next), option?.label ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={items.isFetching ? '…' : undefined}
    />
  );
}
