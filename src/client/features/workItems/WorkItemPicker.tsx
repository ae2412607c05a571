import { ServerSearchSelect, type ServerSearchSelectProps } from '../../components/ServerSearchSelect';
import { useWorkItems } from './workItems.api';

type Scope = {
  /** Search within one team's items; all teams when absent. */
  teamId?: number;
  excludeId?: number;
};

/** Work items matching the text, most recently changed first (a number typed finds that item). */
function useWorkItemOptions(query: string, { teamId, excludeId }: Scope) {
  const items = useWorkItems({
    teamId,
    q: query || undefined,
    pageSize: 20,
    sort: 'updatedAt',
    direction: 'desc',
  });
  const options = (items.data?.rows ?? [])
    .filter((item) => item.id !== excludeId)
    .map((item) => ({ value: String(item.id), label: `#${item.id} ${item.title}` }));
  return { options, isFetching: items.isFetching };
}

/**
 * A searchable select of work items: the server looks through titles and descriptions, and finds
 * an item by its number when one is typed ("12" or "#12").
 */
export function WorkItemPicker({ teamId, excludeId, ...props }: ServerSearchSelectProps & Scope) {
  return <ServerSearchSelect {...props} useOptions={useWorkItemOptions} params={{ teamId, excludeId }} />;
}
