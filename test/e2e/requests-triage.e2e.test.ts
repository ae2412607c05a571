import { describe, expect, it } from 'vitest';
import { upsertMember } from '../../src/server/features/teams/teams.repository';
import { createTeam } from '../../src/server/features/teams/teams.service';
import type { RequestDetail } from '../../src/shared/contracts/requests';
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
const handleOf = (email: string) => email.slice(0, email.indexOf('@'));

describe.skipIf(!isAvailable)('requests: mentions by requesters and merging in triage', () => {
  const suite = useBrowserSuite();

  /** A team with one member, and a member of no team. */
  async function buildTeam(name: string) {
    const team = await createTeam(
      suite.server.ctx,
      { userId: null, label: 'e2e' },
      { name, description: '' },
    );
    const member = await createAccount(suite.server, 'member');
    const outsider = await createAccount(suite.server, 'member');
    await upsertMember(suite.server.ctx.db, team.id, member.id, false);
    return { team, member, outsider };
  }

  it('a requester types @ on their own request and picks a member of the team from the suggestions', {
    timeout: 120_000,
  }, async () => {
    const { team, member, outsider } = await buildTeam('Service desk');
    const requester = await createAccount(suite.server, 'requester');
    const r = await openPage(suite.browser);
    await signIn(r.page, suite.server.baseUrl, requester.email);
    const request = await callApi<RequestDetail>(r.page, 'POST', '/requests', {
      title: 'Laptop for the new shift lead',
      teamId: team.id,
    });
    await r.page.goto(`${suite.server.baseUrl}/requests/${request.id}`);
    const input = r.page.getByTestId('comment-input');
    await input.waitFor();
    await input.pressSequentially('Thanks, ');
    await input.pressSequentially('@');
    const suggestions = r.page.getByTestId('mention-suggestion');
    await suggestions.filter({ hasText: member.name }).waitFor();
    // Only the people of the request: the team's member, not a member of no team.
    await expect(suggestions.filter({ hasText: outsider.name }).count()).resolves.toBe(0);
    await screenshot(r.page, 'requests-triage-mention-suggestions');
    await suggestions.filter({ hasText: member.name }).click();
    await expect(input.inputValue()).resolves.toBe(`Thanks, @${handleOf(member.email)} `);
    await input.pressSequentially('could you check the model?');
    await r.page.getByTestId('comment-submit').click();
    const comment = r.page.getByTestId('comment').first();
    await comment.getByText('could you check the model?').waitFor();
    await screenshot(r.page, 'requests-triage-mention-sent');

    // The member is told; the requester never saw anyone else.
    const m = await openPage(suite.browser);
    await signIn(m.page, suite.server.baseUrl, member.email);
    const bell = m.page.getByTestId('bell-count');
    await expect.poll(() => bell.getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    expect(pageProblems(r.page)).toEqual([]);
    expect(pageProblems(m.page)).toEqual([]);
  });

  it('a member merges a request by searching for the title of the one it repeats', {
    timeout: 120_000,
  }, async () => {
    const { team, member } = await buildTeam('Workplace');
    const requester = await createAccount(suite.server, 'requester');
    const r = await openPage(suite.browser);
    await signIn(r.page, suite.server.baseUrl, requester.email);
    const submit = (title: string) =>
      callApi<RequestDetail>(r.page, 'POST', '/requests', { title, teamId: team.id });
    const original = await submit('Outlook password prompt after the update');
    const duplicate = await submit('Outlook keeps asking me to sign in');

    const m = await openPage(suite.browser);
    await signIn(m.page, suite.server.baseUrl, member.email);
    const workItem = await callApi<{ id: number }>(m.page, 'POST', '/work-items', {
      teamId: team.id,
      title: 'Renew the Wi-Fi certificates',
    });
    await m.page.goto(`${suite.server.baseUrl}/requests/triage`);
    await m.page.getByTestId('triage-queue').getByText(duplicate.title).waitFor();
    await m.page.getByTestId(`merge-${duplicate.id}`).click();
    const search = m.page.getByTestId('merge-target');
    await search.waitFor();
    const options = m.page.getByTestId('merge-option');

    // A typed number still finds its target.
    await search.pressSequentially(`#${workItem.id}`);
    await options.filter({ hasText: 'Renew the Wi-Fi certificates' }).waitFor();
    // ...and only what has that number (a request may share it with the work item).
    const numbered = await options.allTextContents();
    expect(numbered.every((text) => text.startsWith(`#${workItem.id}`))).toBe(true);

    // Words of the title find the request it repeats, never the request itself.
    await search.fill('');
    await search.pressSequentially('password prompt');
    await expect
      .poll(() => options.allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining(original.title)]);
    await screenshot(m.page, 'requests-triage-merge-search');
    await options.filter({ hasText: original.title }).click();
    await m.page.getByTestId('merge-confirm').click();
    await m.page.getByTestId('triage-queue').getByText(duplicate.title).waitFor({ state: 'detached' });

    const merged = await callApi<RequestDetail>(m.page, 'GET', `/requests/${duplicate.id}`);
    expect(merged).toMatchObject({ status: 'merged', mergedIntoRequestId: original.id });

    // The same dialog in Italian.
    await m.page.getByTestId('user-menu').click();
    await m.page.getByTestId('language-it').click();
    await m.page.getByTestId(`merge-${original.id}`).click();
    await search.pressSequentially('Wi-Fi');
    await options.filter({ hasText: 'Renew the Wi-Fi certificates' }).waitFor();
    await m.page.getByText('Unisci a').first().waitFor();
    await screenshot(m.page, 'requests-triage-merge-search-it');
    expect(pageProblems(r.page)).toEqual([]);
    expect(pageProblems(m.page)).toEqual([]);
  });
});
