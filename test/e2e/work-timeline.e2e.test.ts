import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('the work timeline in the browser', () => {
  const suite = useBrowserSuite();

  it('creates a dependency between two bars, draws the arrow, refuses the loop back and shows it on the item page', {
    timeout: 90_000,
  }, async () => {
    const { page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });
    const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');
    const backup = await callApi<{ id: number }>(page, 'POST', '/work-items', {
      teamId: team.id,
      title: 'Set up the new backup server',
      startDate: day(1),
      dueDate: day(8),
    });
    const restore = await callApi<{ id: number }>(page, 'POST', '/work-items', {
      teamId: team.id,
      title: 'Test a full restore',
      startDate: day(10),
      dueDate: day(14),
    });
    await callApi(page, 'POST', '/work-items', {
      teamId: team.id,
      title: 'Backup go-live',
      type: 'milestone',
      dueDate: day(20),
    });

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=timeline`);
    const backupBar = page.getByTestId(`timeline-bar-${backup.id}`);
    const restoreBar = page.getByTestId(`timeline-bar-${restore.id}`);
    await backupBar.waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('timeline-today').waitFor({ state: 'attached' });

    // With the mouse: the first selected bar blocks the second.
    await backupBar.click();
    await restoreBar.click();
    await page.getByTestId('timeline-add-dependency').click();
    const arrow = page.getByTestId(`timeline-dependency-${backup.id}-${restore.id}`);
    await arrow.waitFor({ state: 'attached', timeout: 10_000 });
    await page.getByTestId('timeline-notice').waitFor({ state: 'visible' });

    // With the keyboard: the loop back is refused and the server's message names it.
    await restoreBar.focus();
    await page.keyboard.press('Space');
    await backupBar.focus();
    await page.keyboard.press('Space');
    await page.getByTestId('timeline-add-dependency').focus();
    await page.keyboard.press('Enter');
    const refusal = page.getByTestId('timeline-refusal');
    await refusal.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await refusal.textContent()).toMatch(
      new RegExp(`loop.*#${backup.id}.*#${restore.id}|loop.*#${restore.id}.*#${backup.id}`),
    );
    expect(await page.getByTestId(`timeline-dependency-${restore.id}-${backup.id}`).count()).toBe(0);
    await screenshot(page, 'work-timeline-dependency');

    await page.goto(`${suite.server.baseUrl}/work-items/${restore.id}`);
    await page.getByText('Blocked by').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page
      .getByRole('link', { name: /Set up the new backup server/ })
      .first()
      .waitFor({ state: 'visible' });
    const stored = await callApi<{ blockedBy: { id: number }[] }>(page, 'GET', `/work-items/${restore.id}`);
    expect(stored.blockedBy.map((item) => item.id)).toEqual([backup.id]);
    expect(pageProblems(page)).toEqual([]);
  });
});
