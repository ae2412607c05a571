import { describe, expect, it } from 'vitest';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

// As Italian Excel saves it: BOM, semicolons, day-first dates.
const validCsv =
  '\uFEFFteam;title;state;dueDate;labels\r\nRete;Aggiornamento firmware switch;In progress;15/01/2031;firmware\r\nRete;Rinnovo certificati;;31/01/2031;\r\n';
const invalidCsv = `${validCsv}Rete;Test di ripristino;Parked;31/02/2031;\r\n`;

function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

describe.skipIf(!isAvailable)('work-item CSV import in the browser', () => {
  const suite = useBrowserSuite();

  it('opens from the work page, shows errors per cell, then imports a valid file', {
    timeout: 90_000,
  }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', { name: 'Rete', description: '' });
    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}`);
    await page.getByTestId('work-import-link').click();
    await page.waitForURL('**/work/import');

    await page.getByTestId('import-file').setInputFiles(csvFile('broken.csv', invalidCsv));
    await page.getByTestId('import-preview').waitFor();
    const errorRow = page.locator('[data-testid=import-row][data-action=error]');
    await errorRow.waitFor();
    expect(await errorRow.textContent()).toContain('state:');
    expect(await errorRow.textContent()).toContain('dueDate:');
    expect(await page.getByTestId('import-submit').isDisabled()).toBe(true);
    await screenshot(page, 'work-import-errors');

    await page.getByTestId('import-file').setInputFiles(csvFile('lavori.csv', validCsv));
    await expect.poll(async () => page.getByTestId('import-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('[data-testid=import-row][data-action=create]').count()).toBe(2);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-done').waitFor();

    const items = await callApi<{ rows: { title: string; stateName: string; dueDate: string }[] }>(
      page,
      'GET',
      `/work-items?teamId=${team.id}&sort=title`,
    );
    expect(items.rows.map((item) => [item.title, item.stateName, item.dueDate])).toEqual([
      ['Aggiornamento firmware switch', 'In progress', '2031-01-15'],
      ['Rinnovo certificati', 'To do', '2031-01-31'],
    ]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
