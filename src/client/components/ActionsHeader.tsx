import { Table, type TableThProps, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The header of a table's column of row buttons: blank on screen, named for screen readers. */
export function ActionsHeader(props: TableThProps) {
  const { t } = useTranslation();
  return (
    <Table.Th {...props}>
      <VisuallyHidden>{t('controls.actions')}</VisuallyHidden>
    </Table.Th>
  );
}
