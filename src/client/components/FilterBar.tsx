import { Button, Group } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { hasFilters: boolean; onClear: () => void; children: ReactNode };

/** The row of filters above a list, ending in "Clear filters" once any filter is set. */
export function FilterBar({ hasFilters, onClear, children }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      {children}
      {hasFilters && (
        <Button variant="subtle" leftSection={<IconX size={14} />} onClick={onClear}>
          {t('inventory.clearFilters')}
        </Button>
      )}
    </Group>
  );
}

/** What every filter dropdown shares: clearable, full width on a phone, `width` pixels beside others. */
export function filterSelectProps(width: number) {
  return {
    clearable: true,
    w: { base: '100%', xs: width },
    comboboxProps: { withinPortal: true },
  };
}
