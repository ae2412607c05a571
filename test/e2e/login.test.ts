import { describe, expect, it } from 'vitest';
import {
  browserAvailability,
  callApi,
  createAccount,
  openPage,
  screenshot,
  useBrowserSuite,
} from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('signing in and out in the browser', () => {
  const suite = useBrowserSuite();

  it('refuses a wrong password, signs in, and shows only what the role may see', {
    timeout: 60_000,
  }, async () => {
    const auditor = await createAccount(suite.server, 'auditor');
    const { context, page } = await openPage(suite.browser);
    await page.goto(`${suite.server.baseUrl}/inventory`);
    await page.waitForURL('**/login');

    await page.getByTestId('login-email').fill(auditor.email);
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Wrong email or password');
    await screenshot(page, 'login-wrong-password');

    await page.getByTestId('login-password').fill(auditor.password);
    await page.getByTestId('login-submit').click();
    // Back to the page that asked for a sign-in.
    await page.waitForURL('**/inventory');
    await page.getByTestId('navbar').waitFor();
    await page.getByTestId('nav-audit').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-import').count()).toBe(0);
    expect(await page.getByTestId('new-item').count()).toBe(0);
    await screenshot(page, 'login-auditor-inventory');

    // The session ends elsewhere (another tab signs out): the next call's 401 leads to the login page.
    const otherTab = await context.newPage();
    await otherTab.goto(`${suite.server.baseUrl}/login`);
    await callApi(otherTab, 'POST', '/auth/logout', {});
    await otherTab.close();
    await page.getByTestId('nav-audit').click();
    await page.waitForURL('**/login');
    await page.getByText('Your session has ended. Please sign in again.').waitFor();

    await page.getByTestId('login-email').fill(auditor.email);
    await page.getByTestId('login-password').fill(auditor.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/audit');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/login');
    await page.goto(`${suite.server.baseUrl}/audit`);
    await page.waitForURL('**/login');
    await context.close();
  });

  it('works on a 390 px phone with the navigation behind a burger', { timeout: 60_000 }, async () => {
    const admin = await createAccount(suite.server, 'admin');
    const { context, page } = await openPage(suite.browser, { width: 390, height: 844, isMobile: true });
    await page.goto(`${suite.server.baseUrl}/login`);
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-burger').waitFor();
    // The collapsed navigation sits outside the screen until the burger opens it.
    const isNavOffScreen = () =>
      page.getByTestId('navbar').evaluate((nav) => nav.getBoundingClientRect().right <= 0);
    expect(await isNavOffScreen()).toBe(true);
    await screenshot(page, 'phone-control-room');
    await page.getByTestId('nav-burger').click();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=navbar]')?.getBoundingClientRect().left ?? -1) >= 0,
    );
    await screenshot(page, 'phone-navigation-open');
    await page.getByTestId('nav-inventory').click();
    await page.waitForURL('**/inventory');
    await page.getByTestId('inventory-search').waitFor();
    await screenshot(page, 'phone-inventory');
    await page.getByTestId('new-item').click();
    await page.getByTestId('item-form').waitFor();
    await page.getByTestId('attribute-add').click();
    await screenshot(page, 'phone-item-form');
    await context.close();
  });
});
