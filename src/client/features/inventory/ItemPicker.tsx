import { ServerSearchSelect, type ServerSearchSelectProps } from '../../components/ServerSearchSelect';
import { useItems } from './inventory.api';

type Props = Omit<ServerSearchSelectProps, 'selectedLabel'> & {
  /** The name of the chosen item, when known before the search has loaded it. */
  selectedName?: string | null;
  excludeId?: number;
};

/** Items whose name or details match the text, by name. */
function useItemOptions(query: string, excludeId: number | undefined) {
  const items = useItems({ q: query || undefined, pageSize: 20, sort: 'name' });
  const options = (items.data?.rows ?? [])
    .filter((item) => item.id !== excludeId)
    .map((item) => ({ value: String(item.id), label: item.name }));
  return { options, isFetching: items.isFetching };
}

/** A searchable select of inventory items that asks the server as the user types. */
export function ItemPicker({ selectedName, excludeId, ...props }: Props) {
  return (
    <ServerSearchSelect
      {...props}
      selectedLabel={selectedName}
      useOptions={useItemOptions}
      params={excludeId}
    />
  );
}
