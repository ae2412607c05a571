import { z } from 'zod';

/** A positive integer id in a path, e.g. `/items/:id`. */
export const IdParams = z.strictObject({ id: z.coerce.number().int().positive().describe('numeric id') });
export type IdParams = z.infer<typeof IdParams>;

/** The paging part of every list query: 1-based page, bounded page size. */
export const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe('rows per page, at most 200'),
};

/** Wraps a row schema into the one list envelope every paginated route answers with. */
export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({
    rows: z.array(row),
    total: z.number().int().describe('rows matching the filter, all pages'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Sort direction for list queries. */
export const SortDirection = z.enum(['asc', 'desc']).default('asc');

/** An email address, normalised to lower case. */
export const Email = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ message: 'not a valid email address' }))
  .transform((value) => value.toLowerCase());

/** A password as Regia accepts it: long enough to mean something, short enough to hash quickly. */
export const NewPassword = z
  .string()
  .min(10, { message: 'at least 10 characters' })
  .max(200, { message: 'at most 200 characters' });

/** Epoch milliseconds, the one time format of the API. */
export const EpochMs = z.number().int().describe('epoch milliseconds, UTC');

/** Acknowledgement of a change with nothing else to say. */
export const Ok = z.object({ ok: z.literal(true) });
