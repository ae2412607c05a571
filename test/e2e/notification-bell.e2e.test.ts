import { describe, expect, it } from 'vitest';
import { upsertMember } from '../../src/server/features/teams/teams.repository';
import { createTeam } from '../../src/server/features/teams/teams.service';
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

describe.skipIf(!isAvailable)('the live notification bell in the browser', () => {
  const suite = useBrowserSuite();

  it('rings on open pages, in English and Italian, within seconds of a mention and without a reload', {
    timeout: 90_000,
  }, async () => {
    const team = await createTeam(
      suite.server.ctx,
      { userId: null, label: 'e2e' },
      { name: 'Operations', description: '' },
    );
    const ada = await createAccount(suite.server, 'member');
    const bob = await createAccount(suite.server, 'member');
    const carla = await createAccount(suite.server, 'member');
    for (const person of [ada, bob, carla])
      await upsertMember(suite.server.ctx.db, team.id, person.id, false);

    // Bob (English) and Carla (Italian) have Regia open; their bells are live and show nothing.
    const b = await openPage(suite.browser);
    await signIn(b.page, suite.server.baseUrl, bob.email);
    const c = await openPage(suite.browser, { locale: 'it-IT' });
    await signIn(c.page, suite.server.baseUrl, carla.email);
    for (const page of [b.page, c.page]) {
      const bell = page.getByTestId('bell-count');
      await expect.poll(() => bell.getAttribute('data-live'), { timeout: 10_000 }).toBe('true');
      await expect(bell.getAttribute('data-count')).resolves.toBe('0');
    }
    let reloads = 0;
    b.page.on('framenavigated', (frame) => {
      if (frame === b.page.mainFrame()) reloads += 1;
    });

    // Ada mentions both on a work item, through the API from her own page.
    const a = await openPage(suite.browser);
    await signIn(a.page, suite.server.baseUrl, ada.email);
    const item = await callApi<{ id: number }>(a.page, 'POST', '/work-items', {
      teamId: team.id,
      title: 'Renew the TLS certificates',
    });
    const mentionedAt = Date.now();
    await callApi(a.page, 'POST', '/comments', {
      entityType: 'workItem',
      entityId: item.id,
      body: `@${handleOf(bob.email)} @${handleOf(carla.email)} the certificates expire on Friday`,
    });

    // Both bells go up within a couple of seconds: the 30 s poll is not what brought it.
    const bobBell = b.page.getByTestId('bell-count');
    await expect.poll(() => bobBell.getAttribute('data-count'), { timeout: 3_000, interval: 100 }).toBe('1');
    expect(Date.now() - mentionedAt).toBeLessThan(3_000);
    await expect
      .poll(() => c.page.getByTestId('bell-count').getAttribute('data-count'), { timeout: 3_000 })
      .toBe('1');
    expect(reloads).toBe(0);
    await expect(b.page.getByTestId('bell').getAttribute('aria-label')).resolves.toContain('1');
    await expect(c.page.getByTestId('bell').getAttribute('aria-label')).resolves.toContain('1');
    await screenshot(b.page, 'notification-bell-live');
    await screenshot(c.page, 'notification-bell-live-it');

    // Ada is not told of her own comment, and her bell did not move.
    await expect(a.page.getByTestId('bell-count').getAttribute('data-count')).resolves.toBe('0');
    for (const page of [a.page, b.page, c.page]) expect(pageProblems(page)).toEqual([]);
  });
});
