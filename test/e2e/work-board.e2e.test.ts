import { describe, expect, it } from 'vitest';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('the work board in the browser', () => {
  const suite = useBrowserSuite();

  it('drags a card from one state to another and keeps it there after a reload', {
    timeout: 90_000,
  }, async () => {
    const { page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });
    const item = await callApi<{ id: number }>(page, 'POST', '/work-items', {
      teamId: team.id,
      title: 'Patch the mail servers',
      dueDate: '2026-12-10',
    });

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}`);
    const card = page.getByTestId(`card-${item.id}`);
    const todo = page.getByTestId('board-column-To do');
    const inProgress = page.getByTestId('board-column-In progress');
    await todo.getByTestId(`card-${item.id}`).waitFor({ state: 'visible', timeout: 15_000 });

    // A real pointer drag: press on the card, move in steps past the activation distance, drop.
    const from = await card.boundingBox();
    const to = await inProgress.boundingBox();
    if (!from || !to) throw new Error('board not laid out');
    await page.mouse.move(from.x + 20, from.y + from.height - 8);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + from.height, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 20 });
    await page.mouse.up();
    await inProgress.getByTestId(`card-${item.id}`).waitFor({ state: 'visible', timeout: 10_000 });

    await page.reload();
    await inProgress.getByTestId(`card-${item.id}`).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await todo.getByTestId(`card-${item.id}`).count()).toBe(0);
    const stored = await callApi<{ stateName: string; startedAt: number | null }>(
      page,
      'GET',
      `/work-items/${item.id}`,
    );
    expect(stored.stateName).toBe('In progress');
    expect(stored.startedAt).not.toBeNull();
    await screenshot(page, 'work-board-after-drag');
    expect(pageProblems(page)).toEqual([]);
  });
});
