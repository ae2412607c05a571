import { describe, expect, it } from 'vitest';
import type { WorkItemDetail } from '../../src/shared/contracts/work-items';
import {
  browserAvailability,
  callApi,
  createAccount,
  openPage,
  screenshot,
  signIn,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('server errors in the UI language', () => {
  const suite = useBrowserSuite();

  it('shows a refused dependency loop in the language chosen in the browser, not the browser default', {
    timeout: 90_000,
  }, async () => {
    // The account has no locale and the browser asks for English: only the UI choice says Italian.
    const admin = await createAccount(suite.server, 'admin');
    const { context, page } = await openPage(suite.browser, { locale: 'en-GB' });
    await page.addInitScript(() => localStorage.setItem('regia.locale', 'it'));
    await signIn(page, suite.server.baseUrl, admin.email);
    await expect.poll(() => page.getByTestId('nav-inventory').textContent()).toBe('Inventario');
    const team = await callApi<{ id: number }>(page, 'POST', '/teams', {
      name: 'Operations',
      description: '',
    });
    const post = (title: string) =>
      callApi<WorkItemDetail>(page, 'POST', '/work-items', { teamId: team.id, title });
    const upgrade = await post('Upgrade the database cluster');
    const backup = await post('Verify the backup');
    await callApi(page, 'POST', `/work-items/${upgrade.id}/blocked-by`, { blockerId: backup.id });

    const addUpgradeAsBlockerOfBackup = async () => {
      await page.goto(`${suite.server.baseUrl}/work-items/${backup.id}`);
      const blocker = page.getByTestId('blocker-id');
      await blocker.click();
      await blocker.fill('Upgrade');
      await page.getByRole('option', { name: `#${upgrade.id} Upgrade the database cluster` }).click();
      await page.getByTestId('add-blocker').click();
      const alert = page.getByTestId('dependency-error');
      await alert.waitFor();
      return alert.textContent();
    };
    const loop = `#${upgrade.id} → #${backup.id} → #${upgrade.id}`;
    await expect(addUpgradeAsBlockerOfBackup()).resolves.toBe(
      `Questa dipendenza creerebbe un ciclo: ${loop}`,
    );
    await screenshot(page, 'error-language-italian');

    await page.evaluate(() => localStorage.setItem('regia.locale', 'en'));
    await page.addInitScript(() => localStorage.setItem('regia.locale', 'en'));
    await expect(addUpgradeAsBlockerOfBackup()).resolves.toBe(`This dependency would make a loop: ${loop}`);
    await screenshot(page, 'error-language-english');
    await context.close();
  });
});
