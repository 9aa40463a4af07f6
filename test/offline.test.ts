/**
 * A kiosk that loses the hub keeps issuing tickets from its reserved numbers, keeps them on
 * disk, shows a discreet note, and syncs them when the hub returns: no ticket lost, no number
 * issued twice. Real hub process (SIGKILLed), real station process, Chromium, a TCP printer.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { HubProcess } from './helpers/hub-process.ts';
import { startStationProcess, type StationProcess } from './helpers/station-process.ts';

let hub: HubProcess;
let printer: VirtualPrinter;
let station: StationProcess;
let stationUrl: string;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  printer = new VirtualPrinter();
  await printer.listen();
  hub = new HubProcess();
  await hub.start();
  admin = await hub.login();
  const token = await hub.enrol(admin, 'kiosk', 'lobby kiosk');
  station = await startStationProcess({ hubUrl: hub.url, token, printer: printer.url });
  stationUrl = station.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  station?.stop();
  await hub?.stop();
  await printer?.close();
});

async function takeTicket(page: Page, service: string): Promise<{ number: string; offline: boolean }> {
  await page.goto(`${stationUrl}/kiosk`);
  await page.locator(`[data-service="${service}"]`).click();
  await page.locator('[data-action="skip"]').click();
  const printed = printer.nextReceipt(15_000);
  await page.locator('[data-action="confirm"]').click();
  const number = (await page.getByTestId('ticket-number').textContent())!.trim();
  const receipt = await printed;
  expect(receipt.receipt.lines.map((l) => l.text)).toContain(number);
  return { number, offline: (await page.getByTestId('offline-note').count()) > 0 };
}

describe('offline kiosk', () => {
  // Restarts a hub process and loads the kiosk page five times: slow on a loaded CI machine.
  it('issues from reserved numbers while the hub is down, then syncs without loss or duplicates', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    // The station reserved a block at start, so online numbers continue after it.
    const online = await takeTicket(page, 'maintenance');
    expect(online.offline).toBe(false);

    await hub.kill();
    const first = await takeTicket(page, 'maintenance');
    const second = await takeTicket(page, 'repair');
    expect([first.offline, second.offline]).toEqual([true, true]);
    await screenshot(page, 'offline', 'kiosk-offline-ticket');
    expect(first.number).not.toBe(online.number);

    await hub.start();
    const synced = async () => ((await hub.get('/api/tickets', admin)).body as { number: string; origin: string }[]) ?? [];
    const deadline = Date.now() + 15_000;
    let tickets = await synced();
    while (tickets.length < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      tickets = await synced();
    }
    expect(tickets.map((t) => t.number).sort()).toEqual([online.number, first.number, second.number].sort());
    expect(
      tickets
        .filter((t) => t.origin === 'offline')
        .map((t) => t.number)
        .sort(),
    ).toEqual([first.number, second.number].sort());

    // Back online: new numbers never collide with the ones used offline.
    const after = await takeTicket(page, 'maintenance');
    expect(after.offline).toBe(false);
    const all = await synced();
    expect(new Set(all.map((t) => t.number)).size).toBe(all.length);
    expect(all).toHaveLength(4);
    await page.close();
  });
});
