import { describe, expect, it } from 'vitest';
import type { RecurrencePage } from '../../src/shared/contracts/work-items';
import {
  browserAvailability,
  callApi,
  createAccount,
  openPage,
  pageProblems,
  screenshot,
  signIn,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('recurring work in the browser', () => {
  const suite = useBrowserSuite();

  it('creates a recurrence from the work page, previewing its deadlines, and lists its next due date', {
    timeout: 90_000,
  }, async () => {
    const admin = await createAccount(suite.server, 'admin');
    const { page } = await openPage(suite.browser);
    await signIn(page, suite.server.baseUrl, admin.email);
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}`);
    await page.getByTestId('work-recurrences-link').click();
    await page.waitForURL(`**/work/recurrences?teamId=${team.id}`);
    await page.getByTestId('new-recurrence').click();
    await page.getByTestId('recurrence-name').fill('Monthly backup restore test');
    await page.getByTestId('recurrence-schedule').fill('0 9 1 * *');
    await page.getByTestId('recurrence-title').fill('Restore last night’s backup');
    await page.getByTestId('recurrence-lead-days').fill('3');
    // The browser computes the next five deadlines as the schedule is typed.
    const preview = page.getByTestId('recurrence-preview').locator('li');
    await expect.poll(() => preview.count(), { timeout: 10_000 }).toBe(5);
    const firstPreviewed = await preview.first().textContent();
    await page.getByTestId('save-recurrence').click();

    const table = page.getByTestId('recurrences-table');
    await table.getByText('Monthly backup restore test').waitFor({ state: 'visible', timeout: 10_000 });
    const stored = await callApi<RecurrencePage>(page, 'GET', `/work-recurrences?teamId=${team.id}`);
    expect(stored.rows).toHaveLength(1);
    const recurrence = stored.rows[0];
    expect(recurrence).toMatchObject({ schedule: '0 9 1 * *', leadDays: 3, isEnabled: true });
    // The first of a month, after today.
    expect(recurrence?.nextDueDate).toMatch(/^\d{4}-\d{2}-01$/);
    const shown = page.getByTestId(`recurrence-${recurrence?.id}`).getByTestId('recurrence-next-due');
    // As the English client shows a calendar day ("1 Jan 2027").
    const nextDue = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.parse(`${recurrence?.nextDueDate}T00:00:00Z`));
    expect(await shown.textContent()).toBe(nextDue);
    // The browser's first previewed deadline is the server's next one.
    expect(firstPreviewed).toContain(nextDue);
    await page.getByTestId('recurrence-name').waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'work-recurrences-list');
    expect(pageProblems(page)).toEqual([]);
  });
});
