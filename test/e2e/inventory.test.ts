import { describe, expect, it } from 'vitest';
import { browserAvailability, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('inventory items in the browser', () => {
  const suite = useBrowserSuite();

  it('creates an item with field-level validation, tags, attributes and a cost', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('new-item').click();
    await page.waitForURL('**/inventory/new');

    // The shared NewItem schema flags the missing fields next to them.
    await page.getByTestId('item-submit').click();
    await page.getByText('Please fix the highlighted fields.').waitFor();
    expect(await page.getByText('Required').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'item-form-errors');

    await page.getByTestId('item-name').fill('Payroll database');
    await page.getByTestId('item-kind').click();
    await page.getByRole('option', { name: 'Database' }).click();
    await page.getByTestId('item-criticality').click();
    await page.getByRole('option', { name: '1 – Critical' }).click();
    await page.getByTestId('item-environment').click();
    await page.getByRole('option', { name: 'Production' }).click();
    await page.getByTestId('item-vendor').fill('PostgreSQL Global Development Group');
    await page.getByTestId('item-purchase-cost-input').fill('1234.56');
    await page.getByTestId('item-tags-input').fill('finance');
    await page.getByTestId('item-tags-input').press('Enter');
    await page.getByTestId('attribute-add').click();
    await page.getByTestId('attribute-key').fill('runbook');
    await page.getByTestId('attribute-value').fill('https://wiki.example.test/payroll');
    await page.getByTestId('item-submit').click();

    await page.waitForURL(/\/inventory\/\d+$/);
    await page.getByRole('heading', { name: 'Payroll database' }).waitFor();
    await expect(page.getByTestId('item-purchase-cost').textContent()).resolves.toBe('€1,234.56');
    await expect(page.getByTestId('item-tags').textContent()).resolves.toContain('finance');
    const runbook = page.getByTestId('item-attributes').getByRole('link');
    expect(await runbook.getAttribute('href')).toBe('https://wiki.example.test/payroll');
    await page.getByTestId('impact-panel').waitFor();
    await screenshot(page, 'item-detail');
    const itemUrl = page.url();

    // Edit: the form starts from the stored values; a change shows on the detail page.
    await page.getByTestId('edit-item').click();
    await page.waitForURL('**/edit');
    expect(await page.getByTestId('item-name').inputValue()).toBe('Payroll database');
    await page.getByTestId('item-location').fill('Milan DC, rack 12');
    await page.getByTestId('item-submit').click();
    await page.waitForURL(itemUrl);
    await page.getByText('Milan DC, rack 12').waitFor();

    // Relations: another item depends on this one, added from that item's page with the item picker.
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('new-item').click();
    await page.getByTestId('item-name').fill('Payroll application');
    await page.getByTestId('item-kind').click();
    await page.getByRole('option', { name: 'Application' }).click();
    await page.getByTestId('item-submit').click();
    await page.getByRole('heading', { name: 'Payroll application' }).waitFor();
    await page.getByTestId('relation-target').click();
    await page.getByTestId('relation-target').fill('database');
    await page.getByRole('option', { name: 'Payroll database' }).click();
    await page.getByTestId('relation-add').click();
    await page.getByTestId('relation-outgoing').waitFor();
    await expect(page.getByTestId('relation-outgoing').textContent()).resolves.toContain(
      'Depends onPayroll database',
    );
    await page.goto(itemUrl);
    await page.getByTestId('impact-row').waitFor();
    await expect(page.getByTestId('impact-row').textContent()).resolves.toContain('Payroll application');
    await screenshot(page, 'item-detail-with-impact');

    // The new item is in the list, found by the search box.
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('item-row').nth(1).waitFor();
    await page.getByTestId('inventory-search').fill('milan');
    await expect.poll(() => page.getByTestId('item-row').count()).toBe(1);
    await expect(page.getByTestId('item-row').textContent()).resolves.toContain('Payroll database');
    await screenshot(page, 'item-list');
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
