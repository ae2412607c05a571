import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../src/shared/contracts/auth';
import type { WorkItemDetail } from '../../src/shared/contracts/work-items';
import type { Workflow } from '../../src/shared/contracts/workflows';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

/** The state names as the editor lists them, top to bottom. */
function shownOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('workflow-states')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-testid')?.replace(/^workflow-state-/, '') ?? ''),
    );
}

/** Waits for the editor to save a new order through the workflow API. */
function orderSaved(page: Page) {
  return page.waitForResponse(
    (response) =>
      response.url().endsWith('/workflow/order') && response.request().method() === 'PUT' && response.ok(),
    { timeout: 10_000 },
  );
}

async function storedOrder(page: Page, teamId: number): Promise<string[]> {
  const workflow = await callApi<Workflow>(page, 'GET', `/teams/${teamId}/workflow`);
  return workflow.states.map((state) => state.name);
}

describe.skipIf(!isAvailable)('the workflow editor in the browser', () => {
  const suite = useBrowserSuite();

  it('reorders states by dragging them with the mouse or the keyboard, and keeps the order', {
    timeout: 90_000,
  }, async () => {
    const { page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });

    await page.goto(`${suite.server.baseUrl}/work/workflow?teamId=${team.id}`);
    await page.getByTestId('workflow-state-Done').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await shownOrder(page)).toEqual(['To do', 'In progress', 'In review', 'Done']);

    // A real pointer drag: press on the handle of "Done", move past the activation distance in
    // steps, then onto the row of "In progress" and drop it there.
    const handle = await page.getByTestId('workflow-drag-Done').boundingBox();
    const target = await page.getByTestId('workflow-state-In progress').boundingBox();
    if (!handle || !target) throw new Error('editor not laid out');
    const saved = orderSaved(page);
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y - 10, { steps: 5 });
    await page.mouse.move(handle.x + handle.width / 2, target.y + target.height / 2, { steps: 20 });
    await page.mouse.up();
    await saved;
    await expect.poll(() => shownOrder(page)).toEqual(['To do', 'Done', 'In progress', 'In review']);
    expect(await storedOrder(page, team.id)).toEqual(['To do', 'Done', 'In progress', 'In review']);

    await page.reload();
    await page.getByTestId('workflow-state-Done').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await shownOrder(page)).toEqual(['To do', 'Done', 'In progress', 'In review']);
    await screenshot(page, 'workflow-editor-after-drag');

    // The keyboard: Space picks "To do" up, the down arrow moves it one place, Space drops it.
    const keyboardSaved = orderSaved(page);
    // Each step waits for what a screen reader would hear, as a person waits to see the row move.
    const announced = page.locator('[id^="DndLiveRegion"]');
    await page.getByTestId('workflow-drag-To do').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => announced.textContent()).toBe('Picked up "To do", position 1 of 4.');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => announced.textContent()).toBe('"To do" would move to position 2 of 4.');
    await page.keyboard.press('Space');
    await keyboardSaved;
    await expect.poll(() => shownOrder(page)).toEqual(['Done', 'To do', 'In progress', 'In review']);
    expect(await storedOrder(page, team.id)).toEqual(['Done', 'To do', 'In progress', 'In review']);

    // The arrow buttons stay as a second way to move a state.
    const buttonSaved = orderSaved(page);
    await page.getByRole('button', { name: 'Move "Done" down' }).click();
    await buttonSaved;
    await expect.poll(() => shownOrder(page)).toEqual(['To do', 'Done', 'In progress', 'In review']);
    expect(pageProblems(page)).toEqual([]);
  });

  it('renames a state, then removes it moving its items to the state chosen, as the board shows', {
    timeout: 90_000,
  }, async () => {
    const { page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });
    const workflow = await callApi<Workflow>(page, 'GET', `/teams/${team.id}/workflow`);
    const inReview = workflow.states.find((state) => state.name === 'In review');
    if (!inReview) throw new Error('no "In review" state');
    const items: WorkItemDetail[] = [];
    for (const title of ['Review the firewall rules', 'Review the backup policy']) {
      items.push(
        await callApi<WorkItemDetail>(page, 'POST', '/work-items', {
          teamId: team.id,
          title,
          stateId: inReview.id,
        }),
      );
    }

    await page.goto(`${suite.server.baseUrl}/work/workflow?teamId=${team.id}`);
    const row = page.getByTestId('workflow-state-In review');
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('2');

    // Renaming saves on Enter.
    const name = page.getByLabel('Name of "In review"', { exact: true });
    await name.fill('Peer review');
    await name.press('Enter');
    const renamed = page.getByTestId('workflow-state-Peer review');
    await renamed.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await storedOrder(page, team.id)).toEqual(['To do', 'In progress', 'Peer review', 'Done']);

    // Removing asks where the items go; "In progress" is chosen.
    const remove = page.getByRole('button', { name: 'Remove "Peer review"' });
    expect(await remove.isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: 'Move the items of "Peer review" to' }).click();
    await page.getByRole('option', { name: 'In progress', exact: true }).click();
    await remove.click();
    await renamed.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await shownOrder(page)).toEqual(['To do', 'In progress', 'Done']);
    await expect
      .poll(() => page.getByTestId('workflow-state-In progress').locator('td').nth(4).textContent())
      .toBe('2');
    await screenshot(page, 'workflow-editor-after-remove');

    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}`);
    const inProgress = page.getByTestId('board-column-In progress');
    for (const item of items) {
      await inProgress.getByTestId(`card-${item.id}`).waitFor({ state: 'visible', timeout: 15_000 });
    }
    expect(await page.getByTestId('board-column-Peer review').count()).toBe(0);
    for (const item of items) {
      const stored = await callApi<WorkItemDetail>(page, 'GET', `/work-items/${item.id}`);
      expect(stored.stateName).toBe('In progress');
    }

    // The editor in Italian, the account's language.
    await callApi<Me>(page, 'PATCH', '/auth/me', { locale: 'it' });
    await page.goto(`${suite.server.baseUrl}/work/workflow?teamId=${team.id}`);
    await page
      .getByRole('button', { name: 'Trascina "Done" in una nuova posizione' })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'workflow-editor-italian');
    expect(pageProblems(page)).toEqual([]);
  });
});
