/**
 * Devices that are plugged in but cannot be read, as real kiosks meet them, reported through the
 * real hub: a Linux kiosk without the udev rule for hidraw (open() refused), and Windows, which
 * lets an app open a keyboard interface but fails its reads. The station backs off instead of
 * retrying every poll, tells the hub once with the fix in words, and the desk sees one alert
 * per device instead of one per retry. HID through the fake node-hid (no virtual HID device can
 * exist here); the hub, its alerts and HTTP are real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevicesConfig } from '../kiosk/devices/device-config.ts';
import { DeviceLink } from '../kiosk/devices/device-link.ts';
import { httpDeviceHub, startDeviceService, type DeviceHub, type DeviceService } from '../kiosk/devices/device-service.ts';
import { FakeHid } from './helpers/fake-hid.ts';
import { HubProcess } from './helpers/hub-process.ts';

let hub: HubProcess;
let admin: string;
const services: DeviceService[] = [];

beforeAll(async () => {
  hub = new HubProcess();
  await hub.start();
  admin = await hub.login();
});
afterAll(async () => {
  for (const s of services) await s.stop();
  await hub?.stop();
});

type AlertRow = { kind: string; subject: { detail: string }; resolvedAt: string | null };
const alertsFor = async (device: string): Promise<AlertRow[]> =>
  ((await hub.get('/api/alerts', admin)).body as AlertRow[]).filter((a) => a.kind === 'device_fault' && a.subject.detail.includes(device));

/** Counts what the station sends, and passes it on to the real hub. */
function counting(inner: DeviceHub): DeviceHub & { reports: number } {
  const counted = {
    reports: 0,
    counterAction: inner.counterAction,
    reportHealth: async (devices: Parameters<DeviceHub['reportHealth']>[0]) => {
      counted.reports++;
      await inner.reportHealth(devices);
    },
  };
  return counted;
}

const scanner = (name: string, usagePage?: number) =>
  DevicesConfig.parse({ scanners: [{ name, hid: { vendorId: 0x0c2e, productId: 0x0b61, mode: 'pos', ...(usagePage ? { usagePage } : {}) } }] });

describe('devices present but unreadable', () => {
  it('backs off 0.5 s doubling to 30 s', () => {
    const timing = { pollMs: 500, maxBackoffMs: 30_000, settleMs: 1000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => DeviceLink.backoff(n, timing))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('without the udev rule: retries with backoff, reports once with the rule to add, one alert', async () => {
    const hid = new FakeHid();
    hid.refuseOpen = true;
    hid.plug({ vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw5', usagePage: 0x8c });
    const station = counting(httpDeviceHub(hub.url, await hub.enrol(admin, 'kiosk', 'kiosk udev')));
    const service = startDeviceService({ config: scanner('scanner udev'), hid, hub: station, pollMs: 100 });
    services.push(service);
    await new Promise((r) => setTimeout(r, 3000)); // 30 polls' worth
    // 100, 200, 400, 800, 1600 ms apart: about 5 attempts in 3 s, not 30.
    expect(hid.opens).toBeGreaterThanOrEqual(3);
    expect(hid.opens).toBeLessThanOrEqual(7);
    expect(station.reports).toBe(1);
    expect(service.health()[0]!.lastError).toMatch(/^permission: .*SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="0c2e", ATTRS\{idProduct\}=="0b61"/);
    const alerts = await alertsFor('scanner udev');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.resolvedAt).toBeNull();
    expect(alerts[0]!.subject.detail).toContain('udev rule');
  });

  it('reads refused right after opening (Windows keyboards): no connected/disconnected flapping, one alert', async () => {
    const hid = new FakeHid();
    hid.failReads = true;
    hid.plug({ vendorId: 0x0c2e, productId: 0x0b61, path: '\\\\?\\hid#vid_0c2e&pid_0b61&mi_00', usagePage: 0x8c });
    const station = counting(httpDeviceHub(hub.url, await hub.enrol(admin, 'kiosk', 'kiosk windows')));
    const service = startDeviceService({ config: scanner('scanner windows'), hid, hub: station, pollMs: 100 });
    services.push(service);
    await new Promise((r) => setTimeout(r, 3000));
    expect(hid.opens).toBeLessThanOrEqual(7);
    expect(station.reports).toBe(1);
    expect(service.health()[0]).toMatchObject({ connected: false });
    const alerts = await alertsFor('scanner windows');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.resolvedAt).toBeNull();
  });
});
