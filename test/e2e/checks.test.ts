import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckEngine } from '../../src/server/features/checks/check-engine';
import type { Item } from '../../src/shared/contracts/inventory';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

/** A tiny web server on 127.0.0.1 for the checks to probe: /health answers 200, the rest 503. */
async function startTarget(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((request, response) => {
    hits += 1;
    const isHealthy = request.url?.startsWith('/health');
    response.writeHead(isHealthy ? 200 : 503, { 'content-type': 'text/plain' });
    response.end(isHealthy ? 'OK healthy' : 'maintenance');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits for notifications to close and scrolls up, so full-page screenshots show the page itself. */
async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 10_000 }).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe.skipIf(!isAvailable)('checks and procedure tests in the browser', () => {
  const suite = useBrowserSuite();
  let engine: CheckEngine;
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeEach(async () => {
    target = await startTarget();
    // The real runner, so results arrive while the pages are open (through the live stream).
    engine = new CheckEngine(suite.server.ctx);
    await engine.start();
  });
  // Hooks after run in reverse order (vitest's "stack"): the engine stops before the server closes.
  afterEach(async () => {
    await engine?.stop();
    await target?.close();
  });

  it('creates an HTTP check through the form, runs it, and follows it live in list and detail', {
    timeout: 90_000,
  }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    const item = await callApi<Item>(page, 'POST', '/items', {
      name: 'Intranet portal',
      kind: 'application',
      criticality: 2,
    });

    await page.getByTestId('nav-checks').click();
    await page.getByRole('heading', { name: 'Checks' }).waitFor();
    await page.getByTestId('new-check').click();
    await page.waitForURL('**/checks/new');

    // The shared NewCheck schema flags the missing fields next to them.
    await page.getByTestId('check-submit').click();
    await page.getByText('Please fix the highlighted fields.').waitFor();
    expect(await page.getByText('Required').count()).toBeGreaterThanOrEqual(1);
    await page.getByText('an http:// or https:// URL').waitFor();

    await page.getByTestId('check-name').fill('Intranet health');
    await page.getByTestId('check-item').click();
    await page.getByTestId('check-item').fill('intranet');
    await page.getByRole('option', { name: 'Intranet portal' }).click();
    await page.getByTestId('http-url').fill(`${target.url}/health`);
    await page.getByTestId('http-keyword').fill('healthy');
    await page.getByTestId('http-header-add').click();
    await page.getByTestId('http-header-name').fill('Authorization');
    await page.getByTestId('http-header-value').fill('Bearer s3cret');
    expect(await page.getByTestId('http-header-value').getAttribute('type')).toBe('password');
    await page.getByTestId('check-interval').fill('10');

    // "Run now" in the form tries the unsaved settings and shows the result at once.
    const hitsBefore = target.hits();
    await page.getByTestId('check-form-run').click();
    const formResult = page.getByTestId('run-result');
    await formResult.waitFor();
    expect(await formResult.getAttribute('data-status')).toBe('up');
    await expect(formResult.textContent()).resolves.toContain('Up');
    await page.getByTestId('run-phases').waitFor();
    expect(target.hits()).toBeGreaterThan(hitsBefore);
    await settle(page);
    await screenshot(page, 'check-form');

    await page.getByTestId('check-submit').click();
    await page.waitForURL(/\/checks\/\d+$/);
    await page.getByRole('heading', { name: 'Intranet health' }).waitFor();
    const checkUrl = page.url();
    await page.getByTestId('availability-panel').waitFor();
    await page.getByTestId('latency-panel').waitFor();
    await page.getByTestId('results-panel').waitFor();
    await expect(page.getByTestId('availability-rule').textContent()).resolves.toContain(
      'degraded counts as up',
    );

    // The runner's first result arrives through the stream: the state turns up without a reload.
    await expect
      .poll(() => page.getByTestId('check-summary').getByTestId('check-state').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('up');
    await expect
      .poll(() => page.getByTestId('live-indicator').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('open');
    await page.getByTestId('result-row').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('latency-chart').locator('canvas').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('availability-24h').getByTestId('availability-value').textContent(), {
        timeout: 15_000,
      })
      .toBe('100%');
    await page.getByTestId('latency-view').getByText('Phases').click();
    await page.getByTestId('phases-chart').locator('canvas').first().waitFor();
    await page.getByTestId('latency-view').getByText('Over time').click();

    // "Run now" on the saved check (its secret header comes from the server, not the page).
    await page.getByTestId('run-now').click();
    await expect.poll(() => page.getByTestId('run-result').getAttribute('data-status')).toBe('up');
    await settle(page);
    await screenshot(page, 'check-detail');

    // Editing shows the stored header masked; saving keeps it.
    await page.getByTestId('edit-check').click();
    await page.waitForURL('**/edit');
    expect(await page.getByTestId('http-header-value').inputValue()).toBe('********');
    await page.getByTestId('check-retries').fill('2');
    await page.getByTestId('check-submit').click();
    await page.waitForURL(checkUrl);
    const stored = await callApi<{ retries: number; settings: { headers: Record<string, string> } }>(
      page,
      'GET',
      `/checks/${checkUrl.split('/').pop()}`,
    );
    expect(stored.retries).toBe(2);
    expect(stored.settings.headers).toEqual({ Authorization: '********' });

    // The list shows it with its state, item and sparkline; filters narrow it down.
    await page.getByTestId('nav-checks').click();
    const row = page.getByTestId('check-row');
    await row.first().waitFor();
    await expect(row.first().textContent()).resolves.toContain('Intranet health');
    await expect(row.first().textContent()).resolves.toContain('Intranet portal');
    expect(await row.first().getByTestId('check-state').getAttribute('data-state')).toBe('up');
    await row.first().getByTestId('check-sparkline').waitFor();
    await page.getByTestId('filter-state').click();
    await page.getByRole('option', { name: 'Down' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.getByTestId('filter-state').click();
    await page.getByRole('option', { name: 'Up' }).click();
    await expect.poll(() => row.count()).toBe(1);
    await settle(page);
    await screenshot(page, 'check-list');

    // The item's page lists its checks, with a link to add one.
    await page.goto(`${suite.server.baseUrl}/inventory/${item.id}`);
    await page.getByTestId('item-check-row').waitFor();
    await expect(page.getByTestId('item-checks').textContent()).resolves.toContain('Intranet health');
    await page.getByTestId('item-new-check').waitFor();

    // Italian: the navigation and the page speak the glossary's words.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('language-it').click();
    await expect.poll(() => page.getByTestId('nav-checks').textContent()).toBe('Verifiche');
    await page.getByTestId('nav-checks').click();
    await page.getByRole('heading', { name: 'Verifiche' }).waitFor();
    await expect(page.getByTestId('check-row').first().textContent()).resolves.toContain('Operativo');
    await settle(page);
    await screenshot(page, 'check-list-italian');
    await page.goto(checkUrl);
    await page.getByText('Disponibilità').first().waitFor();
    await page.getByTestId('availability-rule').getByText('Come si calcola:').waitFor();
    await page.getByTestId('latency-chart').locator('canvas').first().waitFor();
    await settle(page);
    await screenshot(page, 'check-detail-italian');

    // On a phone the detail stacks into one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('results-panel').scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'check-detail-phone');

    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows a heartbeat push URL once and records a procedure test outcome', {
    timeout: 90_000,
  }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    await callApi(page, 'POST', '/teams', { name: 'Infrastructure' });

    // Heartbeat: no target fields, no "Run now"; the push URL shows once with a curl example.
    await page.goto(`${suite.server.baseUrl}/checks/new`);
    await page.getByTestId('check-name').fill('Nightly backup');
    await page.getByTestId('check-kind').getByText('Heartbeat').click();
    await page.getByTestId('heartbeat-grace').fill('300');
    expect(await page.getByTestId('check-form-run').isDisabled()).toBe(true);
    await page.getByTestId('check-interval').fill('86400');
    await page.getByTestId('check-submit').click();
    await page.getByTestId('push-url').waitFor();
    const pushUrl = (await page.getByTestId('push-url').textContent()) ?? '';
    expect(pushUrl).toMatch(/\/api\/v1\/heartbeats\/hb_/);
    await expect(page.getByTestId('push-url-curl').textContent()).resolves.toContain(pushUrl);
    await page.getByTestId('push-url-warning').waitFor();
    await screenshot(page, 'check-heartbeat-push-url');
    await page.getByTestId('push-url-close').click();
    await page.waitForURL(/\/checks\/\d+$/);
    await page.getByTestId('heartbeat-panel').waitFor();
    expect(await page.getByTestId('push-url').count()).toBe(0);

    // A beat through the push URL (as the job would call it) turns the check up, live.
    const beat = await fetch(pushUrl.replace(/^https?:\/\/[^/]+/, suite.server.baseUrl), { method: 'POST' });
    expect(beat.status).toBe(200);
    await expect
      .poll(() => page.getByTestId('check-summary').getByTestId('check-state').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('up');

    // Procedure test: create with a checklist, record an outcome with a file, see it in the history.
    await page.getByTestId('nav-procedures').click();
    await page.getByRole('heading', { name: 'Procedure tests' }).waitFor();
    await page.getByTestId('new-procedure').click();
    await page.getByTestId('procedure-name').fill('Restore the ERP database');
    await page.getByTestId('procedure-kind').click();
    await page.getByRole('option', { name: 'Backup restore' }).click();
    await page.getByTestId('procedure-team').click();
    await page.getByRole('option', { name: 'Infrastructure' }).click();
    await page.getByTestId('procedure-step').first().fill('Restore last night’s backup');
    await page.getByTestId('procedure-step-add').click();
    await page.getByTestId('procedure-step').nth(1).fill('Open the ERP and check yesterday’s invoices');
    await page.getByTestId('procedure-submit').click();
    await page.waitForURL(/\/procedures\/\d+$/);
    await page.getByRole('heading', { name: 'Restore the ERP database' }).waitFor();
    await expect(page.getByTestId('procedure-checklist').textContent()).resolves.toContain(
      'Restore last night’s backup',
    );
    await page.getByTestId('procedure-due-date').waitFor();

    await page.getByTestId('outcome-choice').getByText('Partly passed').click();
    await page.getByTestId('outcome-step-result').nth(1).getByText('Not done').click();
    await page
      .getByTestId('outcome-notes')
      .fill('Invoices could not be opened: the licence server was down.');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('outcome-files').click();
    await (await chooser).setFiles({
      name: 'restore-log.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('restore finished in 12 minutes\n'),
    });
    await page.getByTestId('outcome-submit').click();
    const run = page.getByTestId('procedure-run');
    await run.waitFor();
    await expect(run.textContent()).resolves.toContain('Partly passed');
    await expect(run.textContent()).resolves.toContain('licence server');
    await page.getByTestId('procedure-attachment').waitFor();
    await expect(page.getByTestId('procedure-attachment').textContent()).resolves.toContain(
      'restore-log.txt',
    );
    await expect
      .poll(() =>
        page.getByTestId('procedure-summary').getByTestId('procedure-state').getAttribute('data-state'),
      )
      .toBe('degraded');
    await settle(page);
    await screenshot(page, 'procedure-detail');

    await page.getByTestId('nav-procedures').click();
    await page.getByTestId('procedure-row').waitFor();
    await expect(page.getByTestId('procedure-row').textContent()).resolves.toContain('Partly passed');
    await settle(page);
    await screenshot(page, 'procedure-list');

    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
