import { useQueries } from '@tanstack/react-query';
import type { z } from 'zod';
import { type ItemKind, type ItemPage, itemKinds } from '../../../shared/contracts/inventory';
import { http } from '../../api/http';
import { queryKeys } from '../../api/queryClient';
import { criticalities } from '../../components/labels';

type Count = { total: number | undefined; isError: boolean };

/** Item counts for the overview: all, per kind, per criticality (one page-size-1 list call each). */
export function useInventoryCounts(isEnabled: boolean) {
  const filters = [
    {},
    ...itemKinds.map((kind) => ({ kind })),
    ...criticalities.map((criticality) => ({ criticality })),
  ];
  const results = useQueries({
    queries: filters.map((filter) => ({
      queryKey: [...queryKeys.items, 'count', filter],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        http.get<z.infer<typeof ItemPage>>('/items', { ...filter, page: 1, pageSize: 1 }, signal),
      enabled: isEnabled,
      staleTime: 30_000,
    })),
  });
  const count = (index: number): Count => ({
    total: results[index]?.data?.total,
    isError: results[index]?.isError ?? false,
  });
  return {
    total: count(0),
    byKind: itemKinds.map((kind, index): { kind: ItemKind } & Count => ({ kind, ...count(1 + index) })),
    byCriticality: criticalities.map((criticality, index) => ({
      criticality,
      ...count(1 + itemKinds.length + index),
    })),
    error: results.find((result) => result.isError)?.error ?? null,
    isPending: results.some((result) => result.isPending && isEnabled),
  };
}
