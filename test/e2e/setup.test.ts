import { describe, expect, it } from 'vitest';
import {
  browserAvailability,
  openPage,
  pageProblems,
  screenshot,
  testSetupCode,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('first-run setup in the browser', () => {
  const suite = useBrowserSuite();

  it('creates the first admin with the one-time code and signs them in', { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(suite.browser);
    await page.goto(`${suite.server.baseUrl}/`);
    await page.waitForURL('**/setup');
    await expect(page.getByTestId('setup-intro').textContent()).resolves.toContain(
      'Enter the one-time code shown in the terminal where Regia was started',
    );

    // Field-level validation from the shared schema, before anything is sent.
    await page.getByTestId('setup-submit').click();
    await page.getByText('Required').first().waitFor();

    // A wrong code is refused by the server and nothing is created.
    await page.getByTestId('setup-code').fill('WRONG-CODE');
    await page.getByTestId('setup-name').fill('Ada Lovelace');
    await page.getByTestId('setup-email').fill('ada@example.test');
    await page.getByTestId('setup-password').fill('a long enough password');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('error-alert').waitFor();
    await screenshot(page, 'setup-wrong-code');

    await page.getByTestId('setup-code').fill(testSetupCode);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('navbar').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('Ada Lovelace');
    // An admin sees every section.
    for (const testId of ['nav-inventory', 'nav-map', 'nav-import', 'nav-teams', 'nav-users', 'nav-audit']) {
      await page.getByTestId(testId).waitFor();
    }
    await screenshot(page, 'setup-done-control-room');

    // Setup is closed now: its page sends people to sign in.
    await page.goto(`${suite.server.baseUrl}/setup`);
    await page.waitForURL('**/');
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
