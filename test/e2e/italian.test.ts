import { describe, expect, it } from 'vitest';
import type { Me } from '../../src/shared/contracts/auth';
import type { Item } from '../../src/shared/contracts/inventory';
import {
  browserAvailability,
  callApi,
  openPage,
  screenshot,
  signIn,
  signInAs,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('switching to Italian in the browser', () => {
  const suite = useBrowserSuite();

  it('translates the UI, formats money and dates the Italian way, and keeps the choice', {
    timeout: 60_000,
  }, async () => {
    const { user: admin, context, page } = await signInAs(suite, 'admin');
    await expect(page.getByTestId('nav-inventory').textContent()).resolves.toBe('Inventory');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('language-it').click();
    await expect.poll(() => page.getByTestId('nav-inventory').textContent()).toBe('Inventario');
    await page.getByRole('heading', { name: 'Cabina di regia' }).waitFor();
    await expect.poll(async () => (await callApi<Me>(page, 'GET', '/auth/me')).locale).toBe('it');
    await screenshot(page, 'italian-control-room');

    const item = await callApi<Item>(page, 'POST', '/items', {
      name: 'Server di posta',
      kind: 'server',
      criticality: 2,
      purchaseCostCents: 123_456,
      endOfSupport: '2026-11-25',
    });
    await page.goto(`${suite.server.baseUrl}/inventory/${item.id}`);
    await page.getByText('Fine supporto').waitFor();
    // Intl puts a no-break space before the euro sign.
    const cost = await page.getByTestId('item-purchase-cost').textContent();
    expect(cost?.replace(/\s/g, ' ')).toBe('1.234,56 €');
    await expect(page.getByTestId('item-end-of-support').textContent()).resolves.toBe('25/11/2026');
    await screenshot(page, 'italian-item-detail');
    await context.close();

    // A new browser (English, nothing remembered) follows the account's language after sign-in.
    const fresh = await openPage(suite.browser, { locale: 'en-GB' });
    await signIn(fresh.page, suite.server.baseUrl, admin.email);
    await expect.poll(() => fresh.page.getByTestId('nav-inventory').textContent()).toBe('Inventario');
    await fresh.context.close();
  });
});
