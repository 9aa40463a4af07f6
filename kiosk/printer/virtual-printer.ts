/**
 * The virtual printer: a real TCP listener that behaves like a network ESC/POS printer. It
 * answers DLE EOT wherever it appears in the stream (image data included, as real printers do)
 * like a printer that is online with paper (or in a fault state a test sets),
 * decodes everything it receives, and keeps the last receipts so a person can read them.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { EscPosDecoder, receiptToText, type Receipt } from './escpos-decoder.ts';
import { statusReplies } from './printer-status.ts';
import { RealtimeScanner } from './realtime-scanner.ts';

export interface VirtualPrinterState {
  coverOpen?: boolean;
  paperEnd?: boolean;
  paperNearEnd?: boolean;
}

export interface ReceivedReceipt {
  receivedAt: string;
  receipt: Receipt;
  text: string;
}

export class VirtualPrinter {
  readonly received: ReceivedReceipt[] = [];
  state: VirtualPrinterState = {};
  /** Every byte received, across connections, for tests that decode the raw stream. */
  readonly rawBytes: Buffer[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Set<(r: ReceivedReceipt) => void>();

  constructor(private readonly options: { keep?: number; paperColumns?: number; log?: (text: string) => void } = {}) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<AddressInfo> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  get address(): AddressInfo {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('virtual printer is not listening');
    return address;
  }

  get url(): string {
    return `tcp://${this.address.address}:${this.address.port}`;
  }

  onReceipt(listener: (r: ReceivedReceipt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the next receipt that is cut. */
  nextReceipt(timeoutMs = 10_000): Promise<ReceivedReceipt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no receipt within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onReceipt((r) => {
        clearTimeout(timer);
        off();
        resolve(r);
      });
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    // Status requests are answered wherever they appear, image data included, like a printer.
    const realtime = new RealtimeScanner((n) => socket.write(Buffer.from([statusReplies(this.state)[n]])));
    const decoder = new EscPosDecoder({ onReceipt: (receipt) => this.store(receipt) });
    socket.on('data', (chunk: Buffer) => {
      this.rawBytes.push(chunk);
      realtime.push(chunk);
      // A printer with its cover open or out of paper answers status but prints nothing.
      if (this.state.coverOpen || this.state.paperEnd) return;
      decoder.push(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private store(receipt: Receipt): void {
    const entry: ReceivedReceipt = {
      receivedAt: new Date().toISOString(),
      receipt,
      text: receiptToText(receipt, this.options.paperColumns ?? 48),
    };
    this.received.push(entry);
    const keep = this.options.keep ?? 50;
    if (this.received.length > keep) this.received.splice(0, this.received.length - keep);
    this.options.log?.(entry.text);
    for (const l of this.listeners) l(entry);
  }
}
