import { type ComboboxItem, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useIncidents } from './incidents.api';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: number | null;
  onChange: (id: number | null) => void;
};

/**
 * A searchable select of incidents, newest first: the server looks through titles and
 * descriptions, and finds an incident by its number when one is typed ("12" or "#12").
 */
export function IncidentPicker({ value, onChange, ...selectProps }: Props) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  // The box shows the chosen incident's label once picked: that is not a new search.
  const [chosenLabel, setChosenLabel] = useState<string | null>(null);
  const q = query === chosenLabel ? '' : query;
  const incidents = useIncidents({ q: q || undefined, pageSize: 20, sort: 'detectedAt', direction: 'desc' });
  const options: ComboboxItem[] = (incidents.data?.rows ?? []).map((incident) => ({
    value: String(incident.id),
    label: `#${incident.id} ${incident.title}`,
  }));
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
      nothingFoundMessage={incidents.isFetching ? '…' : undefined}
    />
  );
}
