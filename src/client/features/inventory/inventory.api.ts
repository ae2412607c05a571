import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Ok } from '../../../shared/contracts/common';
import type {
  DependencyGraph,
  ExportQuery,
  Impact,
  ImportReport,
  Item,
  ItemListQuery,
  ItemPage,
  ItemRelations,
  NewItem,
  NewRelation,
  Relation,
  UpdateItem,
} from '../../../shared/contracts/inventory';
import { apiBase, http, toQueryString } from '../../api/http';
import { queryKeys } from '../../api/queryClient';

type OkAnswer = z.infer<typeof Ok>;
type ItemPageAnswer = z.infer<typeof ItemPage>;
type RelationsAnswer = z.infer<typeof ItemRelations>;

/** The list query as the page keeps it; absent fields use the server's defaults. */
export type ItemFilter = Partial<ItemListQuery>;

/** One page of items matching a filter; the previous page stays visible while the next loads. */
export function useItems(filter: ItemFilter, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.items, 'list', filter],
    queryFn: ({ signal }) => http.get<ItemPageAnswer>('/items', filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.isEnabled ?? true,
  });
}

/** One item. */
export function useItem(id: number) {
  return useQuery({
    queryKey: queryKeys.item(id),
    queryFn: ({ signal }) => http.get<Item>(`/items/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The relations of one item, both directions. */
export function useItemRelations(id: number) {
  return useQuery({
    queryKey: [...queryKeys.item(id), 'relations'],
    queryFn: ({ signal }) => http.get<RelationsAnswer>(`/items/${id}/relations`, undefined, signal),
  });
}

/** Everything that transitively depends on one item. */
export function useImpact(id: number) {
  return useQuery({
    queryKey: [...queryKeys.item(id), 'impact'],
    queryFn: ({ signal }) => http.get<Impact>(`/items/${id}/impact`, undefined, signal),
  });
}

/** Nodes and edges around an item (or the whole inventory without one). */
export function useGraph(itemId: number | null, depth: number) {
  return useQuery({
    queryKey: [...queryKeys.graph, itemId, depth],
    queryFn: ({ signal }) =>
      http.get<DependencyGraph>('/relations/graph', { itemId: itemId ?? undefined, depth }, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateInventory() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.items }),
      client.invalidateQueries({ queryKey: queryKeys.graph }),
    ]);
}

/** Creates an item. */
export function useCreateItem() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (body: NewItem) => http.post<Item>('/items', body),
    onSuccess: () => invalidate(),
  });
}

/** Changes an item. */
export function useUpdateItem(id: number) {
  const client = useQueryClient();
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (body: UpdateItem) => http.patch<Item>(`/items/${id}`, body),
    onSuccess: (item) => {
      client.setQueryData(queryKeys.item(id), item);
      return invalidate();
    },
  });
}

/** Deletes an item. */
export function useDeleteItem() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/items/${id}`),
    onSuccess: () => invalidate(),
  });
}

/** Adds a relation between two items. */
export function useCreateRelation() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (body: NewRelation) => http.post<Relation>('/relations', body),
    onSuccess: () => invalidate(),
  });
}

/** Removes a relation. */
export function useDeleteRelation() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/relations/${id}`),
    onSuccess: () => invalidate(),
  });
}

/** Previews (dry run) or applies a CSV import. */
export function useImportItems() {
  const invalidate = useInvalidateInventory();
  return useMutation({
    mutationFn: (body: { csv: string; dryRun: boolean }) => http.post<ImportReport>('/items/import', body),
    onSuccess: (report) => (report.isApplied ? invalidate() : undefined),
  });
}

/** The address of an export download for the current filters. */
export function exportUrl(filter: Partial<ExportQuery>): string {
  return `${apiBase}/items/export${toQueryString(filter)}`;
}
