import { describe, expect, it } from 'vitest';
import { browserAvailability, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

const validCsv = [
  'name;kind;criticality;environment;purchaseCost;tags',
  'Web portal;application;2;production;1200,50;web|public',
  'Portal database;database;1;production;;db',
].join('\n');

const invalidCsv = `${validCsv}\nBroken row;spaceship;9;;;\n`;

function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

describe.skipIf(!isAvailable)('CSV import in the browser', () => {
  const suite = useBrowserSuite();

  it('previews row errors, then imports a valid file', { timeout: 60_000 }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    await page.getByTestId('nav-import').click();
    await page.waitForURL('**/import');

    await page.getByTestId('import-file').setInputFiles(csvFile('broken.csv', invalidCsv));
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-row').count()).toBe(3);
    await page.locator('[data-testid=import-row][data-action=error]').waitFor();
    await page.getByTestId('import-invalid').waitFor();
    expect(await page.getByTestId('import-submit').isDisabled()).toBe(true);
    await screenshot(page, 'import-preview-errors');

    await page.getByTestId('import-file').setInputFiles(csvFile('items.csv', validCsv));
    await expect.poll(async () => page.getByTestId('import-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('[data-testid=import-row][data-action=create]').count()).toBe(2);
    await screenshot(page, 'import-preview-valid');
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-done').waitFor();
    await screenshot(page, 'import-done');

    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('item-row').first().waitFor();
    expect(await page.getByTestId('item-row').count()).toBe(2);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
