import { type ComboboxItem, MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useChecks } from '../checks/checks.api';
import { useItems } from '../inventory/inventory.api';

/** A chosen target, with the name shown for it. */
export type NamedTarget = { id: number; name: string };

type Props = Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  kind: 'items' | 'checks';
  value: NamedTarget[];
  onChange: (targets: NamedTarget[]) => void;
};

/** A searchable multiple choice of items or checks that asks the server as the user types. */
export function TargetPicker({ kind, value, onChange, ...selectProps }: Props) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const q = query.trim() || undefined;
  const items = useItems({ q, pageSize: 20, sort: 'name' }, { isEnabled: kind === 'items' });
  const checks = useChecks({ q, pageSize: 20, sort: 'name' }, { isEnabled: kind === 'checks' });
  const found = (kind === 'items' ? items.data?.rows : checks.data?.rows) ?? [];
  const known = new Map<string, string>(value.map((target) => [String(target.id), target.name]));
  for (const row of found) known.set(String(row.id), row.name);
  const options: ComboboxItem[] = [...known].map(([id, name]) => ({ value: id, label: name }));
  return (
    <MultiSelect
      {...selectProps}
      searchable
      clearable
      data={options}
      value={value.map((target) => String(target.id))}
      onChange={(ids) => onChange(ids.map((id) => ({ id: Number(id), name: known.get(id) ?? id })))}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      hidePickedOptions
    />
  );
}
