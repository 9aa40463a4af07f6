/**
 * Additional work approved on the phone, end to end (issue #15): the workshop prices two items,
 * the customer gets a message with the phone-page link, opens it on a 390x844 phone in Chromium,
 * approves one item and declines the other; the desk shows the answer live and QC opens.
 * Screenshots in test-artifacts/notify/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWebhookReceiver } from '../hub/src/notify/fake-providers.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import type { HubProcess } from './helpers/hub-process.ts';
import { hubWithWebhook } from './helpers/notify-hub.ts';
import { until } from './helpers/until.ts';

const SECRET = 'approval-test-webhook-secret-42';
let receiver: FakeWebhookReceiver;
let hub: HubProcess;
let browser: Browser;
let n = 0;
const key = (): string => `notify-approval-${process.pid}-${++n}`;

beforeAll(async () => {
  receiver = new FakeWebhookReceiver(SECRET);
  await receiver.start();
  hub = hubWithWebhook(receiver.url, SECRET);
  await hub.start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await receiver?.stop();
});

describe('additional work approved on the phone', () => {
  it('customer approves one item and declines another; the desk shows it; QC opens', { timeout: 120_000 }, async () => {
    const admin = await hub.login();
    await hub.post('/api/staff', { name: '李娜', role: 'advisor', pin: '2580', idempotencyKey: key() }, admin);
    const job = (
      await hub.post(
        '/api/jobs',
        {
          plate: '粤B12345',
          model: '凯美瑞',
          surname: '王',
          title: '先生',
          phone: '13812345678',
          notifyConsent: true,
          services: ['maintenance'],
          promisedAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
          wash: false,
          idempotencyKey: key(),
        },
        admin,
      )
    ).body as { id: number; trackingToken: string };
    for (const to of ['waiting', 'repair']) expect((await hub.post(`/api/jobs/${job.id}/stage`, { to, idempotencyKey: key() }, admin)).status).toBe(200);

    // The desk is open before anything is answered: what it shows next comes live.
    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await desk.goto(`${hub.url}/desk`);
    await desk.locator('input[name="pin"]').fill('2580');
    await desk.getByRole('button', { name: '登录' }).click();
    await desk.locator('[data-counter="1"]').click();
    await desk.locator('[data-action="call-next"]').waitFor();

    const items = [
      { description: '更换前刹车片', priceYuan: 480 },
      { description: '更换雨刮片', priceYuan: 120.5 },
    ];
    const created = await hub.post(`/api/jobs/${job.id}/additional-work`, { items, note: '前轮磨损到限', idempotencyKey: key() }, admin);
    expect(created.status).toBe(200);
    // The workshop adds a photo of the worn pads (a real PNG, 1×1).
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const workId = (created.body as { additionalWork: { id: number }[] }).additionalWork[0]!.id;
    expect(
      (await hub.post(`/api/jobs/${job.id}/additional-work/${workId}/photos`, { contentType: 'image/png', dataBase64: png, idempotencyKey: key() }, admin))
        .status,
    ).toBe(200);
    expect((await hub.post(`/api/jobs/${job.id}/stage`, { to: 'qc', idempotencyKey: key() }, admin)).body.error).toBe('approval_pending');

    // The customer's message carries the phone-page link.
    const asked = await until(() => receiver.received.find((m) => m.type === 'job.approval-needed'), 'the approval request');
    expect(new URL(asked.link!).pathname).toBe(`/t/${job.trackingToken}`);
    expect(asked.text).toContain(asked.link);
    expect(asked.text).not.toContain('粤B12345');

    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148',
    });
    await phone.goto(`${hub.url}${new URL(asked.link!).pathname}?lang=zh-CN`);
    const form = phone.getByTestId('work-approval');
    await form.waitFor();
    expect(await form.textContent()).toContain('1. 更换前刹车片 ¥480');
    expect(await form.textContent()).toContain('2. 更换雨刮片 ¥120.50');
    expect(await form.textContent()).toContain('合计: ¥600.50');
    const photo = form.getByTestId('work-photos').locator('img');
    expect(await photo.getAttribute('alt')).toBe('增项照片 1');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await screenshot(phone, 'notify', 'phone-approval-390x844');
    const submit = form.locator('button.submit');
    expect(await submit.isDisabled()).toBe(true);
    await form.locator('[data-item="0"] button', { hasText: '同意' }).tap();
    await form.locator('[data-item="1"] button', { hasText: '不需要' }).tap();
    expect(await phone.getByTestId('approved-total').textContent()).toBe('您同意的金额：¥480');
    // The form fits the phone: no sideways scrolling.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await submit.tap();
    await phone.getByTestId('work-answered').waitFor();
    await screenshot(phone, 'notify', 'phone-answered-390x844');

    const answered = desk.getByTestId('answered-work').locator(`[data-job="${job.id}"]`);
    await expect.poll(() => answered.textContent(), { timeout: 10_000 }).toContain('更换前刹车片 ¥480 · 同意');
    expect(await answered.textContent()).toContain('更换雨刮片 ¥120.50 · 不需要');
    expect(await answered.textContent()).toContain('手机确认');
    await screenshot(desk, 'notify', 'desk-answered-work');

    const audit = (await hub.get('/api/audit?limit=20', admin)).body as { action: string; actor: string }[];
    expect(audit.some((a) => a.action === 'job.additional-work-answer')).toBe(true);
    expect((await hub.post(`/api/jobs/${job.id}/stage`, { to: 'qc', idempotencyKey: key() }, admin)).status).toBe(200);
  });
  it('the desk records an answer given by phone call, item by item, marked as such', { timeout: 90_000 }, async () => {
    const admin = await hub.login();
    const job = (
      await hub.post(
        '/api/jobs',
        {
          plate: '粤B67890',
          model: '雅阁',
          surname: '李',
          title: '女士',
          services: ['maintenance'],
          promisedAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
          wash: false,
          idempotencyKey: key(),
        },
        admin,
      )
    ).body as { id: number; trackingToken: string };
    for (const to of ['waiting', 'repair']) await hub.post(`/api/jobs/${job.id}/stage`, { to, idempotencyKey: key() }, admin);
    const items = [
      { description: '更换空调滤芯', priceYuan: 150 },
      { description: '四轮定位', priceYuan: 260 },
    ];
    await hub.post(`/api/jobs/${job.id}/additional-work`, { items, idempotencyKey: key() }, admin);

    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await desk.goto(`${hub.url}/desk`);
    await desk.locator('input[name="pin"]').fill('2580');
    await desk.getByRole('button', { name: '登录' }).click();
    await desk.locator('[data-counter="2"]').click();
    const row = desk.locator(`.approvals .approval[data-job="${job.id}"]`);
    await row.locator('[data-item="0"] button', { hasText: '不需要' }).click();
    expect(await row.locator('[data-action="answer-phone-call"]').isDisabled()).toBe(true);
    await row.locator('[data-item="1"] button', { hasText: '同意' }).click();
    await screenshot(desk, 'notify', 'desk-record-phone-call');
    await row.locator('[data-action="answer-phone-call"]').click();

    const answered = desk.getByTestId('answered-work').locator(`[data-job="${job.id}"]`);
    await expect.poll(() => answered.textContent(), { timeout: 10_000 }).toContain('电话确认');
    expect(await answered.textContent()).toContain('四轮定位 ¥260 · 同意');
    const stored = (await hub.get(`/api/jobs/${job.id}`, admin)).body as { additionalWork: { answerSource: string; answer: unknown }[] };
    expect(stored.additionalWork[0]).toMatchObject({
      answerSource: 'phone_call',
      answer: [
        { itemIndex: 0, approved: false },
        { itemIndex: 1, approved: true },
      ],
    });
    // The customer's phone page now shows the answer, not the form.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${hub.url}/t/${job.trackingToken}?lang=zh-CN`);
    await phone.getByTestId('work-answered').waitFor();
    expect(await phone.getByTestId('work-approval').count()).toBe(0);
  });
});
