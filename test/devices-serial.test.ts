/**
 * Serial scanners and wireless call-button receivers through socat pty pairs opened by the real
 * `serialport` binding, wired to the real hub: a press calls a number (repeats debounced), a
 * scan is decoded, and a line that disappears is reported to the desk and reopened within 3 s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevicesConfig } from '../kiosk/devices/device-config.ts';
import { httpDeviceHub, startDeviceService, type DeviceService } from '../kiosk/devices/device-service.ts';
import type { ScannedCode } from '../kiosk/devices/scanned-code.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';
import { PtyPair } from './helpers/socat.ts';
import { until } from './helpers/until.ts';

const dir = mkdtempSync(join(tmpdir(), 'serial-'));
const scannerLine = new PtyPair(join(dir, 'scanner'), join(dir, 'scanner-peer'));
const buttonLine = new PtyPair(join(dir, 'buttons'), join(dir, 'buttons-peer'));
const pauseLine = new PtyPair(join(dir, 'pause'), join(dir, 'pause-peer'));
let hub: HubProcess;
let admin: string;
let kiosk: string;
let service: DeviceService;
const scans: ScannedCode[] = [];
const pauseScans: ScannedCode[] = [];
const errors: string[] = [];

async function write(path: string, bytes: Buffer): Promise<void> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve, reject) => port.write(bytes, (err) => (err ? reject(err) : port.drain(() => resolve()))));
  await new Promise<void>((resolve) => port.close(() => resolve()));
}

const frame = (id: number, key: number): Buffer => {
  const body = [0xaa, 0x55, id, key];
  return Buffer.from([...body, body.reduce((s, b) => (s + b) & 0xff, 0)]);
};

beforeAll(async () => {
  await scannerLine.start();
  await buttonLine.start();
  await pauseLine.start();
  ({ hub, admin, kiosk } = await startedHub());
  const desk = await hub.enrol(admin, 'desk', 'desk 1');
  service = startDeviceService({
    config: DevicesConfig.parse({
      scanners: [
        { name: 'scanner at desk 1', serial: { path: scannerLine.path, baudRate: 9600, terminator: '\r' } },
        { name: 'scanner without suffix', serial: { path: pauseLine.path, baudRate: 9600, terminator: 'none', pauseMs: 80 } },
      ],
      callButtons: [
        {
          name: 'wireless buttons',
          serial: {
            path: buttonLine.path,
            baudRate: 9600,
            framing: { kind: 'binary', header: [0xaa, 0x55], idBytes: 1, keyBytes: 1, checksum: 'sum8' },
            debounceMs: 800,
          },
          map: { '7:1': { counterId: '1', action: 'call-next' }, '7:2': { counterId: '1', action: 'recall' } },
        },
      ],
    }),
    hub: httpDeviceHub(hub.url, desk),
    onScan: (code, device) => (device === 'scanner without suffix' ? pauseScans : scans).push(code),
    onError: (message) => errors.push(message),
    pollMs: 200,
  });
  await until(() => service.health().every((d) => d.connected), 'serial devices open');
});

afterAll(async () => {
  await service?.stop();
  await scannerLine.stop();
  await buttonLine.stop();
  await pauseLine.stop();
  await hub?.stop();
});

describe('serial devices', () => {
  it('turns a wireless button press into a call at its counter, once despite the repeats', async () => {
    const ticket = (await hub.post('/api/tickets', { service: 'repair', idempotencyKey: `serial-${Date.now()}` }, kiosk)).body;
    const press = frame(7, 1);
    await write(buttonLine.peer, Buffer.concat([press, press, press])); // receivers send each press several times
    const deadline = Date.now() + 5000;
    let status = '';
    while (Date.now() < deadline && status !== 'called') {
      status = ((await hub.get('/api/tickets', admin)).body as { id: number; status: string }[]).find((t) => t.id === ticket.id)!.status;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('called');
    const audit = (await hub.get('/api/audit?limit=50', admin)).body as { action: string; actor: string }[];
    expect(audit.filter((a) => a.action === 'ticket.call-next' && a.actor.includes('desk 1'))).toHaveLength(1);
  });

  it('decodes a serial scan and rejects garbage on the line', async () => {
    await write(scannerLine.peer, Buffer.from('J000123\r\x1b[31mrm -rf\r'));
    await until(() => scans.length >= 2, 'two scans');
    expect(scans.slice(0, 2)).toEqual([
      { kind: 'job', jobId: 123 },
      { kind: 'rejected', reason: 'contains control or non-ASCII characters' },
    ]);
  });

  // A scanner whose suffix is cleared in its setup menu (Honeywell Xenon/Voyager User's Guide,
  // "Prefix/Suffix": clear all suffixes) sends the code and nothing after it: the pause ends it.
  it('ends a code on a pause when the scanner sends no suffix, without waiting for the next scan', async () => {
    await write(pauseLine.peer, Buffer.from('J000321'));
    await until(() => pauseScans.length >= 1, 'the code after its pause', 3000);
    expect(pauseScans).toEqual([{ kind: 'job', jobId: 321 }]);
  });

  it('reports a vanished scanner to the desk and reopens it within 3 s of its return', async () => {
    await scannerLine.stop();
    await until(() => !service.health().find((d) => d.name === 'scanner at desk 1')!.connected, 'disconnect noticed', 5000);
    const alerts = async () => (await hub.get('/api/alerts', admin)).body as { kind: string; subject: { detail: string }; resolvedAt: string | null }[];
    let raised = false;
    for (let i = 0; i < 50 && !raised; i++) {
      raised = (await alerts()).some((a) => a.kind === 'device_fault' && a.subject.detail.includes('scanner at desk 1') && !a.resolvedAt);
      if (!raised) await new Promise((r) => setTimeout(r, 100));
    }
    expect(raised).toBe(true);

    await scannerLine.start();
    const back = Date.now();
    await until(() => service.health().find((d) => d.name === 'scanner at desk 1')!.connected, 'reopened', 3000);
    expect(Date.now() - back).toBeLessThan(3000);
    const before = scans.length;
    await write(scannerLine.peer, Buffer.from('AB12CD34\r'));
    await until(() => scans.length > before, 'scan after replug');
    expect(scans.at(-1)).toEqual({ kind: 'appointment', code: 'AB12CD34' });
    let resolved = false;
    for (let i = 0; i < 50 && !resolved; i++) {
      resolved = !(await alerts()).some((a) => a.kind === 'device_fault' && !a.resolvedAt);
      if (!resolved) await new Promise((r) => setTimeout(r, 100));
    }
    expect(resolved).toBe(true);
  });
});
