import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { upsertMember } from '../../src/server/features/teams/teams.repository';
import { createTeam } from '../../src/server/features/teams/teams.service';
import type { RequestDetail } from '../../src/shared/contracts/requests';
import type { Workflow } from '../../src/shared/contracts/workflows';
import { scan } from './axe';
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

const handleOf = (email: string) => email.slice(0, email.indexOf('@'));

/**
 * A team as it looks after a few weeks of use: a lead, a member and a requester; fifteen items with
 * deadlines (some late), a dependency, a milestone with children, a recurrence, a request waiting in
 * triage, a comment mentioning the lead, and so a notification in the lead's inbox.
 */
async function seedTeam(server: TestServer, browser: Browser) {
  const team = await createTeam(
    server.ctx,
    { userId: null, label: 'e2e' },
    { name: 'Infrastructure', description: 'Servers, network and backups' },
  );
  const lead = await createAccount(server, 'lead');
  const member = await createAccount(server, 'member');
  const requester = await createAccount(server, 'requester');
  await upsertMember(server.ctx.db, team.id, lead.id, true);
  await upsertMember(server.ctx.db, team.id, member.id, false);

  const m = await openPage(browser);
  await signIn(m.page, server.baseUrl, member.email);
  const create = (body: Record<string, unknown>) =>
    callApi<{ id: number }>(m.page, 'POST', '/work-items', { teamId: team.id, ...body });
  const workflow = await callApi<Workflow>(m.page, 'GET', `/teams/${team.id}/workflow`);
  const [, inProgress] = workflow.states;
  const done = workflow.states.find((state) => state.category === 'done');
  if (!inProgress || !done) throw new Error('the default workflow lacks a state');

  const milestone = await create({
    title: 'Datacentre move complete',
    type: 'milestone',
    dueDate: romeDay(30),
  });
  const items: [string, number, number, number | null][] = [
    ['Renew TLS certificates', 1, -4, lead.id],
    ['Patch the mail servers', 2, -1, member.id],
    ['Replace UPS batteries', 3, 2, lead.id],
    ['Rack the new storage array', 2, 6, member.id],
    ['Migrate the file shares', 2, 12, lead.id],
    ['Test the backup restore', 1, 3, null],
    ['Update the firewall rules', 3, 9, member.id],
    ['Review admin accounts', 4, 15, lead.id],
    ['Order spare disks', 4, 20, null],
    ['Document the VPN setup', 3, -8, member.id],
    ['Upgrade the hypervisors', 2, 25, lead.id],
    ['Label the patch panels', 4, 28, null],
    ['Rotate the backup tapes', 3, -2, lead.id],
    ['Decommission the old NAS', 3, 35, member.id],
  ];
  const created: number[] = [];
  for (const [title, priority, dueIn, assigneeId] of items) {
    const parentId = created.length < 4 ? milestone.id : null;
    const item = await create({
      title,
      priority,
      assigneeId,
      parentId,
      startDate: romeDay(dueIn - 5),
      dueDate: romeDay(dueIn),
      description: `Steps for **${title.toLowerCase()}**.`,
    });
    created.push(item.id);
  }
  const [certificates, mail, ups, storage, shares] = created as [number, number, number, number, number];
  await callApi(m.page, 'POST', `/work-items/${mail}/move`, { stateId: inProgress.id });
  await callApi(m.page, 'POST', `/work-items/${ups}/move`, { stateId: inProgress.id });
  await callApi(m.page, 'POST', `/work-items/${created[12]}/move`, { stateId: done.id });
  await callApi(m.page, 'POST', `/work-items/${shares}/blocked-by`, { blockerId: storage });
  await callApi(m.page, 'POST', '/comments', {
    entityType: 'workItem',
    entityId: certificates,
    body: `@${handleOf(lead.email)} the **wildcard** certificate expires first, can you check?`,
  });

  const r = await openPage(browser);
  await signIn(r.page, server.baseUrl, requester.email);
  const request = await callApi<RequestDetail>(r.page, 'POST', '/requests', {
    title: 'VPN drops every hour',
    details: 'Since Monday the VPN disconnects **every hour** from home.',
    priority: 2,
    teamId: team.id,
  });
  await callApi(r.page, 'POST', '/comments', {
    entityType: 'request',
    entityId: request.id,
    body: 'It happens on the office Wi-Fi too.',
  });
  await r.context.close();
  await m.context.close();
  return { team, lead, member, requester, certificates, milestone, request };
}

