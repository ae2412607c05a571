import { useSearchParams } from 'react-router';
import { type Direction, positiveInt, readDirection, readSort, withChange } from './listParams';

type Options<F extends string> = {
  sortFields: readonly F[];
  defaultSort: F;
  defaultDirection?: Direction;
  /** The parameters that count as filters: they light up "Clear filters" and it empties them. */
  filterKeys: readonly string[];
};

/**
 * A list's filters, sort and page kept in the address bar, so a filtered list can be shared and
 * survives a reload. Changes replace the history entry rather than pile up behind Back.
 */
export function useListParams<F extends string>({
  sortFields,
  defaultSort,
  defaultDirection = 'asc',
  filterKeys,
}: Options<F>) {
  const [params, setParams] = useSearchParams();
  const sort = readSort(params, sortFields, defaultSort);
  const direction = readDirection(params, defaultDirection);

  const update = (change: Record<string, string>, resetPage = true) =>
    setParams(withChange(params, change, resetPage), { replace: true });

  return {
    params,
    sort,
    direction,
    page: positiveInt(params.get('page')) ?? 1,
    update,
    hasFilters: filterKeys.some((key) => params.get(key)),
    clearFilters: () => update(Object.fromEntries(filterKeys.map((key) => [key, '']))),
    onPage: (page: number) => update({ page: String(page) }, false),
    /** Spread onto each `SortHeader`. */
    sortProps: {
      sort,
      direction,
      onSort: (field: F, next: Direction) => update({ sort: field, direction: next }),
    },
  };
}
