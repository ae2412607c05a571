import { describe, expect, it } from 'vitest';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('incidents in the browser', () => {
  const suite = useBrowserSuite();

  it('opens an incident by hand, acknowledges it, comments, and shows each step on the timeline', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    const item = await callApi<{ id: number }>(page, 'POST', '/items', {
      kind: 'application',
      name: 'Payroll',
      criticality: 2,
    });
    const dependant = await callApi<{ id: number }>(page, 'POST', '/items', {
      kind: 'businessService',
      name: 'Monthly salaries',
      criticality: 1,
    });
    await callApi(page, 'POST', '/relations', {
      sourceItemId: dependant.id,
      targetItemId: item.id,
      kind: 'dependsOn',
    });

    await page.getByTestId('nav-incidents').click();
    await page.waitForURL('**/incidents');
    await page.getByTestId('new-incident').click();
    await page.waitForURL('**/incidents/new');

    // The shared NewIncident schema flags a missing title next to the field.
    await page.getByTestId('incident-submit').click();
    await page.getByText('Please fix the highlighted fields.').waitFor();

    await page.getByTestId('incident-title').fill('Payslips not generated');
    await page.getByTestId('incident-description').fill('The batch stopped at 02:00 <b>no HTML</b>');
    await page.getByTestId('incident-item').click();
    await page.getByTestId('incident-item').fill('Payr');
    await page.getByRole('option', { name: 'Payroll' }).click();
    await page.getByTestId('incident-submit').click();

    await page.waitForURL(/\/incidents\/\d+$/);
    await page.getByRole('heading', { name: /Payslips not generated/ }).waitFor();
    await expect(page.getByTestId('incident-state').first().getAttribute('data-state')).resolves.toBe('open');
    // severity from the item's criticality, impacted items from the inventory
    await expect(page.getByTestId('incident-severity').first().textContent()).resolves.toContain('Sev 2');
    await expect(page.getByTestId('incident-impacted').textContent()).resolves.toContain('Monthly salaries');
    await expect(page.getByTestId('moment-acknowledged').textContent()).resolves.toBe('—');

    await page.getByTestId('incident-acknowledge').click();
    await page.locator('[data-testid="incident-state"][data-state="acknowledged"]').first().waitFor();
    await expect(page.getByTestId('moment-acknowledged').textContent()).resolves.not.toBe('—');
    await expect(page.getByTestId('incident-acknowledge').count()).resolves.toBe(0);

    const comment = 'Restarted the batch <script>alert(1)</script>';
    await page.getByTestId('incident-comment').fill(comment);
    await page.getByTestId('incident-comment-send').click();
    await page.locator('[data-testid="timeline-event"][data-kind="comment"]').waitFor();
    const kinds = await page
      .getByTestId('timeline-event')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kind')));
    expect(kinds).toEqual(['created', 'acknowledged', 'comment']);
    // user text is shown as text, never run
    await expect(
      page.locator('[data-testid="timeline-event"][data-kind="comment"]').textContent(),
    ).resolves.toContain(comment);
    await screenshot(page, 'incident-detail');

    // the list shows it with its badges; the control room among the open incidents
    await page.getByTestId('nav-incidents').click();
    await page.getByTestId('incident-row').getByText('Payslips not generated').waitFor();
    await screenshot(page, 'incident-list');
    // the control room lists it among the open incidents
    await page.getByTestId('nav-control-room').click();
    await page.getByTestId('open-incidents').getByText('Payslips not generated').waitFor();

    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
