import { describe, expect, it } from 'vitest';
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

describe.skipIf(!isAvailable)('mentions in the browser', () => {
  const suite = useBrowserSuite();

  it('A mentions B in a comment on an incident; B sees it in the bell and the centre, opens it, and it is read', {
    timeout: 90_000,
  }, async () => {
    const ada = await createAccount(suite.server, 'manager');
    const bob = await createAccount(suite.server, 'member');
    const bobHandle = bob.email.slice(0, bob.email.indexOf('@'));

    // A writes a comment with Markdown, a hostile script and link, and an @mention picked from the list.
    const a = await openPage(suite.browser);
    await signIn(a.page, suite.server.baseUrl, ada.email);
    const incident = await callApi<{ id: number }>(a.page, 'POST', '/incidents', {
      title: 'Mail relay rejects messages',
    });
    await a.page.goto(`${suite.server.baseUrl}/incidents/${incident.id}`);
    await a.page.getByTestId('comment-thread').waitFor();
    const input = a.page.getByTestId('comment-input');
    await input.fill(
      '**Please look** <script>window.__pwned = true</script> [bad](javascript:window.__pwned=true) ',
    );
    await input.pressSequentially(`@${bobHandle.slice(0, 6)}`);
    await a.page.getByTestId('mention-suggestion').filter({ hasText: bob.name }).click();
    await expect(input.inputValue()).resolves.toContain(`@${bobHandle} `);
    await a.page.getByTestId('comment-mode').getByText('Preview').click();
    await a.page.getByTestId('comment-preview').getByText('Please look').waitFor();
    await a.page.getByTestId('comment-submit').click();

    const comment = a.page.getByTestId('comment').first();
    await comment.getByText('Please look').waitFor();
    // Rendered safely: bold kept, no script element, the javascript: link is only text.
    await expect(comment.locator('strong').textContent()).resolves.toBe('Please look');
    await expect(comment.locator('script').count()).resolves.toBe(0);
    await expect(comment.locator('a').count()).resolves.toBe(0);
    await expect(a.page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).resolves.toBeUndefined();
    await screenshot(a.page, 'mentions-comment');

    // B, in a browser context of their own, sees the unread notification in the bell.
    const b = await openPage(suite.browser);
    await signIn(b.page, suite.server.baseUrl, bob.email);
    const bell = b.page.getByTestId('bell-count');
    await expect.poll(() => bell.getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    await b.page.getByTestId('bell').click();
    await b.page.waitForURL('**/inbox');
    const entry = b.page.getByTestId('inbox-notification').first();
    await expect(entry.getAttribute('data-unread')).resolves.toBe('true');
    await expect(entry.textContent()).resolves.toContain('Mail relay rejects messages');
    await expect(entry.textContent()).resolves.toContain('Mentioned you');
    await screenshot(b.page, 'mentions-inbox-unread');

    // Opening it leads to the incident and marks it read.
    await entry.getByTestId('inbox-open').click();
    await b.page.waitForURL(`**/incidents/${incident.id}`);
    await b.page.getByTestId('comment').first().getByText('Please look').waitFor();
    await expect.poll(() => bell.getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    await b.page.getByTestId('bell').click();
    await b.page.waitForURL('**/inbox');
    // The list may show its cached page for a moment before it is fetched again.
    await expect
      .poll(() => b.page.getByTestId('inbox-notification').first().getAttribute('data-unread'), {
        timeout: 10_000,
      })
      .toBe('false');
    await screenshot(b.page, 'mentions-inbox-read');

    expect(pageProblems(a.page)).toEqual([]);
    expect(pageProblems(b.page)).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
