import { Badge, Group, Loader, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeTarget, RequestStatus } from '../../../shared/contracts/requests';
import { useMergeTargets } from './requests.api';

const keyOf = (target: MergeTarget) => `${target.targetType}:${target.targetId}`;
const labelOf = (target: MergeTarget) => `#${target.targetId} ${target.title}`;

/**
 * Search for what a request may be merged into: the server looks through the team's requests in
 * triage and open work items by title, and finds any number typed (with or without #).
 */
export function MergeTargetSelect({
  requestId,
  value,
  onChange,
}: {
  requestId: number;
  value: MergeTarget | null;
  onChange: (target: MergeTarget | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Once picked, the box shows the choice's label: that is not a new search.
  const query = value && debounced === labelOf(value) ? '' : debounced;
  const targets = useMergeTargets(requestId, query, true);
  const rows = targets.data?.rows ?? [];
  // The choice stays among the options while the list changes, or the box would empty itself.
  const options = value && !rows.some((row) => keyOf(row) === keyOf(value)) ? [value, ...rows] : rows;
  const byKey = new Map(options.map((row) => [keyOf(row), row]));
  const stateOf = (target: MergeTarget) =>
    target.targetType === 'request' ? t(`requests.statuses.${target.state as RequestStatus}`) : target.state;
  return (
    <Select
      label={t('requests.mergeSearch')}
      description={t('requests.mergeSearchHint')}
      placeholder={t('requests.mergeSearchPlaceholder')}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      value={value ? keyOf(value) : null}
      onChange={(key) => onChange(key === null ? null : (byKey.get(key) ?? null))}
      data={options.map((row) => ({ value: keyOf(row), label: labelOf(row) }))}
      // The server has already filtered by title and number.
      filter={({ options: all }) => all}
      nothingFoundMessage={targets.isFetching ? undefined : t('requests.mergeNothingFound')}
      rightSection={targets.isFetching ? <Loader size="xs" /> : undefined}
      renderOption={({ option }) => {
        const target = byKey.get(option.value);
        if (!target) return option.label;
        return (
          <Group gap="xs" wrap="nowrap" w="100%" data-testid="merge-option">
            <Text size="sm" c="dimmed" miw={36}>
              #{target.targetId}
            </Text>
            <Text size="sm" style={{ flex: 1 }} lineClamp={2}>
              {target.title}
            </Text>
            <Badge size="xs" variant="light" color={target.targetType === 'request' ? 'grape' : 'blue'}>
              {t(target.targetType === 'request' ? 'requests.targetRequest' : 'requests.targetWorkItem')}
            </Badge>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {stateOf(target)}
              {' · '}
              {target.teamName}
            </Text>
          </Group>
        );
      }}
      comboboxProps={{ withinPortal: true }}
      data-testid="merge-target"
    />
  );
}
