import type { PublicServiceState, PublicStatusPage } from '../../../shared/contracts/status-pages';
import type { AppContext } from '../../context';
import { listOpenIncidentsForItems } from '../incidents/incidents.public';
import { calendarOf } from '../maintenance/maintenance-calendar';
import { dailyRuleText, dependencyClosure } from '../service-health/health-rules';
import {
  getDailyAvailability,
  getItemStates,
  loadHealthGraph,
} from '../service-health/service-health.service';
import type { PageServiceRow, StatusPageRow } from './status-pages.repository';

/** Planned maintenance shows this far ahead. */
export const maintenanceHorizonMs = 14 * 86_400_000;

// Worst first: what the page's headline says when services differ.
const overallRank: Record<PublicServiceState, number> = {
  down: 4,
  degraded: 3,
  maintenance: 2,
  up: 1,
  unknown: 0,
};

/**
 * What the public sees of a page. Built only from public names, states, numbers, the incidents'
 * public summaries and the windows' titles and times: no item name, id, host or check reaches it.
 */
export async function buildPublicView(
  ctx: AppContext,
  page: StatusPageRow,
  services: readonly PageServiceRow[],
): Promise<PublicStatusPage> {
  const now = ctx.now();
  const itemIds = services.map((service) => service.itemId);
  const graph = await loadHealthGraph(ctx, now);
  const [states, days] = await Promise.all([
    getItemStates(ctx, itemIds, graph),
    getDailyAvailability(ctx, itemIds, graph),
  ]);

  // An incident on anything a service relies on affects it.
  const reliedOnBy = new Map<number, Set<string>>();
  for (const service of services) {
    for (const id of dependencyClosure(service.itemId, graph.dependenciesOf)) {
      reliedOnBy.set(id, (reliedOnBy.get(id) ?? new Set()).add(service.displayName));
    }
  }
  const incidents = (await listOpenIncidentsForItems(ctx.db, [...reliedOnBy.keys()])).map((incident) => ({
    summary: incident.publicSummary.trim() === '' ? null : incident.publicSummary.trim(),
    startedAt: incident.detectedAt,
    services: [...(reliedOnBy.get(incident.itemId) ?? [])],
  }));

  const maintenance = new Map<string, PublicStatusPage['maintenance'][number]>();
  const calendar = calendarOf(ctx);
  for (const service of services) {
    for (const occurrence of calendar?.occurrencesForItems(
      [service.itemId],
      now,
      now + maintenanceHorizonMs,
    ) ?? []) {
      const key = `${occurrence.windowId}:${occurrence.startsAt}`;
      const entry = maintenance.get(key) ?? {
        title: occurrence.title,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        isActive: occurrence.startsAt <= now,
        services: [],
      };
      entry.services.push(service.displayName);
      maintenance.set(key, entry);
    }
  }

  const shown = services.map((service) => ({
    name: service.displayName,
    state: states.get(service.itemId) ?? 'unknown',
    days: days.get(service.itemId) ?? [],
  }));
  const overall = shown.reduce<PublicServiceState>(
    (worst, service) => (overallRank[service.state] > overallRank[worst] ? service.state : worst),
    'unknown',
  );
  return {
    title: page.title,
    description: page.description,
    language: page.language === 'it' ? 'it' : 'en',
    overall,
    services: shown,
    incidents,
    maintenance: [...maintenance.values()].sort((a, b) => a.startsAt - b.startsAt),
    ruleText: dailyRuleText,
    generatedAt: now,
  };
}
