import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type Props = { itemId: number | null; itemName: string | null };

/** A link to an inventory item from another list's row, or "none" when the row has no item. */
export function ItemLink({ itemId, itemName }: Props) {
  const { t } = useTranslation();
  if (itemId === null) return t('common.none');
  return (
    <Anchor component={Link} to={`/inventory/${itemId}`} size="sm">
      {itemName ?? itemId}
    </Anchor>
  );
}
