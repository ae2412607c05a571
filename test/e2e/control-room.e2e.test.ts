import { describe, expect, it } from 'vitest';
import {
  browserAvailability,
  callApi,
  pageProblems,
  romeDay,
  screenshot,
  signInAs,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('the control room in the browser', () => {
  const suite = useBrowserSuite();

  it('puts late work, work due soon and requests waiting for triage first', { timeout: 90_000 }, async () => {
    const { page } = await signInAs(suite, 'admin');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });
    const post = (title: string, dueDate: string | null) =>
      callApi(page, 'POST', '/work-items', { teamId: team.id, title, dueDate });
    await post('Renew the VPN certificate', romeDay(-2));
    await post('Patch the hypervisors', romeDay(1));
    await post('Plan next year', romeDay(60));
    await callApi(page, 'POST', '/requests', { title: 'A second monitor', teamId: team.id });

    await page.goto(`${suite.server.baseUrl}/`);
    const overdue = page.getByTestId('needs-you-overdue');
    await overdue.getByText('Renew the VPN certificate').waitFor();
    expect(await overdue.getByText('Patch the hypervisors').count()).toBe(0);
    await page.getByTestId('needs-you-due-soon').getByText('Patch the hypervisors').waitFor();
    expect(await page.getByTestId('needs-you').getByText('Plan next year').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('needs-you-triage').textContent())
      .toBe('1 request waiting for a decision');
    await page.getByTestId('needs-you-triage').click();
    await page.waitForURL('**/requests/triage');
    await page.getByTestId('triage-queue').getByText('A second monitor').waitFor();
    await page.goto(`${suite.server.baseUrl}/`);
    await page.getByTestId('needs-you-overdue').getByText('Renew the VPN certificate').waitFor();
    await screenshot(page, 'control-room');
    expect(pageProblems(page)).toEqual([]);
  });
});
