import { describe, expect, it } from 'vitest';
import { createDueRecurringItems } from '../../src/server/features/work-items/recurrences.service';
import type { Me } from '../../src/shared/contracts/auth';
import type { Recurrence, RecurrencePage, WorkItemDetail } from '../../src/shared/contracts/work-items';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

/** A calendar day as the English client shows it ("1 Jan 2027"). */
function englishDay(day: string | null | undefined): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.parse(`${day}T00:00:00Z`));
}

describe.skipIf(!isAvailable)('recurring work in the browser', () => {
  const suite = useBrowserSuite();

  it('creates a recurrence from the work page, previewing its deadlines, and lists its next due date', {
    timeout: 90_000,
  }, async () => {
    const { page } = await signInAs(suite, 'admin');
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

  it("uses the organisation's timezone, changes a schedule and deletes a recurrence keeping its items", {
    timeout: 120_000,
  }, async () => {
    // Another zone than the default, so the browser can only have it from the server.
    suite.server.ctx.config.timezone = 'America/New_York';
    const { page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });
    const monthly = await callApi<Recurrence>(page, 'POST', '/work-recurrences', {
      teamId: team.id,
      name: 'Monthly patching',
      schedule: '0 9 1 * *',
      title: 'Patch the servers',
      leadDays: 3,
    });
    const daily = await callApi<Recurrence>(page, 'POST', '/work-recurrences', {
      teamId: team.id,
      name: 'Daily log review',
      schedule: '0 9 * * *',
      title: 'Review the logs',
      leadDays: 2,
    });
    expect(monthly.timezone).toBe('America/New_York');
    // The scheduler's own step: the daily recurrence's next deadlines are within its lead time.
    const created = await createDueRecurringItems(suite.server.ctx);
    expect(created.length).toBeGreaterThan(0);

    // A new recurrence starts in the organisation's timezone, and the preview says which.
    await page.goto(`${suite.server.baseUrl}/work/recurrences?teamId=${team.id}`);
    await page.getByTestId('new-recurrence').click();
    const zoneShown = page.getByTestId('recurrence-preview-timezone');
    await expect.poll(() => zoneShown.textContent(), { timeout: 10_000 }).toBe('times in America/New_York');
    expect(await page.getByTestId('recurrence-timezone').inputValue()).toBe('America/New_York');
    await page.waitForFunction(() => document.getAnimations().every((one) => one.playState !== 'running'));
    await screenshot(page, 'work-recurrences-new-form');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('recurrence-name').waitFor({ state: 'detached', timeout: 10_000 });

    // Changing the schedule from the 1st to the 15th of each month.
    const row = page.getByTestId(`recurrence-${monthly.id}`);
    const nextDue = row.getByTestId('recurrence-next-due');
    expect(await nextDue.textContent()).toBe(englishDay(monthly.nextDueDate));
    await row.getByTestId('recurrence-edit').click();
    const preview = page.getByTestId('recurrence-preview').locator('li');
    await expect
      .poll(() => preview.first().textContent(), { timeout: 10_000 })
      .toContain(englishDay(monthly.nextDueDate));
    await page.getByTestId('recurrence-schedule').fill('0 9 15 * *');
    await expect.poll(() => preview.first().textContent()).toMatch(/^due 15 /);
    const firstPreviewed = await preview.first().textContent();
    await page.getByTestId('save-recurrence').click();
    await page.getByTestId('recurrence-name').waitFor({ state: 'detached', timeout: 10_000 });
    const listed = await callApi<RecurrencePage>(page, 'GET', `/work-recurrences?teamId=${team.id}`);
    const changed = listed.rows.find((one) => one.id === monthly.id);
    expect(changed).toMatchObject({ schedule: '0 9 15 * *', timezone: 'America/New_York' });
    expect(changed?.nextDueDate).toMatch(/^\d{4}-\d{2}-15$/);
    await expect.poll(() => nextDue.textContent()).toBe(englishDay(changed?.nextDueDate));
    expect(await nextDue.textContent()).not.toBe(englishDay(monthly.nextDueDate));
    expect(firstPreviewed).toContain(englishDay(changed?.nextDueDate));

    // Deleting asks first; the items the recurrence already created stay.
    await page.getByTestId(`recurrence-${daily.id}`).getByTestId('recurrence-delete').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Delete the recurring work "Daily log review"?', { exact: false }).waitFor();
    await dialog.getByTestId('confirm-action').click();
    await page.getByTestId(`recurrence-${daily.id}`).waitFor({ state: 'detached', timeout: 10_000 });
    await expect(page.getByTestId(`recurrence-${monthly.id}`).isVisible()).resolves.toBe(true);
    const remaining = await callApi<RecurrencePage>(page, 'GET', `/work-recurrences?teamId=${team.id}`);
    expect(remaining.rows.map((one) => one.id)).toEqual([monthly.id]);
    for (const id of created) {
      const item = await callApi<WorkItemDetail>(page, 'GET', `/work-items/${id}`);
      expect(item).toMatchObject({ title: 'Review the logs', teamId: team.id });
    }
    await screenshot(page, 'work-recurrences-after-delete');

    // The form in Italian.
    await callApi<Me>(page, 'PATCH', '/auth/me', { locale: 'it' });
    await page.reload();
    await page.getByTestId(`recurrence-${monthly.id}`).getByTestId('recurrence-edit').click();
    await expect
      .poll(() => zoneShown.textContent(), { timeout: 10_000 })
      .toBe('orari nel fuso orario America/New_York');
    await page.waitForFunction(() => document.getAnimations().every((one) => one.playState !== 'running'));
    await screenshot(page, 'work-recurrences-edit-form-italian');
    expect(pageProblems(page)).toEqual([]);
  });
});
