import { describe, expect, it } from 'vitest';
import { createCheck } from '../../src/server/features/checks/checks.service';
import { type PendingResult, recordResults } from '../../src/server/features/checks/result-recorder';
import { createItem } from '../../src/server/features/inventory/inventory.service';
import { createRelation } from '../../src/server/features/inventory/relations.service';
import { createStatusPage } from '../../src/server/features/status-pages/status-pages.service';
import { recordOptionsOf } from '../../src/server/reactions';
import { browserAvailability, openPage, pageProblems, screenshot, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();
const system = { userId: null, label: 'e2e' };
const internalHost = 'erp-db01.corp.internal';

function result(checkId: number, startedAt: number, status: PendingResult['status']): PendingResult {
  return {
    checkId,
    location: 'local',
    plannedAt: startedAt,
    startedAt,
    status,
    latencyMs: 12,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    message: status === 'down' ? `connect ECONNREFUSED ${internalHost}:5432` : 'ok',
    details: {},
  };
}

describe.skipIf(!isAvailable)('a public status page in the browser', () => {
  const suite = useBrowserSuite();

  it('shows service names and 90-day bars without signing in, and nothing internal', {
    timeout: 90_000,
  }, async () => {
    const { ctx } = suite.server;
    const erp = await createItem(ctx, system, {
      kind: 'businessService',
      name: 'ERP production',
      criticality: 1,
    });
    const db = await createItem(ctx, system, {
      kind: 'database',
      name: internalHost,
      criticality: 1,
      attributes: { host: internalHost },
    });
    await createRelation(ctx, system, { sourceItemId: erp.id, targetItemId: db.id, kind: 'dependsOn' });
    const check = await createCheck(ctx, system, {
      name: `postgres on ${internalHost}`,
      itemId: db.id,
      settings: { kind: 'tcp', host: internalHost, port: 5432 },
    });
    const now = Date.now();
    const results: PendingResult[] = [];
    for (let day = 5; day >= 1; day -= 1) results.push(result(check.id, now - day * 86_400_000, 'up'));
    results.push(result(check.id, now - 60_000, 'down'));
    await recordResults(ctx.db, ctx.dialect, results, recordOptionsOf(ctx.reactions));
    await createStatusPage(ctx, system, {
      slug: 'servizi',
      title: 'Stato dei servizi <b>IT</b>',
      language: 'it',
      isPublished: true,
      services: [{ itemId: erp.id, displayName: 'Gestionale' }],
    });
    await createStatusPage(ctx, system, { slug: 'bozza', title: 'Bozza', services: [] });

    const { context, page } = await openPage(suite.browser);
    await page.goto(`${suite.server.baseUrl}/status/servizi`);
    await page.getByTestId('status-page-view').waitFor();
    // Text stays text: the markup in the title is shown, not interpreted.
    await expect(page.getByTestId('status-page-title').textContent()).resolves.toBe(
      'Stato dei servizi <b>IT</b>',
    );
    await expect(page.getByTestId('status-service-name').allTextContents()).resolves.toEqual(['Gestionale']);
    await expect(page.getByTestId('status-bar').count()).resolves.toBe(90);
    await expect(page.getByTestId('status-overall').textContent()).resolves.toContain('non sono disponibili');
    const body = (await page.locator('body').textContent()) ?? '';
    for (const secret of [internalHost, 'ERP production', 'postgres on', 'ECONNREFUSED']) {
      expect({ secret, shown: body.includes(secret) }).toEqual({ secret, shown: false });
    }
    await screenshot(page, 'status-page-italian');

    await page.getByTestId('status-language').getByText('EN').click();
    await expect
      .poll(() => page.getByTestId('status-overall').textContent())
      .toContain('Some services are not available');
    await screenshot(page, 'status-page-english');

    // An unpublished page says the same as an unknown one.
    await page.goto(`${suite.server.baseUrl}/status/bozza`);
    await page.getByTestId('status-not-found').waitFor();
    await expect(page.getByTestId('navbar').count()).resolves.toBe(0);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
