import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/contracts/inventory';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('dependency map in the browser', () => {
  const suite = useBrowserSuite();

  it('draws the graph around an item under the strict CSP', { timeout: 60_000 }, async () => {
    const { context, page } = await signInAs(suite, 'admin');

    const create = (name: string, kind: Item['kind'], criticality: number) =>
      callApi<Item>(page, 'POST', '/items', { name, kind, criticality });
    const service = await create('Online banking', 'businessService', 1);
    const app = await create('Banking app', 'application', 1);
    const db = await create('Accounts database', 'database', 2);
    const host = await create('vm-bank-01', 'virtualMachine', 3);
    await callApi(page, 'POST', '/relations', {
      sourceItemId: service.id,
      targetItemId: app.id,
      kind: 'dependsOn',
    });
    await callApi(page, 'POST', '/relations', {
      sourceItemId: app.id,
      targetItemId: db.id,
      kind: 'dependsOn',
    });
    await callApi(page, 'POST', '/relations', {
      sourceItemId: app.id,
      targetItemId: host.id,
      kind: 'runsOn',
    });

    // From the item page: its impact lists what depends on it, and a button opens the map.
    await page.goto(`${suite.server.baseUrl}/inventory/${db.id}`);
    await page.getByTestId('impact-row').first().waitFor();
    expect(await page.getByTestId('impact-row').count()).toBe(2);
    await page.getByTestId('open-map').click();
    await page.waitForURL(`**/map?itemId=${db.id}`);
    await page.locator('[data-testid=dependency-map] canvas').first().waitFor();
    await page.getByText('Items: 4').waitFor();
    await page.waitForTimeout(1500); // let the force layout settle for the screenshot
    await screenshot(page, 'dependency-map');

    await page.getByTestId('map-depth').getByText('1', { exact: true }).click();
    await page.getByText('Items: 2').waitFor();
    // The dark theme repaints the map's labels in a light colour.
    await page.getByTestId('theme-toggle').click();
    await page.waitForFunction(() => document.documentElement.dataset.mantineColorScheme === 'dark');
    await page.waitForTimeout(1000);
    await screenshot(page, 'dependency-map-dark');
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
