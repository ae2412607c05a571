import { type ComboboxItem, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

/** What a search of the server found for the text typed, as options. */
export type SearchOptions = { options: ComboboxItem[]; isFetching: boolean };

export type ServerSearchSelectProps = Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'
> & {
  value: number | null;
  onChange: (id: number | null, label: string | null) => void;
  /** The label of the chosen row when known before a search has loaded it. */
  selectedLabel?: string | null;
};

/**
 * A searchable select of rows the server finds as the user types (debounced): the options are
 * the server's answer as it is, not filtered again in the browser. `useOptions` is a hook defined
 * at module level, called on every render with the text to search for ('' when there is none)
 * and the `params` the picker narrows its search with.
 */
export function ServerSearchSelect<P>({
  value,
  onChange,
  selectedLabel,
  useOptions,
  params,
  ...selectProps
}: ServerSearchSelectProps & { useOptions: (query: string, params: P) => SearchOptions; params: P }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  // Once picked, the box shows the choice's label: that is not a new search.
  const [chosen, setChosen] = useState<ComboboxItem | null>(null);
  const label = (chosen && chosen.value === String(value) ? chosen.label : selectedLabel) ?? null;
  const { options, isFetching } = useOptions(query === label ? '' : query, params);
  // The choice stays among the options while the list changes, or the box would empty itself.
  const data =
    value !== null && label && !options.some((option) => option.value === String(value))
      ? [{ value: String(value), label }, ...options]
      : options;
  return (
    <Select
      {...selectProps}
      searchable
      clearable
      data={data}
      value={value === null ? null : String(value)}
      onChange={(next, option) => {
        setChosen(option ?? null);
        onChange(next === null ? null : Number(next), option?.label ?? null);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={isFetching ? '…' : undefined}
    />
  );
}
