import { describe, expect, it } from 'vitest';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('deleting from a detail page in the browser', () => {
  const suite = useBrowserSuite();

  it('deletes an item and a check after asking, then says they are gone', { timeout: 90_000 }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    const item = await callApi<{ id: number }>(page, 'POST', '/items', {
      name: 'Old fax server',
      kind: 'server',
      criticality: 4,
    });
    const check = await callApi<{ id: number }>(page, 'POST', '/checks', {
      name: 'Fax line',
      intervalSeconds: 300,
      settings: { kind: 'heartbeat', graceSeconds: 60 },
    });

    await page.goto(`${suite.server.baseUrl}/inventory/${item.id}`);
    await page.getByTestId('delete-item').click();
    const question = page.getByRole('dialog');
    expect(await question.textContent()).toContain('Old fax server');
    // Cancel keeps the item.
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    await page.getByTestId('delete-item').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/inventory`);
    await page.getByText('Item deleted').waitFor();

    // The deleted item's address says so, and leads back to the list.
    await page.goto(`${suite.server.baseUrl}/inventory/${item.id}`);
    await page.getByText('This item does not exist or is not visible to you.').waitFor();
    await screenshot(page, 'item-not-found');
    await page.getByRole('link', { name: 'Back' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/inventory`);

    await page.goto(`${suite.server.baseUrl}/checks/${check.id}`);
    await page.getByTestId('delete-check').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/checks`);
    await page.getByText('Check deleted').waitFor();
    await page.goto(`${suite.server.baseUrl}/checks/${check.id}`);
    await page.getByText('This check does not exist or is not visible to you.').waitFor();

    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
