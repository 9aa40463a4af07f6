/**
 * The walking skeleton end to end, as people use it: a customer checks in on /kiosk in
 * Chromium, the ticket's bytes arrive at a TCP printer and decode to the number on screen, an
 * advisor calls next on /desk, and /display shows that number — pushed, without a reload.
 * Screenshots of each page are saved under test-artifacts/e2e/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { launchChromium, scanInto, screenshot } from './helpers/browser.ts';
import { DEFAULT_ADMIN_PIN, HubProcess } from './helpers/hub-process.ts';

let printer: VirtualPrinter;
let hub: HubProcess;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  printer = new VirtualPrinter();
  await printer.listen();
  hub = new HubProcess({ entry: 'all-in-one', env: { PRINTER: printer.url } });
  await hub.start();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const page of pages) {
    if (!page.isClosed()) await screenshot(page, 'e2e', `last-${pages.indexOf(page)}`).catch(() => undefined);
  }
  await browser?.close();
  await hub?.stop();
  await printer?.close();
});

async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  pages.push(page);
  page.on('pageerror', (err) => console.error(`page error on ${path}:`, err));
  await page.goto(hub.url + path);
  return page;
}

describe('check in → print → call → display', () => {
  it('shows the same number on the ticket, the desk and the lounge display', async () => {
    const display = await open('/display', { width: 1920, height: 1080 });
    await display.getByTestId('connection').filter({ hasText: '已连接' }).waitFor();
    await screenshot(display, 'e2e', 'display-idle');

    // Customer: portrait kiosk, Chinese by default.
    const kiosk = await open('/kiosk', { width: 1080, height: 1920 });
    await kiosk.getByRole('heading', { name: '请选择服务项目' }).waitFor();
    await screenshot(kiosk, 'e2e', 'kiosk-1-services');
    await kiosk.locator('[data-service="maintenance"]').click();

    // The on-screen plate keyboard: province, office letter, then letters and digits.
    const tap = async (keys: string[]) => {
      for (const k of keys) await kiosk.locator(`.plate-keyboard [data-key="${k}"]`).click();
    };
    await tap(['粤', 'B', '1', '2', '3']);
    await screenshot(kiosk, 'e2e', 'kiosk-2-plate-keyboard');
    // A plate too short is refused on the spot, with a message in the customer's language.
    await kiosk.locator('[data-action="next"]').click();
    await expect.poll(() => kiosk.locator('.field-error').textContent()).toContain('车牌号格式不正确');
    await tap(['4', '5']);
    expect(await kiosk.locator('input[name="plate"]').inputValue()).toBe('粤B12345');
    await kiosk.locator('input[name="phone"]').click();
    for (const d of '13812345678') await kiosk.locator(`[data-digit="${d}"]`).click();
    // A phone is kept only with the customer's consent; the screen says what it is for.
    expect(await kiosk.locator('.consent .purpose').textContent()).toBe('手机号仅用于通知您的车辆进度，90 天后自动删除。');
    await kiosk.locator('[data-action="next"]').click();
    await expect.poll(() => kiosk.locator('.field-error').textContent()).toContain('请先勾选');
    await kiosk.locator('[data-action="consent"]').click();
    await screenshot(kiosk, 'e2e', 'kiosk-2-details');
    await kiosk.locator('[data-action="next"]').click();
    await kiosk.getByRole('heading', { name: '请确认' }).waitFor();
    await screenshot(kiosk, 'e2e', 'kiosk-3-confirm');

    const printed = printer.nextReceipt(15_000);
    await kiosk.locator('[data-action="confirm"]').click();
    const numberOnScreen = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
    expect(numberOnScreen).toMatch(/^A\d{3}$/);
    await expect.poll(() => kiosk.getByRole('heading').first().textContent()).toBe('请取走您的号票');
    await screenshot(kiosk, 'e2e', 'kiosk-4-ticket');

    // The printer got ESC/POS that decodes to the same number, large, in Chinese, with a QR.
    const receipt = (await printed).receipt;
    const numberLine = receipt.lines.find((l) => /^[A-Z]\d{3}$/.test(l.text));
    expect(numberLine?.text).toBe(numberOnScreen);
    expect(numberLine!.width).toBeGreaterThanOrEqual(5);
    expect(receipt.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['示例汽车4S店 售后服务中心', '保养']));
    expect(receipt.qrCodes[0]?.data).toMatch(/\/t\/[0-9a-f]{32}$/);
    expect(receipt.cut).not.toBeNull();

    // The lounge display learns of the new waiting ticket by push.
    await display
      .locator('footer [data-service="maintenance"] strong')
      .filter({ hasText: /^[1-9]/ })
      .waitFor();

    // Advisor: log in with a PIN, choose counter 2, call next.
    const desk = await open('/desk', { width: 1280, height: 800 });
    await desk.locator('input[name="pin"]').fill('000000');
    await desk.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => desk.getByRole('alert').textContent()).toBe('PIN 码不正确');
    await screenshot(desk, 'e2e', 'desk-0-login');
    await desk.locator('input[name="pin"]').fill(DEFAULT_ADMIN_PIN);
    await desk.getByRole('button', { name: '登录' }).click();
    await desk.locator('[data-counter="2"]').click();
    await screenshot(desk, 'e2e', 'desk-1-ready');
    await desk.locator('[data-action="call-next"]').click();
    await expect.poll(() => desk.getByTestId('called-number').textContent()).toBe(numberOnScreen);
    await screenshot(desk, 'e2e', 'desk-2-called');

    // Lounge display: the called number and its counter, without a reload.
    await expect.poll(() => display.getByTestId('now-calling-number').textContent(), { timeout: 10_000 }).toBe(numberOnScreen);
    expect(await display.getByTestId('now-calling-counter').textContent()).toBe('2号服务台');
    await screenshot(display, 'e2e', 'display-called');

    // Nothing personal reached the public display.
    const html = await display.content();
    expect(html).not.toContain('12345');
    expect(html).not.toContain('13812345678');
  });

  it('goes back to the start by itself after the ticket screen', async () => {
    const tw = await open('/kiosk?lang=zh-TW', { width: 1920, height: 1080 });
    await tw.getByRole('heading', { name: '請選擇服務項目' }).waitFor();
    await screenshot(tw, 'e2e', 'kiosk-landscape-zh-TW-services');
    const headers = (await tw.goto(`${hub.url}/kiosk`))!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    const kiosk = await open('/kiosk?lang=en', { width: 1920, height: 1080 });
    await kiosk.locator('[data-service="pickup"]').click();
    await kiosk.locator('[data-action="skip"]').click();
    await kiosk.locator('[data-action="confirm"]').click();
    await kiosk.getByTestId('ticket-number').waitFor();
    await screenshot(kiosk, 'e2e', 'kiosk-landscape-en-ticket');
    await kiosk.getByRole('heading', { name: 'What can we do for you today?' }).waitFor({ timeout: 25_000 });
  }, 60_000); // the ticket screen stays 15 s by design; opening two pages and issuing come on top

  it('checks in an appointment scanned at the kiosk, with the appointment service and class', async () => {
    const admin = await hub.login();
    const appointment = (
      await hub.post('/api/appointments', { service: 'warranty', scheduledAt: new Date().toISOString(), idempotencyKey: `appt-${Date.now()}` }, admin)
    ).body as { code: string };
    const kiosk = await open('/kiosk', { width: 1080, height: 1920 });
    await kiosk.getByRole('heading', { name: '请选择服务项目' }).waitFor();
    // A hostile scan is refused and changes nothing.
    await scanInto(kiosk, "'; DROP TABLE");
    await expect.poll(() => kiosk.locator('.scan-hint').textContent()).toBe('无法识别此二维码，请选择服务项目取号');
    const printed = printer.nextReceipt(15_000);
    await scanInto(kiosk, `APPT:${appointment.code}`);
    await kiosk.locator('.appointment-ok').waitFor();
    const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^D\d{3}$/);
    await screenshot(kiosk, 'e2e', 'kiosk-6-appointment');
    expect((await printed).receipt.lines.map((l) => l.text)).toContain(number);
    const tickets = (await hub.get('/api/tickets', admin)).body as { number: string; ticketClass: string }[];
    expect(tickets.find((t) => t.number === number)?.ticketClass).toBe('appointment');
  });

  it('takes an on-site satisfaction survey from a scanned ticket, and the manager sees the scores', async () => {
    const admin = await hub.login();
    const ticket = (await hub.get('/api/tickets', admin)).body[0] as { trackingToken: string };
    const kiosk = await open('/kiosk', { width: 1080, height: 1920 });
    await kiosk.locator('[data-action="survey"]').click();
    await scanInto(kiosk, `http://localhost:8080/t/${ticket.trackingToken}`);
    await kiosk.getByRole('heading', { name: '请为本次服务打分' }).waitFor();
    for (const [item, score] of [
      ['overall', 5],
      ['advisor', 4],
      ['speed', 3],
      ['lounge', 5],
    ] as const) {
      await kiosk.locator(`[data-item="${item}"] [data-score="${score}"]`).click();
    }
    await kiosk.getByRole('button', { name: '服务热情' }).click();
    await screenshot(kiosk, 'e2e', 'kiosk-7-survey');
    await kiosk.locator('[data-action="survey-submit"]').click();
    await kiosk.getByTestId('survey-thanks').waitFor();
    const stats = (await hub.get('/api/stats/day', admin)).body as { satisfaction: { responses: number; overall: number; advisor: number; speed: number } };
    expect(stats.satisfaction).toMatchObject({ responses: 1, overall: 5, advisor: 4, speed: 3 });
    // Scores outside 1–5 are refused by the hub and change nothing.
    const kioskToken = await hub.enrol(admin, 'kiosk');
    const bad = await hub.post(
      '/api/surveys',
      { plate: '粤B12345', scores: { overall: 9, advisor: 1, speed: 1, lounge: 1 }, idempotencyKey: `bad-${Date.now()}` },
      kioskToken,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('scores.overall: scores are 1 to 5');
    expect(((await hub.get('/api/stats/day', admin)).body as { satisfaction: { responses: number } }).satisfaction.responses).toBe(1);
  });

  it('keeps the ticket when the printer is out of paper: the number on screen, see the desk, an alert at the desk', async () => {
    printer.state = { paperEnd: true };
    const kiosk = await open('/kiosk', { width: 1080, height: 1920 });
    await kiosk.locator('[data-service="repair"]').click();
    await kiosk.locator('[data-action="skip"]').click();
    await kiosk.locator('[data-action="confirm"]').click();
    const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
    await expect.poll(() => kiosk.getByRole('heading').first().textContent()).toBe('号票未能打印，请记下您的号码并到前台');
    await screenshot(kiosk, 'e2e', 'kiosk-5-paper-out');
    const admin = await hub.login();
    const tickets = (await hub.get('/api/tickets', admin)).body as { number: string; status: string }[];
    expect(tickets.find((t) => t.number === number)?.status).toBe('waiting');
    const openPrinterAlerts = async () =>
      ((await hub.get('/api/alerts', admin)).body as { kind: string; resolvedAt: string | null; subject: { detail: string } }[]).filter(
        (a) => a.kind === 'printer_fault' && !a.resolvedAt,
      );
    await expect.poll(async () => (await openPrinterAlerts())[0]?.subject.detail ?? '', { timeout: 5000 }).toContain(`paper_end, ticket ${number} not printed`);

    // Paper refilled: the desk reprints the ticket at the kiosk that issued it.
    printer.state = {};
    const lost = (await hub.get('/api/tickets', admin)).body.find((t: { number: string }) => t.number === number) as { id: number };
    const advisor = await hub.staff(admin, 'advisor', '4680');
    const reprinted = printer.nextReceipt(15_000);
    const answer = await hub.post(`/api/tickets/${lost.id}/reprint`, { idempotencyKey: `reprint-${Date.now()}` }, advisor);
    expect(answer.status).toBe(200);
    expect((await reprinted).receipt.lines.map((l) => l.text)).toContain(number);
    // The next ticket prints too, and the alert resolves itself.
    await kiosk.getByRole('button', { name: '完成' }).click();
    await kiosk.locator('[data-service="repair"]').click();
    await kiosk.locator('[data-action="skip"]').click();
    const printed = printer.nextReceipt(15_000);
    await kiosk.locator('[data-action="confirm"]').click();
    await printed;
    await expect.poll(async () => (await openPrinterAlerts()).length, { timeout: 5000 }).toBe(0);
  });
});
