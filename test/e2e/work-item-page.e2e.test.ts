import { describe, expect, it } from 'vitest';
import type { WorkItemDetail } from '../../src/shared/contracts/work-items';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('a work item page in the browser', () => {
  const suite = useBrowserSuite();

  it('finds a blocking item and an incident by title or number, and tells its activity in words', {
    timeout: 90_000,
  }, async () => {
    const { user: admin, page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });
    const post = (title: string) =>
      callApi<WorkItemDetail>(page, 'POST', '/work-items', { teamId: team.id, title });
    const upgrade = await post('Upgrade the database cluster');
    const backup = await post('Verify the backup before the upgrade');
    await post('Tidy the wiki');
    const incident = await callApi<{ id: number }>(page, 'POST', '/incidents', {
      title: 'Replication lag on the cluster',
      itemId: null,
      severity: 2,
    });

    await page.goto(`${suite.server.baseUrl}/work-items/${upgrade.id}`);
    // Searching by words finds the blocker among the team's items.
    const blocker = page.getByTestId('blocker-id');
    await blocker.click();
    await blocker.fill('backup');
    await page.getByRole('option', { name: `#${backup.id} Verify the backup before the upgrade` }).click();
    await page.getByTestId('add-blocker').click();
    await expect
      .poll(async () => (await callApi<WorkItemDetail>(page, 'GET', `/work-items/${upgrade.id}`)).blockedBy)
      .toEqual([expect.objectContaining({ id: backup.id })]);

    // An incident is found by its number.
    await page.getByRole('combobox', { name: 'Link to' }).click();
    await page.getByRole('option', { name: 'Incident' }).click();
    const picker = page.getByRole('combobox', { name: 'Incident', exact: true });
    await picker.click();
    await picker.fill(`#${incident.id}`);
    await page.getByRole('option', { name: `#${incident.id} Replication lag on the cluster` }).click();
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByTestId('work-links').getByText('Replication lag on the cluster').waitFor();

    // The activity names the assignee rather than their id, and lists only what changed.
    await callApi(page, 'PATCH', `/work-items/${upgrade.id}`, { assigneeId: admin.id });
    await page.reload();
    const feed = page.getByTestId('activity-feed');
    await feed.getByText(`Assignee: — → ${admin.name}`).waitFor();
    await feed.getByText('created the work item').waitFor();
    expect(await feed.getByText('Description:').count()).toBe(0);
    await screenshot(page, 'work-item-page');
    expect(pageProblems(page)).toEqual([]);
  });
});