describe.skipIf(!isAvailable)("the teams' work pages are accessible", () => {
  const suite = useBrowserSuite();

  for (const locale of ['en-GB', 'it-IT']) {
    const language = locale.slice(0, 2);
    it(`has no serious or critical axe violations on the work and request pages (${language})`, {
      timeout: 240_000,
    }, async () => {
      const seeded = await seedTeam(suite.server, suite.browser);
      const { team } = seeded;
      const base = suite.server.baseUrl;
      const found: string[] = [];
      const lead = await openPage(suite.browser, { locale });
      await signIn(lead.page, base, seeded.lead.email);
      const page = lead.page;

      const visit = async (name: string, url: string, ready: (page: Page) => Promise<unknown>) => {
        await page.goto(`${base}${url}`);
        await ready(page);
        found.push(...(await scan(page, `${name}-${language}`)));
      };
      const testId = (id: string) => (target: Page) => target.getByTestId(id).first().waitFor();

      await visit('board', `/work?teamId=${team.id}&view=board`, testId(`card-${seeded.certificates}`));
      await visit('list', `/work?teamId=${team.id}&view=list`, testId('work-list'));
      await visit('timeline', `/work?teamId=${team.id}&view=timeline`, testId('work-timeline'));
      await visit('calendar', `/work?teamId=${team.id}&view=calendar`, testId('work-calendar'));
      await visit('work-item', `/work-items/${seeded.certificates}`, testId('comment'));
      await visit('milestone', `/work-items/${seeded.milestone.id}`, testId('state-picker'));
      await visit('workflow', `/work/workflow?teamId=${team.id}`, testId('workflow-states'));
      await visit('recurrences', `/work/recurrences?teamId=${team.id}`, testId('new-recurrence'));
      // A recurrence, made through its own form so that the form is scanned too.
      await page.getByTestId('new-recurrence').click();
      await page.getByTestId('recurrence-name').waitFor();
      found.push(...(await scan(page, `recurrence-form-${language}`)));
      await page.getByTestId('recurrence-name').fill('Monthly restore test');
      await page.getByTestId('recurrence-title').fill('Restore a backup');
      await page.getByTestId('recurrence-schedule').fill('0 9 1 * *');
      await page.getByTestId('save-recurrence').click();
      await page.getByTestId('recurrences-table').getByText('Monthly restore test').waitFor();
      found.push(...(await scan(page, `recurrences-list-${language}`)));
      await visit('import', '/work/import', (target) =>
        target.locator('input[type="file"]').first().waitFor({ state: 'attached' }),
      );
      await visit('my-work', '/my-work', testId('work-list'));
      await visit('requests', '/requests', (target) => target.getByRole('heading').first().waitFor());
      await visit('triage', '/requests/triage', testId('triage-queue'));
      await visit('request', `/requests/${seeded.request.id}`, testId('request-history'));
      await visit('inbox', '/inbox', testId('inbox-notification'));
      // The bell is a link to the inbox; focused, it shows its tooltip with the unread count.
      await page.getByTestId('bell').focus();
      await page.getByRole('tooltip').waitFor();
      found.push(...(await scan(page, `bell-${language}`)));
      await visit('team', `/teams/${team.id}`, testId('activity-feed'));
      await page.getByTestId('activity-entry').first().waitFor();
      found.push(...(await scan(page, `team-activity-${language}`)));
      if (language === 'it') {
        // The feed speaks Italian too: days as 17/11/2026, actions and fields in words. (A team
        // feed lists no fields of a creation: its entry links to the entity.)
        const feed = (await page.getByTestId('activity-feed').textContent()) ?? '';
        expect(feed).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(feed).toContain('ha inviato la richiesta');
        expect(feed).toContain('Stato: ');
      }

      // The requester's side: their requests, the form for a new one, and their request.
      const requester = await openPage(suite.browser, { locale });
      await signIn(requester.page, base, seeded.requester.email);
      const asRequester = async (name: string, url: string, ready: (page: Page) => Promise<unknown>) => {
        await requester.page.goto(`${base}${url}`);
        await ready(requester.page);
        found.push(...(await scan(requester.page, `${name}-${language}`)));
      };
      await asRequester('requester-requests', '/requests', testId('my-requests'));
      await asRequester('requester-new-request', '/requests/new', testId('request-title'));
      await asRequester('requester-request', `/requests/${seeded.request.id}`, testId('comment'));

      expect(found, `axe found serious or critical violations:\n${found.join('\n')}`).toEqual([]);
      expect(pageProblems(page)).toEqual([]);
      expect(pageProblems(requester.page)).toEqual([]);
    });
  }

  it('moves a card to another state with the keyboard only, with a visible focus', {
    timeout: 90_000,
  }, async () => {
    const team = await createTeam(
      suite.server.ctx,
      { userId: null, label: 'e2e' },
      { name: 'Operations', description: '' },
    );
    const member = await createAccount(suite.server, 'member');
    await upsertMember(suite.server.ctx.db, team.id, member.id, false);
    const { page } = await openPage(suite.browser);
    await signIn(page, suite.server.baseUrl, member.email);
    const item = await callApi<{ id: number }>(page, 'POST', '/work-items', {
      teamId: team.id,
      title: 'Patch the mail servers',
    });
    await page.goto(`${suite.server.baseUrl}/work?teamId=${team.id}&view=board`);
    const todo = page.getByTestId('board-column-To do');
    await todo.getByTestId(`card-${item.id}`).waitFor();

    // Tab from the top of the page until the card's "move to" button has the focus.
    const moveButton = page.getByTestId(`move-${item.id}`);
    let presses = 0;
    while (!(await moveButton.evaluate((element) => element === document.activeElement))) {
      presses += 1;
      if (presses > 80) throw new Error('the "move to" button is never reached with Tab');
      await page.keyboard.press('Tab');
    }
    // The focus is visible: an outline is drawn around the focused button.
    const outline = await moveButton.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThan(0);
    await screenshot(page, 'accessibility-board-keyboard-focus');

    await page.keyboard.press('Enter');
    const target = page.getByRole('menuitem', { name: 'In progress' });
    await target.waitFor();
    // Arrow keys walk the menu; Enter on "In progress" moves the card.
    for (let step = 0; step < 10; step += 1) {
      if (await target.evaluate((element) => element === document.activeElement)) break;
      await page.keyboard.press('ArrowDown');
    }
    await expect(target.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('board-column-In progress').getByTestId(`card-${item.id}`).waitFor();
    const stored = await callApi<{ stateName: string }>(page, 'GET', `/work-items/${item.id}`);
    expect(stored.stateName).toBe('In progress');
    expect(pageProblems(page)).toEqual([]);
  });
});
