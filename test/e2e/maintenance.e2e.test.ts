import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/contracts/inventory';
import type { MaintenanceWindowPage } from '../../src/shared/contracts/maintenance';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('maintenance windows in the browser', () => {
  const suite = useBrowserSuite();

  it('plans a one-off window from a day of the calendar and shows it there', {
    timeout: 90_000,
  }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    await callApi<Item>(page, 'POST', '/items', {
      kind: 'server',
      name: 'Hypervisor esx-01',
      criticality: 2,
    });

    await page.getByTestId('nav-maintenance').click();
    await page.getByTestId('maintenance-calendar').waitFor();
    // The browser lives in Europe/Rome (the harness): tomorrow and 22:00 are Rome's.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(Date.now() + 86_400_000);
    const startsAt = new Cron('0 22 * * *', { timezone: 'Europe/Rome', paused: true })
      .nextRun(new Date(`${day}T00:00:00Z`))
      ?.getTime();
    await page.getByTestId(`calendar-add-${day}`).click();
    await page.getByTestId('maintenance-form').waitFor();
    await page.getByTestId('maintenance-title').fill('Firmware upgrade');
    await page.getByTestId('maintenance-duration').fill('90');
    await page.getByTestId('maintenance-items').click();
    await page.getByTestId('maintenance-items').fill('esx');
    await page.getByRole('option', { name: 'Hypervisor esx-01' }).click();
    // The preview lists the one occurrence, tomorrow at 22:00.
    await expect.poll(() => page.getByTestId('maintenance-preview').textContent()).toContain('22:00');
    await screenshot(page, 'maintenance-form');
    await page.getByTestId('maintenance-save').click();

    await page.getByTestId('maintenance-calendar').waitFor();
    const cell = page.getByTestId(`calendar-day-${day}`);
    await expect.poll(() => cell.getByTestId('calendar-occurrence').count()).toBe(1);
    await expect(cell.textContent()).resolves.toContain('22:00 Firmware upgrade');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'maintenance-calendar');

    const windows = await callApi<MaintenanceWindowPage>(page, 'GET', '/maintenance-windows');
    expect(windows.rows).toHaveLength(1);
    expect(windows.rows[0]).toMatchObject({
      title: 'Firmware upgrade',
      durationMinutes: 90,
      status: 'upcoming',
      items: [{ name: 'Hypervisor esx-01' }],
      startsAt,
    });

    await page.getByTestId('maintenance-list-tab').click();
    await page.getByTestId('maintenance-table').waitFor();
    await expect(page.getByTestId('maintenance-table').textContent()).resolves.toContain('Hypervisor esx-01');
    await screenshot(page, 'maintenance-list');
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
