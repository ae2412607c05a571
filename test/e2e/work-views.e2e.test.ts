import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { upsertMember } from '../../src/server/features/teams/teams.repository';
import { createTeam } from '../../src/server/features/teams/teams.service';
import { listStateRows } from '../../src/server/features/workflows/workflows.repository';
import type { Workflow } from '../../src/shared/contracts/workflows';
import {
  browserAvailability,
  callApi,
  createAccount,
  openPage,
  pageProblems,
  romeDay,
  screenshot,
  signIn,
  type TestServer,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

/** The 15th of the month after the one `day` falls in. */
function midNextMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return `${next.year}-${String(next.month).padStart(2, '0')}-15`;
}

/** A team with two members; the first one signs in to make the team's work. */
async function teamOfTwo(server: TestServer) {
  const team = await createTeam(
    server.ctx,
    { userId: null, label: 'e2e' },
    { name: 'Operations', description: '' },
  );
  const first = await createAccount(server, 'member');
  const second = await createAccount(server, 'member');
  await upsertMember(server.ctx.db, team.id, first.id, false);
  await upsertMember(server.ctx.db, team.id, second.id, false);
  return { team, first, second };
}

/** The titles the list shows, top to bottom (across its groups). */
async function listedTitles(page: Page): Promise<string[]> {
  const links = await page.getByTestId('work-list').locator('tbody tr td:first-child a').allTextContents();
  return links.map((text) => text.replace(/^#\d+ /, ''));
}

/** Picks an option of a Mantine select found by its visible label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!isAvailable)('the work views in the browser', () => {
  const suite = useBrowserSuite();

  it('saves a personal and a shared list view, reapplies them, shares only the shared one, deletes one', {
    timeout: 120_000,
  }, async () => {
    const { team, first, second } = await teamOfTwo(suite.server);
    const { page } = await openPage(suite.browser);
    await signIn(page, suite.server.baseUrl, first.email);
    const items: [string, number, string | null][] = [
      ['Audit firewall rules', 1, romeDay(40)],
      ['Renew TLS certificates', 1, romeDay(-3)],
      ['Patch the mail servers', 1, romeDay(20)],
      ['Replace UPS batteries', 3, romeDay(5)],
      ['Tidy the wiki', 4, null],
    ];
    for (const [title, priority, dueDate] of items) {
      await callApi(page, 'POST', '/work-items', { teamId: team.id, title, priority, dueDate });
    }

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=list`);
    await expect.poll(() => listedTitles(page)).toHaveLength(5);
    // The default order is by due date, the items without one last.
    expect(await listedTitles(page)).toEqual([
      'Renew TLS certificates',
      'Replace UPS batteries',
      'Patch the mail servers',
      'Audit firewall rules',
      'Tidy the wiki',
    ]);

    // Urgent work, by title from Z to A, grouped by state: saved as a personal view.
    await choose(page, 'Priority', 'Urgent');
    await choose(page, 'Sort by', 'Title');
    await choose(page, 'Order', 'Descending');
    await choose(page, 'Group by', 'State');
    const urgentByTitle = ['Renew TLS certificates', 'Patch the mail servers', 'Audit firewall rules'];
    await expect.poll(() => listedTitles(page)).toEqual(urgentByTitle);
    await page.getByRole('heading', { name: 'To do (3)' }).waitFor();
    await page.getByTestId('save-view').click();
    await page.getByTestId('save-view-name').fill('Urgent by title');
    await page.getByTestId('save-view-submit').click();
    await page.getByTestId('save-view-name').waitFor({ state: 'hidden' });

    // The late ones among them: saved shared with the team.
    await choose(page, 'Deadline', 'Overdue');
    await expect.poll(() => listedTitles(page)).toEqual(['Renew TLS certificates']);
    await page.getByTestId('save-view').click();
    await page.getByTestId('save-view-name').fill('Late urgent work');
    await page.getByTestId('save-view-shared').check();
    await page.getByTestId('save-view-submit').click();
    await page.getByTestId('save-view-name').waitFor({ state: 'hidden' });

    // After a reload the list is back to its defaults; the menu brings the personal view back.
    await page.reload();
    await expect.poll(() => listedTitles(page)).toHaveLength(5);
    await page.getByTestId('saved-views-menu').click();
    await page.getByTestId('saved-view-Late urgent work').waitFor();
    await page.getByTestId('saved-view-Urgent by title').click();
    await expect.poll(() => listedTitles(page)).toEqual(urgentByTitle);
    await expect(page.getByTestId('filter-priority').inputValue()).resolves.toBe('Urgent');
    await expect(page.getByTestId('filter-deadline').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('sort-field').inputValue()).resolves.toBe('Title');
    await expect(page.getByTestId('sort-direction').inputValue()).resolves.toBe('Descending');
    await expect(page.getByTestId('group-by').inputValue()).resolves.toBe('State');
    await expect(page.getByTestId('saved-views-menu').textContent()).resolves.toBe('View: Urgent by title');
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await screenshot(page, 'work-views-list-saved-view');

    // Changing a filter leaves the view: the menu button no longer names it.
    await choose(page, 'Priority', 'Medium');
    await expect.poll(() => listedTitles(page)).toEqual(['Replace UPS batteries']);
    await expect(page.getByTestId('saved-views-menu').textContent()).resolves.toBe('Views');

    // Another member of the team, in Italian, sees the shared view but not the personal one.
    const other = await openPage(suite.browser, { locale: 'it-IT' });
    await signIn(other.page, suite.server.baseUrl, second.email);
    await other.page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=list`);
    await expect.poll(() => listedTitles(other.page)).toHaveLength(5);
    await other.page.getByTestId('saved-views-menu').click();
    const shared = other.page.getByTestId('saved-view-Late urgent work');
    await shared.waitFor();
    await expect(shared.textContent()).resolves.toContain(`di ${first.name}`);
    await expect(other.page.getByTestId('saved-view-Urgent by title').count()).resolves.toBe(0);
    // Only its owner changes or deletes it.
    await expect(other.page.getByTestId('delete-view-Late urgent work').count()).resolves.toBe(0);
    await shared.click();
    await expect.poll(() => listedTitles(other.page)).toEqual(['Renew TLS certificates']);
    await expect(other.page.getByTestId('filter-deadline').inputValue()).resolves.toBe('In ritardo');
    await expect(other.page.getByTestId('sort-field').inputValue()).resolves.toBe('Titolo');
    await expect(other.page.getByRole('combobox', { name: 'Ordina per', exact: true }).count()).resolves.toBe(
      1,
    );
    await other.page.getByRole('menu').waitFor({ state: 'hidden' });
    await screenshot(other.page, 'work-views-list-saved-view-it');

    // The owner deletes the personal view, after confirming; the shared one stays.
    await page.getByTestId('saved-views-menu').click();
    await page.getByTestId('delete-view-Urgent by title').click();
    await page.getByTestId('delete-view-confirm').click();
    await page.getByTestId('delete-view-confirm').waitFor({ state: 'hidden' });
    await page.getByTestId('saved-views-menu').click();
    await page.getByTestId('saved-view-Late urgent work').waitFor();
    await expect(page.getByTestId('saved-view-Urgent by title').count()).resolves.toBe(0);
    expect(pageProblems(page)).toEqual([]);
    expect(pageProblems(other.page)).toEqual([]);
  });

  it('shows deadlines on their day, marks the overdue ones, pages by month and opens an item; "My work" lists mine', {
    timeout: 120_000,
  }, async () => {
    const { team, first, second } = await teamOfTwo(suite.server);
    const { page } = await openPage(suite.browser);
    await signIn(page, suite.server.baseUrl, first.email);
    const late = romeDay(-3);
    const later = midNextMonth(late);
    const create = (title: string, dueDate: string, assigneeId: number | null) =>
      callApi<{ id: number }>(page, 'POST', '/work-items', { teamId: team.id, title, dueDate, assigneeId });
    const overdue = await create('Renew TLS certificates', late, first.id);
    const finished = await create('Rotate backup tapes', late, first.id);
    const nextMonth = await create('Review firewall rules', later, first.id);
    const othersItem = await create('Order toner', later, second.id);
    const workflow = await callApi<Workflow>(page, 'GET', `/teams/${team.id}/workflow`);
    const done = workflow.states.find((state) => state.category === 'done');
    if (!done) throw new Error('the default workflow has no done state');
    await callApi(page, 'POST', `/work-items/${finished.id}/move`, { stateId: done.id });

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=calendar`);
    const calendar = page.getByTestId('work-calendar');
    await calendar.waitFor();
    // The calendar opens on this month; three days ago may be in the previous one.
    if (late.slice(0, 7) !== romeDay(0).slice(0, 7)) await page.getByLabel('Previous month').click();
    const lateDay = page.getByTestId(`calendar-day-${late}`);
    const overdueChip = lateDay.getByTestId(`calendar-item-${overdue.id}`);
    await overdueChip.waitFor();
    await expect(overdueChip.getAttribute('data-deadline')).resolves.toBe('overdue');
    await expect(overdueChip.getAttribute('aria-label')).resolves.toBe(
      `#${overdue.id} Renew TLS certificates (overdue)`,
    );
    // A done item due on the same day is not late.
    const finishedChip = lateDay.getByTestId(`calendar-item-${finished.id}`);
    await expect(finishedChip.getAttribute('data-deadline')).resolves.toBe('none');
    await expect(page.getByTestId(`calendar-item-${nextMonth.id}`).count()).resolves.toBe(0);
    await screenshot(page, 'work-views-calendar');

    const shownMonth = await page.getByTestId('calendar-month').textContent();
    await page.getByLabel('Next month').click();
    await expect.poll(() => page.getByTestId('calendar-month').textContent()).not.toBe(shownMonth);
    const laterDay = page.getByTestId(`calendar-day-${later}`);
    await laterDay.getByTestId(`calendar-item-${nextMonth.id}`).waitFor();
    await laterDay.getByTestId(`calendar-item-${othersItem.id}`).waitFor();
    await expect(
      laterDay.getByTestId(`calendar-item-${nextMonth.id}`).getAttribute('data-deadline'),
    ).resolves.not.toBe('overdue');
    await laterDay.getByTestId(`calendar-item-${nextMonth.id}`).click();
    await page.waitForURL(`**/work-items/${nextMonth.id}`);
    await page.getByRole('heading', { name: 'Review firewall rules' }).waitFor();

    // "My work": the open items assigned to me, the late one first; not the done one, not another's.
    await page.goto(`${suite.server.baseUrl}/my-work`);
    await expect.poll(() => listedTitles(page)).toEqual(['Renew TLS certificates', 'Review firewall rules']);
    await page.getByRole('combobox', { name: 'Sort by', exact: true }).waitFor();
    await choose(page, 'Order', 'Descending');
    await expect.poll(() => listedTitles(page)).toEqual(['Review firewall rules', 'Renew TLS certificates']);

    // The same month in Italian.
    const italian = await openPage(suite.browser, { locale: 'it-IT' });
    await signIn(italian.page, suite.server.baseUrl, first.email);
    await italian.page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=calendar`);
    await italian.page.getByTestId('work-calendar').waitFor();
    if (late.slice(0, 7) !== romeDay(0).slice(0, 7)) {
      await italian.page.getByLabel('Mese precedente').click();
    }
    const italianChip = italian.page.getByTestId(`calendar-item-${overdue.id}`);
    await expect(italianChip.getAttribute('aria-label')).resolves.toBe(
      `#${overdue.id} Renew TLS certificates (in ritardo)`,
    );
    await italian.page.getByText('In ritardo', { exact: true }).waitFor();
    await screenshot(italian.page, 'work-views-calendar-it');
    expect(pageProblems(page)).toEqual([]);
    expect(pageProblems(italian.page)).toEqual([]);
  });

  it('pages the list and bounds the board with 10,000 items in a team', { timeout: 120_000 }, async () => {
    const { team, first } = await teamOfTwo(suite.server);
    const states = await listStateRows(suite.server.ctx.db, team.id);
    const now = Date.now();
    const rows = Array.from({ length: 10_000 }, (_, index) => {
      const state = states[index % states.length] as (typeof states)[number];
      return {
        teamId: team.id,
        stateId: state.id,
        category: state.category,
        type: 'task',
        title: `Item ${String(index).padStart(5, '0')}`,
        description: '',
        priority: (index % 4) + 1,
        assigneeId: null,
        reporterId: null,
        parentId: null,
        startDate: null,
        dueDate: null,
        estimateMinutes: null,
        spentMinutes: 0,
        startedAt: null,
        completedAt: state.category === 'done' ? now : null,
        stateChangedAt: now,
        overdueNoticeFor: null,
        dueSoonNoticeFor: null,
        recurrenceId: null,
        occurrenceAt: null,
        createdAt: now - index,
        updatedAt: now,
      };
    });
    for (let start = 0; start < rows.length; start += 500) {
      await suite.server.ctx.db
        .insertInto('workItems')
        .values(rows.slice(start, start + 500))
        .execute();
    }
    const { page } = await openPage(suite.browser);
    await signIn(page, suite.server.baseUrl, first.email);

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=list`);
    await expect.poll(() => page.getByTestId('total-count').textContent()).toContain('10,000');
    await expect.poll(() => listedTitles(page)).toHaveLength(50);
    await choose(page, 'Sort by', 'Title');
    await expect.poll(async () => (await listedTitles(page))[0]).toBe('Item 00000');
    await page.getByRole('button', { name: '200' }).click();
    await expect.poll(async () => (await listedTitles(page))[0]).toBe('Item 09950');
    expect(await listedTitles(page)).toHaveLength(50);

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=board`);
    const todo = page.getByTestId('board-column-To do');
    await expect
      .poll(() => todo.getByTestId('column-count').textContent())
      .toBe(String(10_000 / states.length));
    await expect(todo.locator('[data-testid^="card-"]').count()).resolves.toBe(25);
    await expect(page.locator('[data-testid^="card-"]').count()).resolves.toBe(25 * states.length);
    await screenshot(page, 'work-views-board-10000');
    // "Show more" doubles every column up to the server's cap of 200 cards, then points to the list.
    for (const shown of [50, 100, 200]) {
      await todo.getByTestId('board-show-more').click();
      await expect.poll(() => todo.locator('[data-testid^="card-"]').count()).toBe(shown);
    }
    await todo.getByText(`${10_000 / states.length - 200} more: use the list to see them`).waitFor();
    await expect(page.locator('[data-testid^="card-"]').count()).resolves.toBe(200 * states.length);
    expect(pageProblems(page)).toEqual([]);
  });
});
