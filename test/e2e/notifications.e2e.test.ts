import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../targets/webhook-receiver';
import { browserAvailability, callApi, pageProblems, screenshot, signInAs, useBrowserSuite } from './harness';

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
    const { context, page } = await signInAs(suite, 'admin');
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

  it('creates, renames and deletes a rule, with its mistakes shown under the fields', {
    timeout: 90_000,
  }, async () => {
    const { context, page } = await signInAs(suite, 'admin');
    const channel = await callApi<{ id: number }>(page, 'POST', '/notifications/channels', {
      name: 'Ops webhook',
      settings: { kind: 'webhook', url: 'https://hooks.example.com/regia', headers: {} },
    });
    await callApi(page, 'POST', '/notifications/rules', {
      name: 'Night shift',
      events: ['check.down'],
      channelIds: [channel.id],
    });

    await page.getByTestId('nav-notifications').click();
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('rule-table').waitFor();
    await page.getByTestId('new-rule').click();
    await page.getByTestId('rule-name').fill('Night shift');
    // Checked in the browser first: a rule without a channel never reaches the server.
    await page.getByTestId('rule-submit').click();
    await page.getByText('pick at least one channel').waitFor();
    // The field's wrapper covers its input once it shows an error, so the click goes through it.
    await page.getByTestId('rule-channels').click({ force: true });
    await page.getByRole('option', { name: 'Ops webhook' }).click();
    // The server refuses the taken name, and the form says so under the name.
    await page.getByTestId('rule-submit').click();
    await page.getByText('already used by another rule').waitFor();
    await screenshot(page, 'notifications-rule-form');
    await page.getByTestId('rule-name').fill('Day shift');
    await page.getByTestId('rule-submit').click();
    const dayShift = page.getByTestId('rule-row').filter({ hasText: 'Day shift' });
    await dayShift.waitFor();

    // The edit dialog opens on the row, without the last dialog's error.
    await dayShift.getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByTestId('rule-name').inputValue()).toBe('Day shift');
    expect(await page.getByText('already used by another rule').count()).toBe(0);
    await page.getByTestId('rule-name').fill('Weekend shift');
    await page.getByTestId('rule-submit').click();
    const weekendShift = page.getByTestId('rule-row').filter({ hasText: 'Weekend shift' });
    await weekendShift.waitFor();

    await weekendShift.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await weekendShift.waitFor({ state: 'detached' });
    expect(await page.getByTestId('rule-row').allTextContents()).toEqual([
      expect.stringContaining('Night shift'),
    ]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
