/**
 * HID devices with hot-plug, through a fake HID API (no virtual HID device can exist on our
 * machines) fed with byte-exact reports: a keyboard-wedge scanner and a USB call button.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from './health.ts';
import { DevicesConfig } from './device-config.ts';
import { startDeviceService, type DeviceService } from './device-service.ts';
import { keyboardReportsFor } from './hid-keyboard.ts';
import { hidPosReportsFor } from './hid-pos.ts';
import { FakeHid } from '../../test/helpers/fake-hid.ts';
import { chooseInterface, explainHidFailure, PREFERRED_INTERFACES } from './hid-source.ts';
import type { ScannedCode } from './scanned-code.ts';

const scanner = { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3', usagePage: 0x01 };
const button = { vendorId: 0x1234, productId: 0x0001, path: '/dev/hidraw4', usagePage: 0x09 };
let service: DeviceService | null = null;
afterEach(async () => {
  await service?.stop();
  service = null;
});

const waitFor = async <T>(read: () => T | undefined | false, ms = 3000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('HID devices', () => {
  it('reads scans and button presses, survives unplug and replug within 3 s, and reports health', async () => {
    const hid = new FakeHid();
    hid.plug(scanner);
    hid.plug(button);
    const scans: ScannedCode[] = [];
    const actions: string[] = [];
    const health: DeviceHealth[][] = [];
    service = startDeviceService({
      config: DevicesConfig.parse({
        scanners: [{ name: 'scanner at kiosk 1', hid: { vendorId: '0x0c2e', productId: '0x0b61', mode: 'keyboard' } }],
        callButtons: [
          {
            name: 'counter 2 button',
            hid: { vendorId: 0x1234, productId: 1 },
            map: { '0': { counterId: '2', action: 'call-next' }, '1': { counterId: '2', action: 'recall' } },
          },
        ],
      }),
      hid,
      hub: {
        counterAction: async (counter, action) => void actions.push(`${counter}:${action}`),
        reportHealth: async (devices) => void health.push(devices),
      },
      onScan: (code) => scans.push(code),
      pollMs: 100,
    });
    await waitFor(() => hid.handles.get(scanner.path) && hid.handles.get(button.path));
    for (const r of keyboardReportsFor('J000042')) hid.send(scanner.path, r);
    expect(scans).toEqual([{ kind: 'job', jobId: 42 }]);
    // Button 0 pressed, held, released; then button 1.
    for (const r of [[0b01], [0b01], [0b00], [0b10], [0b00]]) hid.send(button.path, r);
    expect(actions).toEqual(['2:call-next', '2:recall']);

    await waitFor(() => health.at(-1)?.every((d) => d.connected));
    hid.unplug(scanner.path);
    await waitFor(() => health.at(-1)!.find((d) => d.name === 'scanner at kiosk 1')?.connected === false);
    expect(health.at(-1)!.find((d) => d.name === 'scanner at kiosk 1')).toMatchObject({ connected: false, errors: 1 });
    const unpluggedAt = Date.now();
    hid.plug(scanner);
    await waitFor(() => hid.handles.get(scanner.path)?.closed === false);
    expect(Date.now() - unpluggedAt).toBeLessThan(3000);
    for (const r of keyboardReportsFor('AB12CD34')) hid.send(scanner.path, r);
    expect(scans.at(-1)).toEqual({ kind: 'appointment', code: 'AB12CD34' });
    await waitFor(() => health.at(-1)!.find((d) => d.name === 'scanner at kiosk 1')?.connected);
  });

  it('hands hostile scans over as rejections, never as codes', async () => {
    const hid = new FakeHid();
    hid.plug(scanner);
    const scans: ScannedCode[] = [];
    service = startDeviceService({
      config: DevicesConfig.parse({ scanners: [{ name: 's', hid: { vendorId: 0x0c2e, productId: 0x0b61, mode: 'keyboard' } }] }),
      hid,
      hub: { counterAction: async () => undefined, reportHealth: async () => undefined },
      onScan: (code) => scans.push(code),
      pollMs: 100,
    });
    await waitFor(() => hid.handles.get(scanner.path));
    // Ctrl+A then "'; DROP TABLE" then Enter: the control chord is dropped, the rest rejected.
    hid.send(scanner.path, [0x01, 0, 0x04, 0, 0, 0, 0, 0]);
    for (const r of keyboardReportsFor("'; DROP TABLE tickets")) hid.send(scanner.path, r);
    expect(scans).toEqual([{ kind: 'rejected', reason: 'not a ticket, job card or appointment code' }]);
  });

  // A composite scanner lists several interfaces under one VID:PID (a Newland FM430 in HID-POS
  // mode also exposes a keyboard interface): the configured mode picks the interface by usage
  // page (HID POS Usage Tables 1.02: 0x8C Bar Code Scanner), whatever the enumeration order.
  it('opens the HID-POS interface of a composite scanner and decodes its vendor layout', async () => {
    const hid = new FakeHid();
    hid.plug({ vendorId: 0x1eab, productId: 0x0d10, path: '/dev/hidraw1', usagePage: 0x01, usage: 0x06, interface: 0 });
    hid.plug({ vendorId: 0x1eab, productId: 0x0d10, path: '/dev/hidraw2', usagePage: 0x8c, usage: 0x02, interface: 1 });
    const scans: ScannedCode[] = [];
    service = startDeviceService({
      config: DevicesConfig.parse({ scanners: [{ name: 'fm430', hid: { vendorId: '0x1eab', productId: '0x0d10', mode: 'pos', layout: 'newland' } }] }),
      hid,
      hub: { counterAction: async () => undefined, reportHealth: async () => undefined },
      onScan: (code) => scans.push(code),
      pollMs: 100,
    });
    await waitFor(() => hid.handles.get('/dev/hidraw2'));
    expect(hid.handles.has('/dev/hidraw1')).toBe(false);
    // Newland FM420/FM430 Integration Guide, "Getting Scanned Data": ID 0x02, length, data from byte 2.
    const report = Array(64).fill(0);
    report[0] = 0x02;
    report[1] = 13;
    Array.from('APPT:AB12CD34').forEach((c, i) => (report[2 + i] = c.charCodeAt(0)));
    hid.send('/dev/hidraw2', report);
    expect(scans).toEqual([{ kind: 'appointment', code: 'AB12CD34' }]);
  });

  it('with terminator "none", a pause ends the code without waiting for the next scan', async () => {
    const hid = new FakeHid();
    hid.plug(scanner);
    const scans: ScannedCode[] = [];
    service = startDeviceService({
      config: DevicesConfig.parse({
        scanners: [{ name: 's', hid: { vendorId: 0x0c2e, productId: 0x0b61, mode: 'keyboard', terminator: 'none', pauseMs: 80 } }],
      }),
      hid,
      hub: { counterAction: async () => undefined, reportHealth: async () => undefined },
      onScan: (code) => scans.push(code),
      pollMs: 100,
    });
    await waitFor(() => hid.handles.get(scanner.path));
    for (const r of keyboardReportsFor('J000042', null)) hid.send(scanner.path, r);
    expect(scans).toEqual([]);
    await waitFor(() => scans.length > 0, 1000);
    expect(scans).toEqual([{ kind: 'job', jobId: 42 }]);
  });

  it('says how to fix a device it cannot read, per system', () => {
    const match = { vendorId: 0x0c2e, productId: 0x0b61 };
    const refused = new Error('cannot open device with path /dev/hidraw3');
    expect(explainHidFailure(refused, 'open', match, 'linux')).toMatch(/^permission: .*udev rule SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="0c2e"/);
    expect(explainHidFailure(new Error('could not read from HID device'), 'read', match, 'win32')).toMatch(
      /^unsupported: Windows .*mode "keyboard" with the kiosk page/,
    );
    for (const platform of ['linux', 'win32', 'darwin'] as const) expect(explainHidFailure(refused, 'open', match, platform).length).toBeLessThanOrEqual(300); // the hub's limit
  });

  it('chooses the configured usage page, else the preferred one, else the first listed', () => {
    const keyboard = { vendorId: 1, productId: 2, path: 'a', usagePage: 0x01 };
    const pos = { vendorId: 1, productId: 2, path: 'b', usagePage: 0x8c };
    expect(chooseInterface([keyboard, pos], { vendorId: 1, productId: 2, prefer: PREFERRED_INTERFACES.pos })).toBe(pos);
    expect(chooseInterface([pos, keyboard], { vendorId: 1, productId: 2, usagePage: 0x01 })).toBe(keyboard);
    expect(chooseInterface([keyboard], { vendorId: 1, productId: 2, usagePage: 0x8c })).toBeNull();
    expect(chooseInterface([keyboard, pos], { vendorId: 1, productId: 2 })).toBe(keyboard);
  });

  // A keyboard-wedge scanner's composite device may also list a Generic Desktop System Control
  // collection (usage page 0x01, usage 0x80; HID Usage Tables 1.12 §4) before its Keyboard
  // (0x01, usage 0x06): keyboard mode must take the keyboard, not merely the first 0x01 page.
  it('in keyboard mode picks usage 0x01/0x06, not another Generic Desktop collection', () => {
    const system = { vendorId: 1, productId: 2, path: 's', usagePage: 0x01, usage: 0x80 };
    const keyboard = { vendorId: 1, productId: 2, path: 'k', usagePage: 0x01, usage: 0x06 };
    const pos = { vendorId: 1, productId: 2, path: 'p', usagePage: 0x8c, usage: 0x02 };
    expect(chooseInterface([system, pos, keyboard], { vendorId: 1, productId: 2, prefer: PREFERRED_INTERFACES.keyboard })).toBe(keyboard);
  });

  it('drops a half-received HID-POS code when the scanner is unplugged, instead of gluing it to the next scan', async () => {
    const hid = new FakeHid();
    const pos = { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw7', usagePage: 0x8c };
    hid.plug(pos);
    const scans: ScannedCode[] = [];
    service = startDeviceService({
      config: DevicesConfig.parse({ scanners: [{ name: 'pos', hid: { vendorId: 0x0c2e, productId: 0x0b61, mode: 'pos' } }] }),
      hid,
      hub: { counterAction: async () => undefined, reportHealth: async () => undefined },
      onScan: (code) => scans.push(code),
      pollMs: 50,
    });
    await waitFor(() => hid.handles.get(pos.path));
    const [first] = hidPosReportsFor(Buffer.from('J0'.padEnd(60, '0')));
    hid.send(pos.path, [...first!]); // "decoded data continued": the rest never comes
    hid.unplug(pos.path);
    hid.plug(pos);
    await waitFor(() => hid.handles.get(pos.path)?.closed === false);
    for (const r of hidPosReportsFor(Buffer.from('J000123'))) hid.send(pos.path, [...r]);
    expect(scans).toEqual([{ kind: 'job', jobId: 123 }]);
  });
});
