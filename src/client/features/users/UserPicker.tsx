import { type ComboboxItem, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useUsers } from './users.api';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: number | null;
  onChange: (id: number | null) => void;
  excludeIds?: number[];
};

/** A searchable select of users that asks the server as the user types. */
export function UserPicker({ value, onChange, excludeIds = [], ...selectProps }: Props) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const users = useUsers({ q: query.trim() || undefined, pageSize: 20, sort: 'name' });
  const options: ComboboxItem[] = (users.data?.rows ?? [])
    .filter((user) => !excludeIds.includes(user.id) && !user.isDisabled)
    .map((user) => ({ value: String(user.id), label: `${user.name} <${user.email}>` }));
  return (
    <Select
      {...selectProps}
      searchable
      clearable
      data={options}
      value={value === null ? null : String(value)}
      onChange={(next) => onChange(next === null ? null : Number(next))}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      error={selectProps.error ?? (users.error ? users.error.message : undefined)}
    />
  );
}
