import type { IncidentState } from '../../../shared/contracts/incidents';
import type { Db } from '../../db/connect';

/** What another feature (status pages) may know of an open incident. */
export interface OpenIncidentBrief {
  id: number;
  itemId: number;
  severity: number;
  detectedAt: number;
  publicSummary: string;
  state: IncidentState;
}

/**
 * The incidents not yet resolved on the given items, most severe first; for the status pages,
 * which show their public summary (never the internal title or description).
 */
export async function listOpenIncidentsForItems(
  db: Db,
  itemIds: readonly number[],
): Promise<OpenIncidentBrief[]> {
  const ids = [...new Set(itemIds)];
  const briefs: OpenIncidentBrief[] = [];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('incidents')
      .select(['id', 'itemId', 'severity', 'detectedAt', 'publicSummary', 'state'])
      .where('itemId', 'in', ids.slice(start, start + 500))
      .where('resolvedAt', 'is', null)
      .execute();
    for (const row of rows) {
      if (row.itemId === null) continue;
      briefs.push({ ...row, itemId: row.itemId, state: row.state as IncidentState });
    }
  }
  return briefs.sort((a, b) => a.severity - b.severity || a.detectedAt - b.detectedAt || a.id - b.id);
}
