import { Button, Select, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconFilter, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FilterBar, filterSelectProps } from '../../components/FilterBar';
import { useLabels } from '../../components/labels';
import { TeamFilter } from '../teams/TeamFilter';

/** The filter values kept in the address bar; empty strings mean "any". */
export type FilterValues = {
  q: string;
  kind: string;
  ownerTeamId: string;
  criticality: string;
  environment: string;
  tag: string;
};

type Props = {
  values: FilterValues;
  onChange: (change: Partial<FilterValues>) => void;
  onClear: () => void;
};

/** Search box and filters above the inventory table. */
export function ItemFilters({ values, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const hasFilters = Object.values(values).some((value) => value !== '');
  const activeFilters = Object.entries(values).filter(([key, value]) => key !== 'q' && value !== '').length;
  // On a phone the filters fold behind one button, so the table stays in view.
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  const [isOpen, { toggle }] = useDisclosure(false);
  const isShown = !isPhone || isOpen || activeFilters > 0;
  const selectProps = filterSelectProps(180);

  return (
    <FilterBar hasFilters={hasFilters} onClear={onClear}>
      <TextInput
        label={t('common.search')}
        placeholder={t('inventory.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={values.q}
        onChange={(event) => onChange({ q: event.currentTarget.value })}
        w={{ base: '100%', sm: 300 }}
        data-testid="inventory-search"
      />
      {isPhone && (
        <Button
          variant="default"
          leftSection={<IconFilter size={16} />}
          onClick={toggle}
          aria-expanded={isShown}
          data-testid="filters-toggle"
        >
          {t('inventory.filters')}
          {activeFilters > 0 ? ` (${activeFilters})` : ''}
        </Button>
      )}
      {isShown && (
        <>
          <Select
            label={t('inventory.fields.kind')}
            placeholder={t('common.all')}
            data={labels.kindOptions}
            value={values.kind || null}
            onChange={(value) => onChange({ kind: value ?? '' })}
            data-testid="filter-kind"
            {...selectProps}
          />
          <TeamFilter
            label={t('inventory.fields.ownerTeam')}
            value={values.ownerTeamId}
            onChange={(value) => onChange({ ownerTeamId: value })}
            width={180}
            data-testid="filter-team"
          />
          <Select
            label={t('inventory.fields.criticality')}
            placeholder={t('common.all')}
            data={labels.criticalityOptions}
            value={values.criticality || null}
            onChange={(value) => onChange({ criticality: value ?? '' })}
            data-testid="filter-criticality"
            {...selectProps}
          />
          <Select
            label={t('inventory.fields.environment')}
            placeholder={t('common.all')}
            data={labels.environmentOptions.filter((option) => option.value !== '')}
            value={values.environment || null}
            onChange={(value) => onChange({ environment: value ?? '' })}
            data-testid="filter-environment"
            {...selectProps}
          />
          <TextInput
            label={t('inventory.fields.tag')}
            value={values.tag}
            onChange={(event) => onChange({ tag: event.currentTarget.value })}
            w={{ base: '100%', xs: 150 }}
            data-testid="filter-tag"
          />
        </>
      )}
    </FilterBar>
  );
}
