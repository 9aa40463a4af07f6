/**
 * The printer contract every transport implements (tcp, serial, usb, virtual), and the print
 * job built on it: status before, bytes, status after. A TCP ACK does not mean printed, so a
 * job is confirmed by the printer's own DLE EOT answers (DESIGN.md §2).
 */
import type { Duplex } from 'node:stream';
import type { PrinterProfile } from './printer-profiles.ts';
import { countStatusRequests } from './realtime-scanner.ts';
import { DLE_EOT, faultOf, isStatusByte, parseStatus, type PrinterFault, type PrinterStatus } from './printer-status.ts';

export interface PrinterPort {
  /** Human-readable target, e.g. `tcp://10.0.0.5:9100`. */
  readonly description: string;
  /** What the printer cannot do itself is sent as raster images; full ability when absent. */
  profile?: PrinterProfile;
  /**
   * Asks the printer for its real-time status; rejects with PrinterTimeout when it does not
   * answer. `strayReplies`: status bytes the printer owes for DLE EOT found inside the job just
   * sent (e.g. in image data), discarded before the answers to this request are read.
   */
  status(options?: { strayReplies?: number }): Promise<PrinterStatus>;
  /** Sends bytes to the printer; resolves when the transport has taken them. */
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export class PrinterTimeout extends Error {}

export type PrintResult = { ok: true; status: PrinterStatus } | { ok: false; fault: PrinterFault; message: string };

/** Prints one receipt: refuses to send when the printer reports a fault, and confirms after. */
export async function printReceipt(port: PrinterPort, bytes: Buffer): Promise<PrintResult> {
  try {
    const before = await port.status();
    const faultBefore = faultOf(before);
    if (faultBefore) return { ok: false, fault: faultBefore, message: `printer ${port.description}: ${faultBefore} before printing` };
    await port.write(bytes);
    const after = await port.status({ strayReplies: countStatusRequests(bytes) });
    const faultAfter = faultOf(after);
    if (faultAfter) return { ok: false, fault: faultAfter, message: `printer ${port.description}: ${faultAfter} after printing` };
    return { ok: true, status: after };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, fault: err instanceof PrinterTimeout ? 'no_reply' : 'offline', message: `printer ${port.description}: ${message}` };
  } finally {
    await port.close().catch(() => undefined);
  }
}

/**
 * Request/reply over a byte stream for DLE EOT: one request at a time, one reply byte each.
 * Shared by the stream transports (TCP socket, serial port).
 */
export class StatusChannel {
  private waiter: { resolve: (byte: number) => void; reject: (err: Error) => void; timer: NodeJS.Timeout } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  /** Bytes received while no request waited (answers to DLE EOT inside a job, ASB), since the last status. */
  private unsolicited = 0;
  private onUnsolicited: (() => void) | null = null;

  constructor(
    private readonly stream: Duplex,
    private readonly timeoutMs: number,
  ) {
    stream.on('data', (chunk: Buffer) => {
      for (const byte of chunk) {
        if (!isStatusByte(byte)) continue; // ASB blocks and noise: never a DLE EOT reply
        const w = this.waiter;
        if (!w) {
          // Unsolicited bytes are counted and dropped, never taken as an answer.
          this.unsolicited++;
          this.onUnsolicited?.();
          continue;
        }
        this.waiter = null;
        clearTimeout(w.timer);
        w.resolve(byte);
      }
    });
    const fail = (err: Error): void => {
      const w = this.waiter;
      this.waiter = null;
      if (w) {
        clearTimeout(w.timer);
        w.reject(err);
      }
    };
    stream.on('error', fail);
    stream.on('close', () => fail(new Error('connection closed')));
  }

  /** Sends DLE EOT n and resolves with the reply byte. */
  ask(n: 1 | 2 | 3 | 4): Promise<number> {
    const next = this.chain.then(
      () =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.waiter = null;
            reject(new PrinterTimeout(`no reply to DLE EOT ${n} within ${this.timeoutMs} ms`));
          }, this.timeoutMs);
          this.waiter = { resolve, reject, timer };
          this.stream.write(DLE_EOT(n));
        }),
    );
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Waits (at most `quietMs` without news) for `count` stray bytes to arrive and drops them. */
  private async discardStray(count: number, quietMs: number): Promise<void> {
    await new Promise<void>((resolve) => {
      let timer = setTimeout(resolve, quietMs);
      const check = (): void => {
        if (this.unsolicited >= count) {
          clearTimeout(timer);
          resolve();
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(resolve, quietMs);
      };
      this.onUnsolicited = check;
      check();
    });
    this.onUnsolicited = null;
  }

  async status(options: { strayReplies?: number } = {}): Promise<PrinterStatus> {
    const stray = options.strayReplies ?? 0;
    // A printer answers DLE EOT found in image data at once; a model that ignores them never does.
    if (stray > 0) await this.discardStray(stray, Math.min(500, this.timeoutMs));
    this.unsolicited = 0;
    const printer = await this.ask(1);
    const offline = await this.ask(2);
    const error = await this.ask(3);
    const paper = await this.ask(4);
    return parseStatus({ printer, offline, error, paper });
  }
}
