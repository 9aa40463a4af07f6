/**
 * A hub that answers slowly must not cost a customer their ticket (issue: data that holds).
 * Real hub process, a real station process talking to it through a proxy that commits at once
 * but holds the answer back, and a TCP printer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { DelayingProxy } from './helpers/delaying-proxy.ts';
import { HubProcess } from './helpers/hub-process.ts';
import { startStationProcess, type StationProcess } from './helpers/station-process.ts';

let hub: HubProcess;
let proxy: DelayingProxy;
let printer: VirtualPrinter;
let station: StationProcess;
let stationUrl: string;
let admin: string;

beforeAll(async () => {
  printer = new VirtualPrinter();
  await printer.listen();
  hub = new HubProcess();
  await hub.start();
  admin = await hub.login();
  const token = await hub.enrol(admin, 'kiosk', 'lobby kiosk');
  proxy = new DelayingProxy(hub.url);
  const proxyUrl = await proxy.listen();
  station = await startStationProcess({ hubUrl: proxyUrl, token, printer: printer.url });
  stationUrl = station.url;
});

afterAll(async () => {
  station?.stop();
  await proxy?.close();
  await hub?.stop();
  await printer?.close();
});

let keys = 0;
async function takeTicket(service: string): Promise<{ number: string; offline: boolean }> {
  const printed = printer.nextReceipt(20_000);
  const response = await fetch(`${stationUrl}/station/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service, idempotencyKey: `slow-hub-${process.pid}-${++keys}`, language: 'zh-CN' }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { ticket: { number: string }; offline?: boolean };
  const receipt = await printed;
  expect(receipt.receipt.lines.map((l) => l.text)).toContain(body.ticket.number);
  return { number: body.ticket.number, offline: body.offline === true };
}

const hubTickets = async (): Promise<{ number: string; status: string; origin: string }[]> => (await hub.get('/api/tickets', admin)).body;

describe('a hub that answers slowly', () => {
  it('retries with the same key within the customer’s patience: one ticket, issued online', async () => {
    let slowOnce = true;
    proxy.delay = (method, path) => {
      if (method !== 'POST' || path !== '/api/tickets' || !slowOnce) return 0;
      slowOnce = false;
      return 1500; // past one attempt's timeout, well within the whole budget
    };
    const before = (await hubTickets()).length;
    const ticket = await takeTicket('maintenance');
    expect(ticket.offline).toBe(false);
    expect(proxy.seen.filter((r) => r === 'POST /api/tickets').length).toBeGreaterThanOrEqual(2);
    const after = await hubTickets();
    expect(after.length).toBe(before + 1);
    expect(after.map((t) => t.number)).toContain(ticket.number);
    // Served and gone: the next test starts with an empty queue.
    const id = (after as unknown as { id: number; number: string }[]).find((t) => t.number === ticket.number)!.id;
    expect((await hub.post(`/api/tickets/${id}/cancel`, { idempotencyKey: `slow-hub-cancel-${process.pid}` }, admin)).status).toBe(200);
  });

  it('falls back to an offline ticket when no answer comes in time, and the hub then calls the printed number', async () => {
    proxy.delay = (method, path) => (method === 'POST' && path === '/api/tickets' ? 8000 : 0);
    const printed = await takeTicket('repair');
    expect(printed.offline).toBe(true);
    proxy.delay = () => 0;

    // The hub had committed the online ticket; the station's next sync reconciles the two.
    const deadline = Date.now() + 20_000;
    let repairs = (await hubTickets()).filter((t) => t.number.startsWith('B'));
    while (!repairs.some((t) => t.number === printed.number) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      repairs = (await hubTickets()).filter((t) => t.number.startsWith('B'));
    }
    const callable = repairs.filter((t) => t.status === 'waiting');
    expect(callable.map((t) => t.number)).toEqual([printed.number]);
    expect(repairs.filter((t) => t.status === 'void')).toHaveLength(1);

    const called = await hub.post('/api/counters/2/call-next', { idempotencyKey: `slow-hub-call-${process.pid}` }, admin);
    expect(called.body.number).toBe(printed.number);
    const audit = (await hub.get('/api/audit?limit=200', admin)).body as { action: string; target: string | null }[];
    expect(audit.filter((a) => a.action === 'ticket.reconcile').map((a) => a.target)).toEqual([printed.number]);
  });
});
