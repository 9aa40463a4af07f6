/**
 * One scan, delivered twice: on Linux the station reads a keyboard-wedge scanner through hidraw,
 * whose reads are not exclusive, so the same code also reaches the kiosk window as keystrokes.
 * In real Chromium, with the Electron bridge stood in for by an init script (the station's scan
 * channel, and ticket issuing through the page's own station endpoint), both copies arrive in
 * the same moment; the customer must get one ticket and keep seeing it — no second check-in, no
 * 409 replacing the ticket screen with an error.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { launchChromium } from './helpers/browser.ts';
import { HubProcess } from './helpers/hub-process.ts';

let printer: VirtualPrinter;
let hub: HubProcess;
let browser: Browser;

beforeAll(async () => {
  printer = new VirtualPrinter();
  await printer.listen();
  hub = new HubProcess({ entry: 'all-in-one', env: { PRINTER: printer.url } });
  await hub.start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await printer?.close();
});

/** What kiosk/preload/preload.ts exposes (answers as values), over the page's own HTTP station for the ticket. */
const BRIDGE = `
  window.station = {
    async issueTicket(request) {
      const response = await fetch('/station/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      const body = await response.json();
      window.__issued = (window.__issued || 0) + 1;
      return response.ok ? { ok: true, result: body } : { ok: false, status: response.status, error: body };
    },
    async submitSurvey() {
      return { ok: true, result: null };
    },
    onScan(listener) {
      window.__stationScan = listener;
      return () => { if (window.__stationScan === listener) window.__stationScan = null; };
    },
  };
`;

describe('a keyboard-wedge scan read by the station and typed into the page', () => {
  it('checks in once and keeps the ticket on screen', async () => {
    const admin = await hub.login();
    const appointment = (
      await hub.post('/api/appointments', { service: 'warranty', scheduledAt: new Date().toISOString(), idempotencyKey: `appt-double-${Date.now()}` }, admin)
    ).body as { code: string };
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript(BRIDGE);
    await page.goto(`${hub.url}/kiosk`);
    await page.getByRole('heading', { name: '请选择服务项目' }).waitFor();
    await page.waitForFunction('typeof window.__stationScan === "function"');

    const code = `APPT:${appointment.code}`;
    // The station's copy (hidraw → main process → bridge) and the window's keystrokes, together.
    await page.evaluate(`(() => {
      window.__stationScan(${JSON.stringify(code)});
      for (const key of [...${JSON.stringify(code)}, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    })()`);
    await page.locator('.appointment-ok').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    // Longer than any second request would take to come back and replace the screen.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await page.locator('.appointment-ok').count()).toBe(1);
    expect((await page.getByTestId('ticket-number').textContent())!.trim()).toBe(number);
    expect(await page.evaluate('window.__issued')).toBe(1);
    await page.close();
  }, 90_000);
});
