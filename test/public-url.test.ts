/**
 * The ticket QR code leads where a phone on the store's network can go: with PUBLIC_URL unset,
 * the real hub prints its LAN address (first non-internal IPv4), says it at start-up, and
 * warns when PUBLIC_URL is a loopback address.
 */
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { DEFAULT_ADMIN_PIN, HubProcess } from './helpers/hub-process.ts';

const lan = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .find((i) => i.family === 'IPv4' && !i.internal)?.address;

let browser: Browser;
beforeAll(async () => void (browser = await launchChromium()));
afterAll(() => browser?.close());

/** The manager's settings tab as an admin sees it: the line saying where QR codes lead. */
async function managerPublicUrlLine(hub: HubProcess, name: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${hub.url}/manager`);
  await page.locator('input[name="pin"]').fill(DEFAULT_ADMIN_PIN);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-tab="settings"]').click();
  const line = page.getByTestId('public-url');
  await line.waitFor();
  await line.scrollIntoViewIfNeeded();
  await screenshot(page, 'printer', name);
  const text = (await line.textContent())!;
  await page.close();
  return text;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function hubWithPrinter(publicUrl: string): Promise<{ hub: HubProcess; printer: VirtualPrinter }> {
  const printer = new VirtualPrinter();
  await printer.listen();
  cleanups.push(() => printer.close());
  const hub = new HubProcess({ entry: 'all-in-one', env: { PRINTER: printer.url, PUBLIC_URL: publicUrl } });
  cleanups.push(() => hub.stop());
  await hub.start();
  return { hub, printer };
}

describe('PUBLIC_URL default', () => {
  it('prints the hub LAN address in the QR code when PUBLIC_URL is unset, and says so at start', async () => {
    expect(lan, 'this test needs a machine with a LAN (non-internal IPv4) address').toBeTruthy();
    const { hub, printer } = await hubWithPrinter('');
    const printed = printer.nextReceipt();
    printed.catch(() => undefined); // asserted below
    const issued = await hub.post('/station/tickets', { service: 'maintenance', idempotencyKey: randomUUID(), language: 'zh-CN' });
    expect(issued.status).toBe(201);
    const qr = (await printed).receipt.qrCodes[0]!;
    expect(qr.data).toBe(`http://${lan}:${hub.port}/t/${issued.body.ticket.trackingToken}`);
    expect(hub.output).toContain(`http://${lan}:${hub.port}`);
    const admin = await hub.login();
    expect((await hub.get('/api/settings/public-url', admin)).body).toEqual({ url: `http://${lan}:${hub.port}`, problem: null });
    expect(await managerPublicUrlLine(hub, 'manager-public-url')).toBe(`小票二维码链接：http://${lan}:${hub.port}`);
  });

  it('warns at start when PUBLIC_URL is a loopback address', async () => {
    const { hub } = await hubWithPrinter('http://localhost:8080');
    expect(hub.output).toMatch(/PUBLIC_URL http:\/\/localhost:8080 is a loopback address/);
    const admin = await hub.login();
    expect((await hub.get('/api/settings/public-url', admin)).body).toEqual({ url: 'http://localhost:8080', problem: 'loopback' });
    expect(await managerPublicUrlLine(hub, 'manager-public-url-loopback')).toContain('顾客手机无法打开');
  });
});
