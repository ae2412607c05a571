import { useSearchParams } from 'react-router';
import { positiveInt } from '../../components/listParams';
import { useItem } from './inventory.api';

/** The item a new record starts on, named by `?itemId=` (the item page links to forms this way). */
export function useItemFromAddress() {
  const [params] = useSearchParams();
  const itemId = positiveInt(params.get('itemId')) ?? 0;
  const item = useItem(itemId);
  return {
    /** 0 when the address names no item. */
    itemId,
    isLoading: itemId > 0 && item.isPending,
    initialItem: item.data ? { id: item.data.id, name: item.data.name } : null,
  };
}
