/**
 * Issue #14 item 4: the kiosk on a busy morning. Every step fits portrait 1080x1920, landscape
 * 1920x1080, 1366x768 and 4K with no scrolling and its buttons on screen; a complaint visit is
 * not advertised as queue-jumping and gets a neutral name on screen; an appointment code can be
 * typed; survey errors show before the stars and do not carry between steps. Screenshots in
 * test-artifacts/usability/kiosk-*.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import type { HubProcess } from '../helpers/hub-process.ts';
import { addVehicles, busyHub, developerText, inViewport, issueTickets, key, scrolls, SIZES } from './fixtures.ts';

let hub: HubProcess;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  hub = await busyHub(60);
  admin = await hub.login();
  const kiosk = await hub.enrol(admin, 'kiosk', '大厅取号机');
  await issueTickets(hub, kiosk, 40);
  await addVehicles(hub, admin, 16);
  const appointment = await hub.post(
    '/api/appointments',
    { service: 'maintenance', scheduledAt: new Date().toISOString(), customerName: '王建国', plate: '粤B55555', code: 'WANG2026', idempotencyKey: key() },
    admin,
  );
  expect(appointment.status).toBe(201);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** The step fits: nothing scrolls, every visible button lies inside the screen. */
async function expectFits(page: Page, name: string): Promise<void> {
  await screenshot(page, 'usability', name);
  expect(await scrolls(page), `${name} scrolls`).toBe(false);
  const buttons = page.locator('main button:visible');
  const offscreen: string[] = [];
  for (let i = 0; i < (await buttons.count()); i++) {
    const button = buttons.nth(i);
    if (!(await inViewport(page, button))) offscreen.push((await button.textContent()) ?? '?');
  }
  expect(offscreen, `${name}: buttons off screen`).toEqual([]);
  const text = (await page.locator('body').innerText()).split('\n').filter(Boolean);
  expect(text.flatMap((l) => developerText(l))).toEqual([]);
}

describe('kiosk at every size', () => {
  for (const size of SIZES) {
    it(`fits every step at ${size.name} with no scrolling`, async () => {
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      page.on('pageerror', (err) => console.error('kiosk page error:', err));
      await page.goto(`${hub.url}/kiosk`);
      await page.getByRole('heading', { name: '请选择服务项目' }).waitFor();
      await expectFits(page, `kiosk-${size.name}-1-services`);
      await page.locator('[data-service="maintenance"]').click();
      for (const k of ['粤', 'B', '1', '2', '3', '4', '5']) await page.locator(`.plate-keyboard [data-key="${k}"]`).click();
      await expectFits(page, `kiosk-${size.name}-2-plate`);
      await page.locator('input[name="phone"]').click();
      await expectFits(page, `kiosk-${size.name}-3-phone`);
      await page.locator('[data-action="next"]').click();
      await page.getByRole('heading', { name: '请确认' }).waitFor();
      await expectFits(page, `kiosk-${size.name}-4-confirm`);
      await page.locator('[data-action="confirm"]').click();
      await page.getByTestId('ticket-number').waitFor();
      await expectFits(page, `kiosk-${size.name}-5-ticket`);
      await page.getByRole('button', { name: '完成' }).click();
      await page.locator('[data-action="survey"]').click();
      await expectFits(page, `kiosk-${size.name}-6-survey-identify`);
      for (const k of ['粤', 'B', '1', '2', '3', '4', '5']) await page.locator(`.plate-keyboard [data-key="${k}"]`).click();
      await page.locator('[data-action="survey-plate"]').click();
      await page.locator('[data-item="overall"]').waitFor();
      await expectFits(page, `kiosk-${size.name}-7-survey-scores`);
      await page.goto(`${hub.url}/kiosk`);
      await page.locator('[data-action="appointment"]').click();
      await expectFits(page, `kiosk-${size.name}-8-appointment-code`);
      await page.close();
    }, 120_000);
  }
});

describe('kiosk visits', () => {
  it('does not advertise complaints as queue-jumping and shows a neutral name on the ticket screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hub.url}/kiosk`);
    await page.getByRole('heading', { name: '请选择服务项目' }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('优先');
    await page.locator('[data-service="complaint"]').click();
    await page.locator('[data-action="skip"]').click();
    await page.locator('[data-action="confirm"]').click();
    await page.getByTestId('ticket-number').waitFor();
    const screen = await page.locator('.ticket').innerText();
    expect(screen).not.toContain('投诉');
    expect(screen).not.toContain('优先');
    await screenshot(page, 'usability', 'kiosk-complaint-ticket');
    // The desk sees the priority.
    const tickets = (await hub.get('/api/tickets', admin)).body as { number: string; ticketClass: string }[];
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(tickets.find((x) => x.number === number)?.ticketClass).toBe('priority');
    await page.close();
  });

  it('checks in an appointment by typing its code', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${hub.url}/kiosk`);
    await page.locator('[data-action="appointment"]').click();
    for (const k of 'WANG2026') await page.locator(`.code-keyboard [data-key="${k}"]`).click();
    await page.locator('[data-action="appointment-submit"]').click();
    await page.getByTestId('ticket-number').waitFor();
    // Greeted by surname and title only (王先生/女士), never the full name.
    expect(await page.locator('.appointment-ok').textContent()).toBe('王先生/女士，您的预约已签到');
    expect(await page.locator('.ticket').innerText()).not.toContain('王建国'); // never a full name on screen
    await screenshot(page, 'usability', 'kiosk-appointment-typed');
    await page.close();
  });

  it('shows an unknown typed code in words, and survey errors before the stars, never carried to the next step', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hub.url}/kiosk`);
    await page.locator('[data-action="appointment"]').click();
    for (const k of 'ZZZZ9999') await page.locator(`.code-keyboard [data-key="${k}"]`).click();
    await page.locator('[data-action="appointment-submit"]').click();
    await expect.poll(() => page.locator('.field-error').textContent()).toBe('没有找到这个预约，请核对预约码，或直接选择服务项目取号');
    await screenshot(page, 'usability', 'kiosk-appointment-unknown');

    await page.goto(`${hub.url}/kiosk`);
    await page.locator('[data-action="survey"]').click();
    await page.locator('[data-action="survey-plate"]').click(); // nothing entered yet
    await expect.poll(() => page.locator('.field-error').count()).toBe(1);
    for (const k of ['粤', 'B', '1', '2', '3', '4', '5']) await page.locator(`.plate-keyboard [data-key="${k}"]`).click();
    await page.locator('[data-action="survey-plate"]').click();
    await page.locator('[data-item="overall"]').waitFor();
    expect(await page.locator('.field-error').count()).toBe(0); // the old error stayed behind
    await page.close();
  });
});
