/**
 * Every station entry point — the Electron kiosk app (kiosk/main/main.ts), `npm run station`
 * (kiosk/station/server.ts) and the all-in-one `npm start` (all-in-one/main.ts) — builds its
 * station through `startStation` from its own settings. Each must print on every transport
 * (virtual, tcp, serial, usb) and keep issuing from reserved numbers while the hub is down.
 * Real hub process (SIGKILLed), real TCP printer, a real serial line (socat), a fake WebUSB
 * printer (no USB printer can exist here).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedStationSettings } from '../all-in-one/station-settings.ts';
import { kioskStationSettings, StationConfig } from '../kiosk/main/station-config.ts';
import { EscPosDecoder, type Receipt } from '../kiosk/printer/escpos-decoder.ts';
import { statusReplies } from '../kiosk/printer/printer-status.ts';
import { VirtualPrinter } from '../kiosk/printer/virtual-printer.ts';
import { startStation, type RunningStation, type StationSettings } from '../kiosk/station/start-station.ts';
import { stationSettingsFromEnv } from '../kiosk/station/station-env.ts';
import { fakeUsbPrinter } from './helpers/fake-usb-printer.ts';
import { HubProcess } from './helpers/hub-process.ts';
import { PtyPair } from './helpers/socat.ts';
import { until } from './helpers/until.ts';

/** Each entry point's own mapping from its settings to the station's. */
const ENTRY_POINTS: Record<string, (hub: HubProcess, token: string, printer: string, dataDir: string) => StationSettings> = {
  'Electron kiosk app': (hub, token, printer, dataDir) =>
    kioskStationSettings(StationConfig.parse({ role: 'kiosk', hubUrl: hub.url, deviceToken: token, printer }), dataDir),
  'npm run station': (hub, token, printer, dataDir) =>
    stationSettingsFromEnv({ HUB_URL: hub.url, STATION_TOKEN: token, PRINTER: printer, STATION_DATA: dataDir }).station,
  'npm start (all-in-one)': (hub, token, printer, dataDir) => embeddedStationSettings({ hubPort: hub.port, dataDir, token, printer: () => printer }),
};

const dir = mkdtempSync(join(tmpdir(), 'start-station-'));
const hub = new HubProcess();
const tcpPrinter = new VirtualPrinter();
const serialLine = new PtyPair(join(dir, 'printer'), join(dir, 'printer-peer'));
const serialReceipts: Receipt[] = [];
let serialEnd: SerialPort;
const usbPrinter = fakeUsbPrinter();
let admin: string;
const running: RunningStation[] = [];

beforeAll(async () => {
  await Promise.all([hub.start(), tcpPrinter.listen(), serialLine.start()]);
  admin = await hub.login();
  serialEnd = new SerialPort({ path: serialLine.peer, baudRate: 38400 });
  await new Promise((r) => serialEnd.once('open', r));
  const decoder = new EscPosDecoder({
    onStatusRequest: (n) => serialEnd.write(Buffer.from([statusReplies({})[n]])),
    onReceipt: (r) => serialReceipts.push(r),
  });
  serialEnd.on('data', (chunk: Buffer) => decoder.push(chunk));
});

afterAll(async () => {
  for (const r of running) await r.close();
  await new Promise((r) => serialEnd?.close(r));
  await serialLine.stop();
  await tcpPrinter.close();
  await hub.stop();
});

async function start(entry: string, printer: string): Promise<RunningStation> {
  const token = await hub.enrol(admin, 'kiosk');
  const settings = ENTRY_POINTS[entry]!(hub, token, printer, mkdtempSync(join(dir, 'station-')));
  const station = await startStation(settings, { usb: usbPrinter.usb, log: () => undefined });
  running.push(station);
  return station;
}

const lines = (receipt: Receipt): string[] => receipt.lines.map((l) => l.text);
let keys = 0;
const key = (): string => `start-station-${process.pid}-${++keys}`;

describe.each(Object.keys(ENTRY_POINTS))('%s', (entry) => {
  it('prints on every printer transport: virtual, tcp, serial and usb', async () => {
    const transports: [string, () => Promise<Receipt>][] = [
      ['virtual', async () => (await until(() => virtualOf[0]?.received[0], 'a virtual receipt')).receipt],
      [tcpPrinter.url, () => until(() => tcpPrinter.received.at(-1)?.receipt, 'a tcp receipt')],
      [`serial://${serialLine.path}?baud=38400`, () => until(() => serialReceipts.at(-1), 'a serial receipt')],
      ['usb://04b8:0202', () => until(() => usbPrinter.receipts.at(-1), 'a usb receipt')],
    ];
    const virtualOf: VirtualPrinter[] = [];
    for (const [printer, lastReceipt] of transports) {
      const station = await start(entry, printer);
      if (printer === 'virtual') virtualOf.push(await station.virtualPrinter());
      const result = await station.station.issueTicket({ service: 'maintenance', idempotencyKey: key(), language: 'zh-CN' });
      expect(result.print, `printing on ${printer}`).toEqual({ ok: true });
      expect(lines(await lastReceipt()), `receipt on ${printer}`).toContain(result.ticket.number);
      await station.close();
    }
  });
});

describe('every entry point while the hub is down', () => {
  it('issues from reserved numbers, prints, and hands the tickets over when the hub is back', async () => {
    const stations = Object.fromEntries(
      await Promise.all(Object.keys(ENTRY_POINTS).map(async (entry) => [entry, await start(entry, tcpPrinter.url)] as const)),
    );
    for (const station of Object.values(stations)) await station.firstRefresh;

    await hub.kill();
    const issued: Record<string, string> = {};
    for (const [entry, station] of Object.entries(stations)) {
      const result = await station.station.issueTicket({ service: 'repair', idempotencyKey: key(), language: 'zh-CN' });
      expect(result, entry).toMatchObject({ offline: true, print: { ok: true } });
      expect(lines(tcpPrinter.received.at(-1)!.receipt), entry).toContain(result.ticket.number);
      issued[entry] = result.ticket.number;
    }
    expect(new Set(Object.values(issued)).size).toBe(3);

    await hub.start();
    await expect
      .poll(
        async () =>
          ((await hub.get('/api/tickets', await hub.login())).body as { number: string; origin: string }[])
            .filter((t) => t.origin === 'offline')
            .map((t) => t.number)
            .sort(),
        {
          timeout: 15_000,
        },
      )
      .toEqual(Object.values(issued).sort());
  });
});
