/**
 * The ticket QR code leads where a phone on the store's network can go: with PUBLIC_URL unset,
 * the real hub prints its LAN address (first non-internal IPv4), says it at start-up, and
 * warns when PUBLIC_URL is a loopback address.
 */
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { HubProcess } from './helpers/hub-process.ts';

const lan = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .find((i) => i.family === 'IPv4' && !i.internal)?.address;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function hubWithPrinter(publicUrl: string): Promise<{ hub: HubProcess; printer: VirtualPrinter }> {
  const printer = new VirtualPrinter();
  await printer.listen();
  cleanups.push(() => printer.close());
  const hub = new HubProcess({ env: { PRINTER: printer.url, PUBLIC_URL: publicUrl } });
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
  });

  it('warns at start when PUBLIC_URL is a loopback address', async () => {
    const { hub } = await hubWithPrinter('http://localhost:8080');
    expect(hub.output).toMatch(/PUBLIC_URL http:\/\/localhost:8080 is a loopback address/);
  });
});
