/**
 * A serial device (scanner or wireless call-button receiver) through the real `serialport`
 * binding, kept open across unplug and replug by the shared device loop (device-link.ts). A
 * vanished port gives no `close` event on every platform (a pty whose other end died, a USB
 * adapter pulled), so the device path is also watched while open.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { DeviceLink, type Connection, type LinkTiming } from './device-link.ts';
import type { DeviceHealth } from './health.ts';

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
}

/** The fix an installer needs when a serial port cannot be opened, in words. */
export function explainSerialFailure(error: Error, path: string): string {
  if (/permission|EACCES/i.test(error.message)) {
    return `permission: cannot open ${path}; add the kiosk user to the dialout group (sudo usermod -aG dialout USER) and log in again (${error.message})`.slice(
      0,
      300,
    );
  }
  if (/busy|lock/i.test(error.message)) return `busy: another program holds ${path} (${error.message})`.slice(0, 300);
  return error.message.slice(0, 300);
}

export class SerialSource extends DeviceLink<Connection> {
  constructor(settings: SerialSettings, options: { name: string; kind: DeviceHealth['kind'] }, timing: Partial<LinkTiming> | number = {}) {
    super(
      {
        watchWhileOpen: true,
        present: () => existsSync(settings.path),
        open: (events) =>
          new Promise<Connection>((resolve, reject) => {
            const port = new SerialPort({
              path: settings.path,
              baudRate: settings.baudRate,
              dataBits: settings.dataBits ?? 8,
              parity: settings.parity ?? 'none',
              stopBits: settings.stopBits ?? 1,
              autoOpen: false,
            });
            port.open((err) => {
              if (err) return reject(err);
              port.on('data', events.data);
              port.on('error', events.lost);
              port.on('close', () => events.lost(new Error('port closed')));
              resolve({
                close: async () => {
                  port.removeAllListeners();
                  port.on('error', () => undefined);
                  if (port.isOpen) await new Promise<void>((done) => port.close(() => done()));
                },
              });
            });
          }),
        explain: (error) => explainSerialFailure(error, settings.path),
      },
      options,
      typeof timing === 'number' ? { pollMs: timing } : timing,
    );
  }
}
