/** The installer's tool, run as an installer would, against a socat serial line. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/hub-process.ts';
import { PtyPair } from './helpers/socat.ts';
import { until } from './helpers/until.ts';

const line = new PtyPair(join(mkdtempSync(join(tmpdir(), 'cli-')), 'dev'), join(mkdtempSync(join(tmpdir(), 'cli-')), 'peer'));
afterAll(() => line.stop());

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'kiosk/devices/cli.ts'), ...args], { cwd: repoRoot, env });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
};

describe('npm run devices', () => {
  it('lists HID devices and serial ports', async () => {
    const { child, output } = run([]);
    await new Promise((r) => child.once('exit', r));
    expect(output()).toMatch(/HID devices[\s\S]*Serial ports:/);
  });

  it('lists what it can, explains what it cannot, and exits 0 on a machine without udevadm', async () => {
    const { child, output } = run([], { ...process.env, PATH: '/nonexistent' }); // no udevadm (nor anything else) on PATH
    const code = await new Promise((r) => child.once('exit', r));
    expect(output()).toMatch(/Serial ports[^\n]*\n[\s\S]*udevadm/);
    expect(output()).toMatch(/HID devices[\s\S]*(none|0x[0-9a-f]{4}:|install)/);
    expect(code).toBe(0);
  });

  it('exits 2 when the request itself is wrong, saying why', async () => {
    const { child, output } = run(['--hid', 'scanner']);
    const code = await new Promise((r) => child.once('exit', r));
    expect(output()).toContain('--hid takes VID:PID');
    expect(code).toBe(2);
  });

  it('prints the config snippet and shows live decoded scans from a serial scanner', async () => {
    await line.start();
    const { child, output } = run(['--serial', line.path, '--baud', '9600']);
    try {
      await until(() => output().includes('device: connected'), 'connected', 10_000);
      expect(output()).toContain(`"path": "${line.path}"`);
      const port = new SerialPort({ path: line.peer, baudRate: 9600 });
      await new Promise((r) => port.once('open', r));
      port.write('J000777\r');
      await until(() => output().includes('scan: "J000777" → job'), 'decoded scan', 10_000);
      // A CRLF scanner (Honeywell suffix 0D0A), a 600-byte runaway line, then an LF scanner.
      port.write(Buffer.concat([Buffer.from('APPT:AB12CD34\r\n'), Buffer.alloc(600, 'X'), Buffer.from('J000123\rJ000124\n')]));
      await until(() => output().includes('scan: "J000124" → job'), 'LF-terminated scan', 10_000);
      expect(output()).toContain('scan: "APPT:AB12CD34" → appointment');
      expect(output()).toContain('rejected: longer than 512 bytes');
      expect(output()).not.toContain('"J000123"');
      await new Promise<void>((r) => port.close(() => r()));
    } finally {
      child.kill();
    }
  });
});
