/**
 * Serial ports for `npm run devices`. serialport's list() needs `udevadm` on Linux; without it
 * (minimal images, containers) the ports are read from /dev and /sys instead, and the reason
 * is said, so the installer still sees what is there.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

export interface ListedPort {
  path: string;
  description: string;
}

export async function listSerialPorts(platform: NodeJS.Platform = process.platform): Promise<{ ports: ListedPort[]; problem: string | null }> {
  try {
    const ports = await SerialPort.list();
    return {
      ports: ports.map((p) => ({ path: p.path, description: `${p.manufacturer ?? ''} ${p.vendorId ? `${p.vendorId}:${p.productId}` : ''}`.trim() })),
      problem: null,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (platform !== 'linux') return { ports: [], problem: `cannot list serial ports: ${message}` };
    const why = /udevadm/.test(message)
      ? 'udevadm not found (install udev for names and USB ids: sudo apt install udev); listing /dev instead'
      : `cannot list through udev (${message}); listing /dev instead`;
    return { ports: linuxPortsFromSys(), problem: why };
  }
}

/** Ports the kernel knows: stable /dev/serial/by-id names, then ttyUSB/ttyACM/ttyS with a device behind them. */
export function linuxPortsFromSys(sys = '/sys/class/tty', dev = '/dev'): ListedPort[] {
  const ports: ListedPort[] = [];
  const byId = join(dev, 'serial/by-id');
  if (existsSync(byId)) for (const name of readdirSync(byId)) ports.push({ path: join(byId, name), description: 'by-id' });
  if (existsSync(sys)) {
    for (const name of readdirSync(sys).sort()) {
      if (!/^tty(USB|ACM|S|AMA)\d+$/.test(name) || !existsSync(join(sys, name, 'device'))) continue;
      ports.push({ path: join(dev, name), description: name.startsWith('ttyS') ? 'built-in UART (may be unconnected)' : 'USB serial' });
    }
  }
  return ports;
}
