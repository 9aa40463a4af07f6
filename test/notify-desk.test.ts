/**
 * Message status at the desk (issue #15), in Chromium against the real hub: the job of the
 * ticket at the counter shows that the call notice went out; additional work waiting for the
 * customer shows its message is not through yet and the provider's reason, in the page's words.
 * Screenshots in test-artifacts/notify/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWebhookReceiver } from '../hub/src/notify/fake-providers.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import type { HubProcess } from './helpers/hub-process.ts';
import { hubWithWebhook } from './helpers/notify-hub.ts';
import { until } from './helpers/until.ts';

const SECRET = 'desk-test-webhook-secret-123456';
let receiver: FakeWebhookReceiver;
let hub: HubProcess;
let browser: Browser;
let page: Page;
let n = 0;
const key = (): string => `notify-desk-${process.pid}-${++n}`;

beforeAll(async () => {
  receiver = new FakeWebhookReceiver(SECRET);
  await receiver.start();
  hub = hubWithWebhook(receiver.url, SECRET);
  await hub.start();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  if (page && !page.isClosed()) await screenshot(page, 'notify', 'last').catch(() => undefined);
  await browser?.close();
  await hub?.stop();
  await receiver?.stop();
});

describe('customer messages at the desk', () => {
  it('shows each message of the job at the counter and of additional work, with its status', { timeout: 90_000 }, async () => {
    const admin = await hub.login();
    const kiosk = await hub.enrol(admin, 'kiosk');
    await hub.post('/api/staff', { name: '李娜', role: 'advisor', pin: '2580', idempotencyKey: key() }, admin);
    const ticket = (await hub.post('/api/tickets', { service: 'maintenance', phone: '13812345678', notifyConsent: true, idempotencyKey: key() }, kiosk))
      .body as { id: number; number: string };

    await page.goto(`${hub.url}/desk`);
    await page.locator('input[name="pin"]').fill('2580');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-counter="1"]').click();
    await page.locator('.held-panel[aria-busy="false"]').waitFor(); // a key pressed mid-request is ignored by design
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('called-number').textContent()).toBe(ticket.number);
    await until(() => receiver.received.length === 1, 'the call notice at the receiver');

    const job = (
      await hub.post(
        '/api/jobs',
        {
          ticketId: ticket.id,
          plate: '粤B12345',
          model: '凯美瑞',
          surname: '王',
          title: '先生',
          services: ['maintenance'],
          promisedAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
          wash: false,
          idempotencyKey: key(),
        },
        admin,
      )
    ).body as { id: number };
    // The ticket's consent covers the visit: its call notice shows on the job's line, sent.
    const line = page.locator(`.panel [data-testid="job-messages"][data-job="${job.id}"]`).first();
    await expect.poll(() => line.textContent(), { timeout: 15_000 }).toMatch(/叫号 · 已发送 \d\d:\d\d/);

    // The provider is failing when the workshop finds additional work.
    receiver.mode = 'error';
    await hub.post(`/api/jobs/${job.id}/additional-work`, { note: '刹车片磨损，建议更换', idempotencyKey: key() }, admin);
    await until(() => receiver.received.some((m) => m.type === 'job.approval-needed'), 'the refused approval request');
    const approvalLine = page.locator(`.approval [data-testid="job-messages"][data-job="${job.id}"]`);
    await expect.poll(() => approvalLine.textContent(), { timeout: 15_000 }).toContain('增项确认 · 待发送 · 服务商拒收（HTTP 503），将自动重试');
    await screenshot(page, 'notify', 'desk-job-messages');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/ECONNREFUSED|queued|job\.approval-needed|undefined/);
  });
});
