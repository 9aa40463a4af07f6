/**
 * Wait estimates through the real hub process (issue #21, issue #14 item 4): the kiosk screen,
 * the printed ticket (ESC/POS bytes at a TCP printer, decoded) and the phone page show the same
 * range in the same words, never "0 分钟" with people ahead; the phone page follows the queue as
 * it moves; a manager sees each service's learned duration and can override it.
 * Screenshots under test-artifacts/wait-estimate/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { HubProcess } from './helpers/hub-process.ts';

let printer: VirtualPrinter;
let hub: HubProcess;
let browser: Browser;
let admin: string;
let kioskToken: string;
const pages: Page[] = [];
let keys = 0;
const key = (): string => `wait-test-${process.pid}-${++keys}`;

beforeAll(async () => {
  printer = new VirtualPrinter();
  await printer.listen();
  hub = new HubProcess({ entry: 'all-in-one', env: { PRINTER: printer.url } });
  await hub.start();
  admin = await hub.login();
  kioskToken = await hub.enrol(admin, 'kiosk');
  browser = await launchChromium();
});

afterAll(async () => {
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

describe('the wait a customer is told', () => {
  it('kiosk screen, printed ticket and phone page agree on a range, never 0 with people ahead, and the phone page follows the queue', async () => {
    // Two customers already wait for maintenance; the three counters are open but nobody has called yet
    // (the old estimate said "0 minutes" here: three idle counters, as if they had already called).
    for (let i = 0; i < 2; i++) {
      const issued = await hub.post('/api/tickets', { service: 'maintenance', idempotencyKey: key() }, kioskToken);
      expect(issued.status).toBe(201);
    }

    const kiosk = await open('/kiosk', { width: 1080, height: 1920 });
    await kiosk.locator('[data-service="maintenance"]').click();
    await kiosk.locator('[data-action="skip"]').click();
    const printed = printer.nextReceipt(15_000);
    await kiosk.locator('[data-action="confirm"]').click();
    await kiosk.getByTestId('ticket-number').waitFor();
    expect(await kiosk.locator('.ahead').textContent()).toBe('前面还有 2 位');
    const onScreen = (await kiosk.getByTestId('ticket-estimate').textContent())!.trim();
    await screenshot(kiosk, 'wait-estimate', 'kiosk-ticket');
    expect(onScreen).toMatch(/^预计等候约 \d+(–\d+)? 分钟$/);
    expect(onScreen).not.toMatch(/约 0/);
    await expect(kiosk.getByTestId('ticket-estimate').isVisible()).resolves.toBe(true);

    // The ticket prints the very same words.
    const receipt = (await printed).receipt;
    const lines = receipt.lines.map((l) => l.text);
    expect(lines).toContain(onScreen);

    // The phone page (the QR on the ticket) says the same range, then follows the queue without a reload.
    const link = receipt.qrCodes[0]!.data;
    const phone = await open(`${new URL(link).pathname}?lang=zh-CN`, { width: 390, height: 844 });
    const phoneEstimate = phone.getByTestId('ticket-estimate');
    await expect.poll(() => phoneEstimate.textContent()).toBe(onScreen.replace('预计等候', ''));
    await screenshot(phone, 'wait-estimate', 'phone-waiting');
    const advisor = await hub.staff(admin, 'advisor', '864201');
    const called = await hub.post('/api/counters/1/call-next', { idempotencyKey: key() }, advisor);
    expect(called.status).toBe(200);
    await expect.poll(() => phone.getByTestId('ticket-view').textContent(), { timeout: 5000 }).toContain('前面还有 1 位');
    await screenshot(phone, 'wait-estimate', 'phone-after-one-called');

    // The lounge TV says a new maintenance ticket's wait in the same words, as a range.
    const tv = await open('/display', { width: 1920, height: 1080 });
    const tvWait = tv.locator('footer [data-service="maintenance"] em');
    await expect.poll(() => tvWait.textContent(), { timeout: 5000 }).toMatch(/^ ?约 \d+(–\d+)? 分钟$/);
    await screenshot(tv, 'wait-estimate', 'tv-waits');
  });

  it('shows the manager what each service takes, and an override changes the estimate', async () => {
    const manager = await hub.staff(admin, 'manager', '975310');
    const before = await hub.get('/api/service-durations', manager);
    expect(before.status).toBe(200);
    const repair = before.body.find((s: { service: string }) => s.service === 'repair');
    expect(repair).toMatchObject({ service: 'repair', overrideMinutes: null, usedMinutes: expect.any(Number), learnedMinutes: expect.any(Number) });

    // Nobody may set it but a manager, and nonsense is refused without changing anything.
    expect((await hub.post('/api/service-durations', { minutes: { repair: 40 }, idempotencyKey: key() }, kioskToken)).status).toBe(403);
    const bad = await hub.post('/api/service-durations', { minutes: { repair: 0 }, idempotencyKey: key() }, manager);
    expect(bad.status).toBe(400);
    expect((await hub.get('/api/service-durations', manager)).body.find((s: { service: string }) => s.service === 'repair').overrideMinutes).toBeNull();

    const waitBefore = (await hub.get('/api/queue')).body.waits.repair.estimatedMinutes as number;
    // A queue of repairs so that the duration matters: three ahead at one counter's pace.
    for (const id of ['2', '3']) {
      expect((await hub.post(`/api/counters/${id}/state`, { state: 'closed', idempotencyKey: key() }, manager)).status).toBe(200);
    }
    for (let i = 0; i < 3; i++) await hub.post('/api/tickets', { service: 'repair', idempotencyKey: key() }, kioskToken);
    const learned = (await hub.get('/api/queue')).body.waits.repair;
    const saved = await hub.post('/api/service-durations', { minutes: { repair: 40 }, idempotencyKey: key() }, manager);
    expect(saved.status).toBe(200);
    expect(saved.body.find((s: { service: string }) => s.service === 'repair')).toMatchObject({ overrideMinutes: 40, usedMinutes: 40 });
    const overridden = (await hub.get('/api/queue')).body.waits.repair;
    expect(overridden.estimatedMinutes).toBeGreaterThan(learned.estimatedMinutes);
    expect(overridden.range.high).toBeGreaterThanOrEqual(overridden.estimatedMinutes);
    expect(waitBefore).toBeGreaterThanOrEqual(0);
  });
});
