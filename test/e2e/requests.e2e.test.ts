import { describe, expect, it } from 'vitest';
import { upsertMember } from '../../src/server/features/teams/teams.repository';
import { createTeam } from '../../src/server/features/teams/teams.service';
import {
  browserAvailability,
  createAccount,
  openPage,
  pageProblems,
  screenshot,
  signIn,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('requests in the browser', () => {
  const suite = useBrowserSuite();

  it('a requester reports a problem, a team member accepts it in triage, the requester sees it and is told', {
    timeout: 120_000,
  }, async () => {
    const team = await createTeam(
      suite.server.ctx,
      { userId: null, label: 'e2e' },
      { name: 'Service desk', description: '' },
    );
    const requester = await createAccount(suite.server, 'requester');
    const member = await createAccount(suite.server, 'member');
    await upsertMember(suite.server.ctx.db, team.id, member.id, false);

    // The requester lands on their requests, not the control room, and submits a problem.
    const r = await openPage(suite.browser);
    await signIn(r.page, suite.server.baseUrl, requester.email);
    await r.page.waitForURL('**/requests');
    await expect(r.page.getByTestId('nav-control-room').count()).resolves.toBe(0);
    await r.page.getByTestId('new-request').click();
    await r.page.getByTestId('request-kind').getByText('Problem').click();
    await r.page.getByTestId('request-title').fill('Printer on floor 3 prints blank pages');
    await r.page.getByTestId('request-details').fill('Since this morning, **every** job.');
    await r.page.getByTestId('request-team').click();
    await r.page.getByRole('option', { name: 'Service desk' }).click();
    await r.page.getByTestId('request-submit').click();
    await r.page.waitForURL(/\/requests\/\d+$/);
    await expect(r.page.getByTestId('request-status').textContent()).resolves.toBe('Waiting');
    await screenshot(r.page, 'requests-submitted');

    // A member of the team accepts it from the triage queue.
    const m = await openPage(suite.browser);
    await signIn(m.page, suite.server.baseUrl, member.email);
    await m.page.goto(`${suite.server.baseUrl}/requests/triage`);
    const queue = m.page.getByTestId('triage-queue');
    await queue.getByText('Printer on floor 3 prints blank pages').waitFor();
    await screenshot(m.page, 'requests-triage-queue');
    await queue.getByRole('button', { name: 'Accept' }).click();
    await m.page.getByText('Nothing waiting in triage.').waitFor();

    // The requester sees the new status and a notification in the bell.
    await r.page.reload();
    await expect
      .poll(() => r.page.getByTestId('request-status').textContent(), { timeout: 10_000 })
      .toBe('Accepted');
    const bell = r.page.getByTestId('bell-count');
    await expect.poll(() => bell.getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    await r.page.getByTestId('request-history').getByText('Accepted').waitFor();
    await screenshot(r.page, 'requests-accepted');
    await r.page.getByTestId('bell').click();
    await r.page.waitForURL('**/inbox');
    const newest = await r.page.getByTestId('inbox-notification').first().textContent();
    expect(newest).toContain('Printer on floor 3 prints blank pages');
    // The status is said in words of the reader's language, not as the stored keyword.
    expect(newest).toContain('Accepted');
    await screenshot(r.page, 'requests-inbox');
    expect(pageProblems(r.page)).toEqual([]);
    expect(pageProblems(m.page)).toEqual([]);
  });
});
