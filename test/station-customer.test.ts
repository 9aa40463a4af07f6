/**
 * What the kiosk's customer gave reaches the hub whether the hub answered or the ticket came
 * from the station's offline notebook: the phone with its consent, the language they used (for
 * their messages), and the car's arrival in the drive (issues #15, #16). Real hub process
 * (SIGKILLed and restarted), a real station (`npm run station` settings), a virtual printer.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation, type RunningStation } from '../kiosk/station/start-station.ts';
import { stationSettingsFromEnv } from '../kiosk/station/station-env.ts';
import { HubProcess } from './helpers/hub-process.ts';

const hub = new HubProcess();
let admin: string;
let station: RunningStation;
let keys = 0;
const key = (): string => `station-customer-${process.pid}-${++keys}`;

beforeAll(async () => {
  await hub.start();
  admin = await hub.login();
  const token = await hub.enrol(admin, 'kiosk');
  const dataDir = mkdtempSync(join(tmpdir(), 'station-customer-'));
  const settings = stationSettingsFromEnv({ HUB_URL: hub.url, STATION_TOKEN: token, PRINTER: 'virtual', STATION_DATA: dataDir }).station;
  station = await startStation(settings, { log: () => undefined });
  await station.firstRefresh;
}, 60_000);

afterAll(async () => {
  await station?.close();
  await hub.stop();
});

/** The hub's own record of a ticket (its file, read-only beside the running hub). */
function stored(number: string): { phone: string | null; notify_consent_at: string | null; language: string | null; origin: string } {
  const db = new Database(join(hub.dataDir, 'hub.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT phone, notify_consent_at, language, origin FROM tickets WHERE number = ?').get(number) as ReturnType<typeof stored>;
  } finally {
    db.close();
  }
}

/** Vehicles in the drive not yet in a bay (the kiosk gives no bay), from the hub's bay view. */
const arrivals = async (): Promise<{ plate: string; ticketId: number | null; source: string }[]> =>
  ((await hub.get('/api/arrivals', admin)).body as { waiting: { plate: string; ticketId: number | null; source: string }[] }).waiting;

describe('the kiosk customer’s phone, consent, language and car', () => {
  it('reach the hub from an online ticket', async () => {
    const { ticket } = await station.station.issueTicket({
      service: 'maintenance',
      plate: '粤B60001',
      phone: '13812345601',
      notifyConsent: true,
      language: 'en',
      idempotencyKey: key(),
    });
    expect(stored(ticket.number)).toMatchObject({ phone: '13812345601', notify_consent_at: expect.any(String), language: 'en', origin: 'online' });
    expect(await arrivals()).toEqual([expect.objectContaining({ plate: '粤B60001', ticketId: ticket.id, source: 'kiosk' })]);
  });

  it('reach the hub from the offline notebook once the hub is back', { timeout: 60_000 }, async () => {
    await hub.kill();
    const result = await station.station.issueTicket({
      service: 'repair',
      plate: '粤B60002',
      phone: '13812345602',
      notifyConsent: true,
      language: 'zh-TW',
      idempotencyKey: key(),
    });
    expect(result.offline).toBe(true);
    await hub.start();
    admin = await hub.login();
    await expect
      .poll(async () => ((await hub.get('/api/tickets', admin)).body as { number: string }[]).map((t) => t.number), { timeout: 20_000 })
      .toContain(result.ticket.number);
    expect(stored(result.ticket.number)).toMatchObject({
      phone: '13812345602',
      notify_consent_at: expect.any(String),
      language: 'zh-TW',
      origin: 'offline',
    });
    const synced = ((await hub.get('/api/tickets', admin)).body as { id: number; number: string }[]).find((t) => t.number === result.ticket.number)!;
    expect(await arrivals()).toEqual(expect.arrayContaining([expect.objectContaining({ plate: '粤B60002', ticketId: synced.id, source: 'kiosk' })]));
  });
});
