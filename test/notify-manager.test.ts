/**
 * The manager sets up the customer webhook in the settings page and sends a test message
 * (issue #15), in Chromium against the real hub: the receiver, which checks the signature with
 * the secret, gets it; the page says it went; the secret is never shown back in full.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWebhookReceiver } from '../hub/src/notify/fake-providers.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import type { HubProcess } from './helpers/hub-process.ts';
import { hubWithWebhook } from './helpers/notify-hub.ts';

const SECRET = 'manager-typed-secret-9f8e7d6c';
let receiver: FakeWebhookReceiver;
let hub: HubProcess;
let browser: Browser;

beforeAll(async () => {
  receiver = new FakeWebhookReceiver(SECRET);
  await receiver.start();
  hub = hubWithWebhook(null);
  await hub.start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await receiver?.stop();
});

describe('message settings in the manager console', () => {
  it('saves the webhook, masks its secret, and sends a test message that the receiver verifies', { timeout: 90_000 }, async () => {
    const admin = await hub.login();
    await hub.staff(admin, 'manager', '333333');
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('pageerror', (err) => console.error('manager page error:', err));
    await page.goto(`${hub.url}/manager`);
    await page.locator('input[name="pin"]').fill('333333');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-tab="settings"]').click();

    // Before any channel: the test is refused with a sentence, not a code.
    await page.locator('input[name="testPhone"]').fill('13900001111');
    await page.locator('[data-action="test-customer"]').click();
    await expect.poll(() => page.getByTestId('notify-test-status').textContent()).toBe('还没有配置这个通知渠道，请先填写并保存设置');

    await page.locator('input[name="notify.webhook.url"]').fill(`${receiver.url}/hook`);
    await page.locator('input[name="notify.webhook.secret"]').fill(SECRET);
    await page.locator('[data-action="save-settings"]').click();
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置已保存');
    expect(await page.locator('input[name="notify.webhook.secret"]').inputValue()).toBe('••••••••7d6c');
    expect(JSON.stringify((await hub.get('/api/settings', admin)).body)).not.toContain(SECRET);

    await page.locator('[data-action="test-customer"]').click();
    await expect.poll(() => page.getByTestId('notify-test-status').textContent(), { timeout: 15_000 }).toMatch(/^测试 · 已发送 \d\d:\d\d$/);
    expect(receiver.refused).toEqual([]);
    expect(receiver.received).toMatchObject([{ type: 'customer.test', phone: '13900001111' }]);
    await screenshot(page, 'notify', 'manager-notify-settings');

    // Saving again with the mask untouched keeps the secret: a second test still verifies.
    await page.locator('input[name="notify.maxPerPhonePerHour"]').fill('6');
    await page.locator('[data-action="save-settings"]').click();
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置已保存');
    await page.locator('[data-action="test-customer"]').click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.refused).toEqual([]);
  });

  it('sets Aliyun SMS, the near notice and the pre-inspection bays, each problem in Chinese on its own field', { timeout: 90_000 }, async () => {
    const admin = await hub.login();
    await hub.staff(admin, 'manager', '444444');
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('pageerror', (err) => console.error('manager page error:', err));
    await page.goto(`${hub.url}/manager`);
    await page.locator('input[name="pin"]').fill('444444');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-tab="settings"]').click();
    const problem = (name: string) => page.locator(`label:has(input[name="${name}"]) .field-error`);

    // Half an SMS setup and a bay named twice: each field says what is wrong, nothing is saved.
    const before = (await hub.get('/api/settings', admin)).body as { notify: { sms: unknown }; preinspectionBays: string[] };
    await page.locator('input[name="notify.sms.accessKeyId"]').fill('LTAI5tExampleKeyId');
    await page.locator('input[name="notify.sms.signName"]').fill('示例汽车4S店售后服务中心欢迎您的光临与惠顾');
    await page.locator('input[name="preinspectionBays"]').fill('P1 P2 P2');
    await page.locator('[data-action="save-settings"]').click();
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置有误，请检查标红的项目');
    expect(await problem('notify.sms.accessKeySecret').textContent()).toBe('请填写短信 AccessKey Secret');
    expect(await problem('notify.sms.signName').textContent()).toBe('短信签名填写有误，请检查');
    expect(await problem('preinspectionBays').textContent()).toBe('预检车位（空格分隔）与其他行重复，请换一个');
    expect(await page.locator('input[name="preinspectionBays"]').getAttribute('aria-invalid')).toBe('true');
    expect((await hub.get('/api/settings', admin)).body).toMatchObject({ notify: { sms: before.notify.sms }, preinspectionBays: before.preinspectionBays });

    await page.locator('input[name="notify.sms.accessKeySecret"]').fill('an-access-key-secret-1234');
    await page.locator('input[name="notify.sms.signName"]').fill('示例汽车');
    await page.locator('input[name="notify.sms.templates.job.ready"]').fill('SMS_100001');
    await page.locator('input[name="notify.sms.templates.appointment.reminder"]').fill('SMS_100002');
    await page.locator('input[name="notify.nearAhead"]').fill('2');
    await page.locator('input[name="preinspectionBays"]').fill('P1 P2 P3 P4');
    await page.locator('[data-action="save-settings"]').click();
    await expect.poll(() => page.locator('.save-row .message').textContent()).toBe('设置已保存');
    expect(await page.locator('input[name="notify.sms.accessKeySecret"]').inputValue()).toBe('••••••••1234');
    const saved = (await hub.get('/api/settings', admin)).body as {
      notify: { nearAhead: number; sms: { accessKeyId: string; accessKeySecret: string; signName: string; templates: Record<string, string> } };
      preinspectionBays: string[];
    };
    expect(saved.preinspectionBays).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(saved.notify.nearAhead).toBe(2);
    expect(saved.notify.sms).toMatchObject({
      accessKeyId: 'LTAI5tExampleKeyId',
      accessKeySecret: '••••••••1234',
      signName: '示例汽车',
      templates: { 'job.ready': 'SMS_100001', 'appointment.reminder': 'SMS_100002' },
    });
    // The new bay is a real one: a vehicle can be put in it.
    const arrival = await hub.post('/api/arrivals', { plate: '粤B80001', bay: 'P4', idempotencyKey: `bay-p4-${process.pid}` }, admin);
    expect(arrival.status).toBe(201);
    await screenshot(page, 'notify', 'manager-sms-and-bays');
  });
});
