/** Sort order of a list column. */
export type Direction = 'asc' | 'desc';

/** A whole number above zero from the address bar, or undefined for anything else. */
export function positiveInt(value: string | null): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The `sort` parameter when it names an allowed column, else the fallback. */
export function readSort<F extends string>(params: URLSearchParams, fields: readonly F[], fallback: F): F {
  const value = params.get('sort');
  return value !== null && (fields as readonly string[]).includes(value) ? (value as F) : fallback;
}

/** The `direction` parameter; only the opposite of the fallback has to be spelled out. */
export function readDirection(params: URLSearchParams, fallback: Direction): Direction {
  const other: Direction = fallback === 'asc' ? 'desc' : 'asc';
  return params.get('direction') === other ? other : fallback;
}

/**
 * A copy of `params` with `change` applied: an empty value removes its key. A new filter or sort
 * starts again from page one, so `resetPage` drops the page unless the change is the page itself.
 */
export function withChange(
  params: URLSearchParams,
  change: Record<string, string>,
  resetPage: boolean,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(change)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  if (resetPage) next.delete('page');
  return next;
}
