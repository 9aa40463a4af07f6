/**
 * Issue #14 item 6 (workshop): extra work goes through an in-page form (never window.prompt) with
 * item, price and note checked next to the fields; a scan at a station the job cannot move to
 * says in Chinese where it may go; cards show the promised time. Screenshots in
 * test-artifacts/usability/workshop-*.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, scanInto, screenshot } from '../helpers/browser.ts';
import type { HubProcess } from '../helpers/hub-process.ts';
import { addVehicles, busyHub, developerText, key } from './fixtures.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;
let jobs: number[];

beforeAll(async () => {
  hub = await busyHub(60);
  admin = await hub.login();
  await hub.post('/api/staff', { name: '王工', role: 'workshop', pin: '3690', idempotencyKey: key() }, admin);
  jobs = await addVehicles(hub, admin, 16);
  for (const to of ['waiting', 'repair']) await hub.post(`/api/jobs/${jobs[0]}/stage`, { to, idempotencyKey: key() }, admin);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function board(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('dialog', (d) => {
    throw new Error(`a browser dialog opened: ${d.message()}`);
  });
  await page.goto(hub.url + path);
  await page.locator('input[name="pin"]').fill('3690');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.job-card').first().waitFor();
  return page;
}

describe('workshop board', () => {
  it('records extra work in an in-page form with its fields checked, and shows promised times', async () => {
    const page = await board('/workshop');
    const card = page.locator(`.job-card[data-job="${jobs[0]}"]`);
    expect(await card.getByTestId('promised').textContent()).toMatch(/^交车 \d\d:\d\d$/);
    await card.locator('[data-action="add-work"]').click();
    const form = page.getByRole('dialog');
    await form.getByRole('button', { name: '提交给服务顾问' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent()).toBe('请填写项目');
    await form.locator('input[name="item"]').fill('更换刹车片');
    await form.locator('input[name="price"]').fill('三百');
    await form.getByRole('button', { name: '提交给服务顾问' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent()).toBe('金额（元）填写有误，请检查');
    await screenshot(page, 'usability', 'workshop-extra-work-form');
    await form.locator('input[name="price"]').fill('380');
    await form.locator('input[name="note"]').fill('前轮磨损到限');
    // A photo of the worn pads, as the tablet's camera gives it (a real PNG, 1×1): sent as a JPEG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await form.locator('input[name="photos"]').setInputFiles({ name: 'pads.png', mimeType: 'image/png', buffer: png });
    await form.getByRole('button', { name: '提交给服务顾问' }).click();
    await expect.poll(() => page.locator('.message').textContent()).toContain('增项已提交');
    // With a price it is priced work for the customer to approve on the phone (issue #15).
    const job = (
      (await hub.get('/api/jobs', admin)).body as { id: number; additionalWorkNote: string; additionalWork: { items: unknown[]; note: string }[] }[]
    ).find((j) => j.id === jobs[0]);
    expect(job?.additionalWorkNote).toBe('更换刹车片 ¥380；前轮磨损到限');
    expect(job?.additionalWork).toMatchObject([{ items: [{ description: '更换刹车片', priceYuan: 380 }], note: '前轮磨损到限', status: 'pending' }]);
    await expect
      .poll(
        async () =>
          ((await hub.get('/api/jobs', admin)).body as { id: number; additionalWork: { photos: number[] }[] }[]).find((j) => j.id === jobs[0])
            ?.additionalWork[0]?.photos.length,
      )
      .toBe(1);
    await page.close();
  });

  it('says where a scanned vehicle may go when the station is not its next stage', async () => {
    const page = await board('/workshop?station=wash');
    await scanInto(page, `J${String(jobs[3]).padStart(6, '0')}`); // still in reception
    await expect.poll(() => page.locator('.message').textContent()).toMatch(/现在在“接车预检”，下一步只能到：/);
    const text = (await page.locator('body').innerText()).split('\n').filter(Boolean);
    expect(text.flatMap((l) => developerText(l))).toEqual([]);
    await screenshot(page, 'usability', 'workshop-illegal-move');
    await page.close();
  });
});
