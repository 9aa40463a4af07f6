/**
 * A receipt printer on a serial line (RS-232, or a USB virtual COM port) through the real
 * `serialport` binding. Status is read with DLE EOT like the network printer. On a 9600-baud
 * line a ticket of ~1 KB takes about a second; `drain` waits until it has left the port.
 */
import { SerialPort } from 'serialport';
import type { PrinterStatus } from './printer-status.ts';
import { StatusChannel, type PrinterPort } from './printer-port.ts';

export interface SerialPrinterOptions {
  path: string;
  baudRate: number;
  /** Status-reply timeout in ms. Default 2000. */
  timeoutMs?: number;
}

export function openSerialPrinter(options: SerialPrinterOptions): PrinterPort {
  const timeoutMs = options.timeoutMs ?? 2000;
  let port: SerialPort | null = null;
  let channel: StatusChannel | null = null;

  const opened = async (): Promise<{ port: SerialPort; channel: StatusChannel }> => {
    if (port?.isOpen && channel) return { port, channel };
    const p = new SerialPort({ path: options.path, baudRate: options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => p.open((err) => (err ? reject(err) : resolve())));
    p.on('error', () => undefined); // surfaced through StatusChannel and write()
    port = p;
    channel = new StatusChannel(p, timeoutMs);
    return { port: p, channel };
  };

  return {
    description: `serial://${options.path}?baud=${options.baudRate}`,
    async status(options): Promise<PrinterStatus> {
      return (await opened()).channel.status(options);
    },
    async write(bytes: Buffer): Promise<void> {
      const { port: p } = await opened();
      await new Promise<void>((resolve, reject) => p.write(bytes, (err) => (err ? reject(err) : p.drain((e) => (e ? reject(e) : resolve())))));
    },
    async close(): Promise<void> {
      const p = port;
      port = null;
      channel = null;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
    },
  };
}
