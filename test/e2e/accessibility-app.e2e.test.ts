import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCheck } from '../../src/server/features/checks/checks.service';
import { type PendingResult, recordResults } from '../../src/server/features/checks/result-recorder';
import { createItem } from '../../src/server/features/inventory/inventory.service';
import { createRelation } from '../../src/server/features/inventory/relations.service';
import { createStatusPage } from '../../src/server/features/status-pages/status-pages.service';
import { upsertMember } from '../../src/server/features/teams/teams.repository';
import { createTeam } from '../../src/server/features/teams/teams.service';
import { recordOptionsOf } from '../../src/server/reactions';
import { scan } from './axe';
import {
  browserAvailability,
  callApi,
  createAccount,
  openPage,
  pageProblems,
  signInAs,
  type TestServer,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();
const system = { userId: null, label: 'e2e' };
const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

function result(checkId: number, startedAt: number, status: PendingResult['status']): PendingResult {
  return {
    checkId,
    location: 'local',
    plannedAt: startedAt,
    startedAt,
    status,
    latencyMs: 40 + (startedAt % 7) * 5,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    message: status === 'down' ? 'connect ECONNREFUSED 10.0.0.12:5432' : 'ok',
    details: {},
  };
}

/**
 * An installation in use: two teams with members, items depending on each other, checks with a
 * week of results (one down now, so an incident opens and a notification is queued), a procedure
 * test with an outcome, a manual incident, a maintenance window, a channel and a rule, a published
 * status page and an API token.
 */
async function seedInstallation(server: TestServer, page: Page) {
  const { ctx } = server;
  const infrastructure = await createTeam(ctx, system, {
    name: 'Infrastructure',
    description: 'Servers, network and backups',
  });
  await createTeam(ctx, system, { name: 'Service desk', description: 'First line' });
  const lead = await createAccount(server, 'lead');
  const member = await createAccount(server, 'member');
  await createAccount(server, 'auditor');
  await upsertMember(ctx.db, infrastructure.id, lead.id, true);
  await upsertMember(ctx.db, infrastructure.id, member.id, false);

  const erp = await createItem(ctx, system, {
    kind: 'businessService',
    name: 'ERP production',
    criticality: 1,
    ownerTeamId: infrastructure.id,
  });
  const database = await createItem(ctx, system, {
    kind: 'database',
    name: 'erp-db01',
    criticality: 1,
    ownerTeamId: infrastructure.id,
    attributes: { host: 'erp-db01.corp.internal' },
  });
  const server1 = await createItem(ctx, system, { kind: 'server', name: 'esx-01', criticality: 2 });
  await createRelation(ctx, system, { sourceItemId: erp.id, targetItemId: database.id, kind: 'dependsOn' });
  await createRelation(ctx, system, { sourceItemId: database.id, targetItemId: server1.id, kind: 'runsOn' });

  // The rule exists before the check goes down, so a delivery is queued for the log.
  const channel = await callApi<{ id: number }>(page, 'POST', '/notifications/channels', {
    name: 'Ops webhook',
    settings: { kind: 'webhook', url: 'https://hooks.example.com/regia', headers: {} },
  });
  await callApi(page, 'POST', '/notifications/rules', {
    name: 'Outages',
    events: ['check.down'],
    channelIds: [channel.id],
  });

  const databaseCheck = await createCheck(ctx, system, {
    name: 'postgres on erp-db01',
    itemId: database.id,
    settings: { kind: 'tcp', host: 'erp-db01.corp.internal', port: 5432 },
  });
  const webCheck = await createCheck(ctx, system, {
    name: 'ERP web',
    itemId: erp.id,
    settings: { kind: 'http', url: 'https://erp.example.com/' },
  });
  const now = Date.now();
  const results: PendingResult[] = [];
  for (let hour = 7 * 24; hour >= 1; hour -= 6) {
    results.push(result(databaseCheck.id, now - hour * hourMs, 'up'));
    results.push(result(webCheck.id, now - hour * hourMs, hour === 30 ? 'degraded' : 'up'));
  }
  results.push(result(databaseCheck.id, now - 60_000, 'down'));
  await recordResults(ctx.db, ctx.dialect, results, recordOptionsOf(ctx.reactions));

  const procedure = await callApi<{ id: number }>(page, 'POST', '/procedure-tests', {
    name: 'Quarterly ERP restore',
    kind: 'backupRestore',
    ownerTeamId: infrastructure.id,
    schedule: '0 9 1 1,4,7,10 *',
    checklist: ['Restore last night’s backup', 'Start the ERP on the copy'],
  });
  await callApi(page, 'POST', `/procedure-tests/${procedure.id}/runs`, {
    outcome: 'partial',
    effectiveDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(now - dayMs),
    notes: 'The restore took **four hours**.',
    checklist: [{ result: 'done' }, { result: 'notDone', note: 'licence server unreachable' }],
  });
  const incident = await callApi<{ id: number }>(page, 'POST', '/incidents', {
    title: 'Slow logins on the ERP',
    description: 'Users wait a minute at sign-in.',
    itemId: erp.id,
    severity: 2,
  });
  await callApi(page, 'POST', `/incidents/${incident.id}/comments`, { body: 'Looking at the database.' });
  const window = await callApi<{ id: number }>(page, 'POST', '/maintenance-windows', {
    title: 'Firmware upgrade',
    description: 'BIOS and BMC of esx-01.',
    startsAt: now + dayMs,
    durationMinutes: 90,
    itemIds: [server1.id],
  });
  const statusPage = await createStatusPage(ctx, system, {
    slug: 'services',
    title: 'IT services',
    language: 'en',
    isPublished: true,
    services: [{ itemId: erp.id, displayName: 'ERP' }],
  });
  await callApi(page, 'POST', '/tokens', { name: 'Backup script', expiresInDays: 90 });
  return { infrastructure, erp, databaseCheck, procedure, incident, window, statusPage };
}

describe.skipIf(!isAvailable)('the whole web client is accessible', () => {
  const suite = useBrowserSuite();

  for (const locale of ['en-GB', 'it-IT']) {
    const language = locale.slice(0, 2);

    it(`has no serious or critical axe violations on the app's pages (${language})`, {
      timeout: 300_000,
    }, async () => {
      const { page } = await signInAs(suite, 'admin', { locale });
      const seeded = await seedInstallation(suite.server, page);
      const base = suite.server.baseUrl;
      const found: string[] = [];
      const check = async (name: string) => {
        found.push(...(await scan(page, `app-${name}-${language}`)));
      };
      /** Opens a page, waits for something seeded (or a test id) to show, and scans it. */
      const visit = async (name: string, url: string, ready: string) => {
        await page.goto(`${base}${url}`);
        await readyOn(page, ready);
        await check(name);
      };

      await visit('control-room', '/', 'testid:open-incidents');
      await visit('inventory', '/inventory', 'ERP production');
      await visit('item', `/inventory/${seeded.erp.id}`, 'erp-db01');
      await visit('item-new', '/inventory/new', 'testid:item-name');
      await visit('map', '/map', 'testid:dependency-map');
      await visit('import', '/import', 'testid:import-file');
      await visit('checks', '/checks', 'postgres on erp-db01');
      await visit('check', `/checks/${seeded.databaseCheck.id}`, 'ECONNREFUSED');
      await visit('check-new', '/checks/new', 'testid:check-name');
      await visit('procedures', '/procedures', 'Quarterly ERP restore');
      await visit('procedure', `/procedures/${seeded.procedure.id}`, 'licence server unreachable');
      await visit('incidents', '/incidents', 'Slow logins on the ERP');
      await visit('incident', `/incidents/${seeded.incident.id}`, 'Looking at the database.');
      await visit('maintenance', '/maintenance', 'testid:maintenance-calendar');
      await visit('maintenance-edit', `/maintenance/${seeded.window.id}/edit`, 'testid:maintenance-form');
      await visit('channels', '/notifications', 'Ops webhook');
      await page.getByTestId('tab-rules').click();
      await readyOn(page, 'Outages');
      await check('rules');
      await page.getByTestId('tab-deliveries').click();
      await readyOn(page, 'testid:delivery-row');
      await check('deliveries');
      // A dialog, scanned while open: the channel form.
      await page.getByTestId('tab-channels').click();
      await page.getByTestId('new-channel').click();
      await readyOn(page, 'testid:channel-name');
      await check('channel-dialog');
      await page.keyboard.press('Escape');
      await visit('status-pages', '/status-pages', 'IT services');
      await visit('status-page-editor', `/status-pages/${seeded.statusPage.id}`, 'testid:status-page-view');
      await visit('teams', '/teams', 'Service desk');
      await visit('team', `/teams/${seeded.infrastructure.id}`, 'testid:activity-feed');
      await visit('users', '/users', 'Ada auditor');
      await visit('audit', '/audit', 'testid:audit-table');
      await visit('tokens', '/tokens', 'Backup script');
      await visit('profile', '/profile', 'testid:notification-preferences');

      // Signed out: the published status page, in the visitor's language, and the login page.
      const visitor = await openPage(suite.browser, { locale });
      await visitor.page.goto(`${base}/status/services`);
      await readyOn(visitor.page, 'testid:status-page-view');
      if (language === 'it') {
        // The page is in English, the visitor's browser in Italian: the page says which it speaks.
        await visitor.page.locator('div[lang="en"] [data-testid="status-page-view"]').waitFor();
        await visitor.page.getByTestId('status-language').getByText('IT').click();
        await visitor.page.locator('div[lang="it"] [data-testid="status-page-view"]').waitFor();
      }
      found.push(...(await scan(visitor.page, `app-public-status-${language}`)));
      await visitor.page.goto(`${base}/login`);
      await readyOn(visitor.page, 'testid:login-email');
      found.push(...(await scan(visitor.page, `app-login-${language}`)));

      expect(found, `axe found blocking violations:\n${found.join('\n')}`).toEqual([]);
      expect(pageProblems(page)).toEqual([]);
      expect(pageProblems(visitor.page)).toEqual([]);
    });

    it(`has no serious or critical axe violations on the first-run setup (${language})`, {
      timeout: 60_000,
    }, async () => {
      // No account yet: setup is open on this fresh server.
      const { page } = await openPage(suite.browser, { locale });
      await page.goto(`${suite.server.baseUrl}/setup`);
      await readyOn(page, 'testid:setup-code');
      const found = await scan(page, `app-setup-${language}`);
      expect(found, `axe found blocking violations:\n${found.join('\n')}`).toEqual([]);
      expect(pageProblems(page)).toEqual([]);
    });
  }
});

/** Waits for an element `testid:<id>` to be in the page (file inputs are hidden), or a text to show. */
async function readyOn(page: Page, ready: string): Promise<void> {
  if (ready.startsWith('testid:')) {
    await page
      .getByTestId(ready.slice('testid:'.length))
      .first()
      .waitFor({ state: 'attached', timeout: 15_000 });
  } else {
    await page.getByText(ready).first().waitFor({ timeout: 15_000 });
  }
}
