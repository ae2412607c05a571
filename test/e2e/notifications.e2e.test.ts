import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../targets/webhook-receiver';
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

describe.skipIf(!isAvailable)('notifications in the browser', () => {
  const suite = useBrowserSuite();
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver?.close();
  });

  it('creates a webhook channel, sends a test and sees it delivered', { timeout: 90_000 }, async () => {
    const admin = await createAccount(suite.server, 'admin');
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.server.baseUrl, admin.email);
    // Webhooks reach public addresses only: the test's receiver on 127.0.0.1 must be allowed first.
    await callApi(page, 'PUT', '/settings/outbound-policy', {
      probes: { allowLinkLocal: false, allowedCidrs: [], deniedCidrs: [] },
      webhooks: { allowedCidrs: ['127.0.0.1/32'] },
    });

    await page.getByTestId('nav-notifications').click();
    await page.getByTestId('channels-empty').waitFor();
    await page.getByTestId('new-channel').click();
    await page.getByTestId('channel-name').fill('Ops webhook');
    await page.getByTestId('channel-url').fill(receiver.url('/regia'));
    await page.getByTestId('channel-signing-secret').fill('a-signing-secret');
    await page.getByTestId('channel-submit').click();
    const row = page.locator('[data-testid="channel-row"][data-name="Ops webhook"]');
    await row.waitFor();

    await row.getByTestId('channel-send-test').click();
    const outcome = row.getByTestId('channel-test-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-success')).toBe('true');
    expect(await outcome.textContent()).toContain('Test message delivered (HTTP 200)');
    const [request] = await receiver.waitForRequests(1);
    expect(request!.path).toBe('/regia');
    expect(request!.headers['x-regia-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    await screenshot(page, 'notifications-channel-test');

    // The delivery log shows the test, delivered, with its one try.
    await page.getByTestId('tab-deliveries').click();
    const delivery = page.getByTestId('delivery-row').first();
    await delivery.waitFor();
    expect(await delivery.getAttribute('data-status')).toBe('delivered');
    await screenshot(page, 'notifications-delivery-log');
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
