import { describe, expect, it } from 'vitest';
import { browserAvailability, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

const { isAvailable } = browserAvailability();

describe.skipIf(!isAvailable)('administration pages in the browser', () => {
  const suite = useBrowserSuite();

  it('manages users, teams, tokens and reads the audit log', { timeout: 90_000 }, async () => {
    const { user: admin, context, page } = await signInAs(suite, 'admin');

    // Users: create one, with the shared schema's checks first.
    await page.getByTestId('nav-users').click();
    await page.getByTestId('new-user').click();
    await page.getByTestId('user-email').fill('not-an-email');
    await page.getByTestId('user-submit').click();
    await page.getByText('Not a valid email address').waitFor();
    await page.getByTestId('user-email').fill('grace@example.test');
    await page.getByTestId('user-name').fill('Grace Hopper');
    await page.getByTestId('user-role').click();
    await page.getByRole('option', { name: 'Team lead' }).click();
    await page.getByTestId('user-password').fill('a long enough password');
    await page.getByTestId('user-submit').click();
    await page.getByRole('cell', { name: 'Grace Hopper' }).waitFor();
    await screenshot(page, 'users');

    // Teams: create one and add the new user as its lead.
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('new-team').click();
    await page.getByTestId('team-name').fill('Infrastructure');
    await page.getByTestId('team-description').fill('Servers, storage and network');
    await page.getByTestId('team-submit').click();
    await page.getByRole('heading', { name: 'Infrastructure' }).waitFor();
    await page.getByTestId('member-picker').click();
    await page.getByTestId('member-picker').fill('grace');
    await page.getByRole('option', { name: /Grace Hopper/ }).click();
    await page.getByLabel('Team lead').check();
    await page.getByTestId('member-add').click();
    await page.getByTestId('member-row').first().waitFor();
    expect(await page.getByTestId('member-row').count()).toBe(1);
    await screenshot(page, 'team-detail');

    // API tokens: the secret is shown once, with a warning.
    await page.getByTestId('nav-tokens').click();
    await page.getByTestId('new-token').click();
    await page.getByTestId('token-name').fill('CI pipeline');
    await page.getByTestId('token-submit').click();
    await page.getByTestId('token-warning').waitFor();
    expect((await page.getByTestId('token-secret').textContent())?.length).toBeGreaterThan(20);
    await screenshot(page, 'token-created');
    await page.getByTestId('token-close').click();
    await page.getByTestId('token-row').first().waitFor();
    await page.getByTestId('token-revoke').click();
    await page.getByTestId('confirm-action').click();
    await page.getByText('Revoked', { exact: true }).waitFor();

    // Audit log: every change above is there, and the chain verifies.
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verification').waitFor();
    await expect(page.getByTestId('audit-verification').textContent()).resolves.toContain('intact');
    await page.getByRole('button', { name: 'Show' }).first().click();
    await screenshot(page, 'audit-log');

    // Profile: a password that is too short is refused next to the field.
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('password-current').fill(admin.password);
    await page.getByTestId('password-new').fill('short');
    await page.getByTestId('password-confirm').fill('short');
    await page.getByTestId('password-submit').click();
    await page.getByText('At least 10 characters').first().waitFor();
    await screenshot(page, 'profile');
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
