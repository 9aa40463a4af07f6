/** A network receipt printer on a raw TCP port (usually 9100). One connection per job. */
import { connect, type Socket } from 'node:net';
import type { PrinterStatus } from './printer-status.ts';
import { PrinterTimeout, StatusChannel, type PrinterPort } from './printer-port.ts';

export interface TcpPrinterOptions {
  host: string;
  port: number;
  /** Connect and status-reply timeout in ms. Default 3000. */
  timeoutMs?: number;
}

export function openTcpPrinter(options: TcpPrinterOptions): PrinterPort {
  const timeoutMs = options.timeoutMs ?? 3000;
  const description = `tcp://${options.host}:${options.port}`;
  let socket: Socket | null = null;
  let channel: StatusChannel | null = null;

  const connected = (): Promise<{ socket: Socket; channel: StatusChannel }> => {
    if (socket && channel && !socket.destroyed) return Promise.resolve({ socket, channel });
    return new Promise((resolve, reject) => {
      const s = connect({ host: options.host, port: options.port });
      s.setNoDelay(true);
      const timer = setTimeout(() => {
        s.destroy();
        reject(new PrinterTimeout(`could not connect within ${timeoutMs} ms`));
      }, timeoutMs);
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      s.once('connect', () => {
        clearTimeout(timer);
        s.on('error', () => undefined); // surfaced through StatusChannel and write()
        socket = s;
        channel = new StatusChannel(s, timeoutMs);
        resolve({ socket: s, channel });
      });
    });
  };

  return {
    description,
    async status(options): Promise<PrinterStatus> {
      const c = await connected();
      return c.channel.status(options);
    },
    async write(bytes: Buffer): Promise<void> {
      const c = await connected();
      await new Promise<void>((resolve, reject) => c.socket.write(bytes, (err) => (err ? reject(err) : resolve())));
    },
    async close(): Promise<void> {
      const s = socket;
      socket = null;
      channel = null;
      if (!s || s.destroyed) return;
      await new Promise<void>((resolve) => {
        s.end(() => resolve());
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 1000).unref();
      });
    },
  };
}
