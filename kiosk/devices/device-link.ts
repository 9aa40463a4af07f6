/**
 * The reopen/health loop every device shares (HID and serial): open when present, watch for
 * loss, reopen when back — and tell the hub only when the state changes.
 *
 * - A device that is absent is looked for every `pollMs` (a replugged scanner is back in
 *   well under 3 s), without a report each time.
 * - A device that is present but fails — `open()` throws (no udev rule for hidraw), or reads
 *   fail right after opening (Windows refuses apps reading keyboards) — is retried with
 *   backoff (pollMs doubling up to `maxBackoffMs`) and reported once, as a `problem` with the
 *   fix in words, instead of flapping connected/disconnected (one alert per device at the hub).
 * - "Connected" is announced only once the device proved readable: it delivered data or stayed
 *   open for `settleMs`.
 */
import { EventEmitter } from 'node:events';
import { freshHealth, type DeviceHealth } from './health.ts';

export interface Connection {
  close(): Promise<void> | void;
}

export interface LinkDriver<C extends Connection> {
  /** Whether the device is there to open (a listed HID interface, an existing serial path). */
  present(): Promise<boolean> | boolean;
  /** Also check presence while open (a vanished pty or USB serial adapter gives no event). */
  watchWhileOpen: boolean;
  /** Opens it; `data` and `lost` are how the connection reports back. Throws when it cannot. */
  open(events: { data: (chunk: Buffer) => void; lost: (error: Error) => void }): Promise<C>;
  /** Turns a failure into the words an installer needs (what is wrong, how to fix it). */
  explain(error: Error, phase: 'open' | 'read'): string;
}

export interface LinkTiming {
  pollMs: number;
  maxBackoffMs: number;
  settleMs: number;
}

export const DEFAULT_LINK_TIMING: LinkTiming = { pollMs: 500, maxBackoffMs: 30_000, settleMs: 1000 };

export class DeviceLink<C extends Connection> extends EventEmitter {
  readonly health: DeviceHealth;
  private connection: C | null = null;
  private openedAt = 0;
  private proven = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private busy = false;
  private readonly timing: LinkTiming;

  constructor(
    private readonly driver: LinkDriver<C>,
    options: { name: string; kind: DeviceHealth['kind'] },
    timing: Partial<LinkTiming> = {},
  ) {
    super();
    this.timing = { ...DEFAULT_LINK_TIMING, ...timing };
    this.health = freshHealth(options.name, options.kind);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.release();
  }

  /** The delay before the next attempt after `failures` failures in a row. */
  static backoff(failures: number, timing: LinkTiming): number {
    return Math.min(timing.pollMs * 2 ** Math.max(0, failures - 1), timing.maxBackoffMs);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.busy) return;
    this.busy = true;
    try {
      const present = this.connection && !this.driver.watchWhileOpen ? true : await Promise.resolve(this.driver.present()).catch(() => false);
      if (this.connection) {
        if (!present) await this.lost(new Error('device disappeared'));
        else if (!this.proven && Date.now() - this.openedAt >= this.timing.settleMs) this.prove();
      } else if (!present) {
        this.failures = 0;
        this.set({ connected: false, lastError: 'not plugged in' });
      } else await this.open();
    } finally {
      this.busy = false;
    }
    if (this.connection || !this.failures)
      this.schedule(this.connection && !this.proven ? Math.min(this.timing.pollMs, this.timing.settleMs) : this.timing.pollMs);
    else this.schedule(DeviceLink.backoff(this.failures, this.timing));
  }

  private async open(): Promise<void> {
    let connection: C | null = null;
    let earlyLoss: Error | null = null;
    const events = {
      data: (chunk: Buffer) => {
        if (this.connection !== connection) return;
        this.health.lastSeen = new Date().toISOString();
        if (!this.proven) this.prove();
        this.emit('data', chunk);
      },
      lost: (error: Error) => {
        if (connection === null)
          earlyLoss = error; // failed while still opening
        else if (this.connection === connection) void this.lost(error);
      },
    };
    try {
      connection = await this.driver.open(events);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)), 'open');
      return;
    }
    if (this.stopped || earlyLoss) {
      await Promise.resolve(connection.close()).catch(() => undefined);
      if (earlyLoss) this.fail(earlyLoss, 'read');
      return;
    }
    this.connection = connection;
    this.openedAt = Date.now();
    this.proven = false;
    this.emit('open');
  }

  private prove(): void {
    this.proven = true;
    this.failures = 0;
    this.set({ connected: true, lastSeen: this.health.lastSeen ?? new Date().toISOString(), lastError: null });
  }

  private async lost(error: Error): Promise<void> {
    const wasProven = this.proven;
    await this.release();
    if (wasProven) {
      this.failures = 0;
      this.health.errors++;
      this.set({ connected: false, lastError: error.message });
      this.schedule(this.timing.pollMs);
    } else {
      this.fail(error, 'read');
      this.schedule(DeviceLink.backoff(this.failures, this.timing));
    }
  }

  private fail(error: Error, phase: 'open' | 'read'): void {
    this.failures++;
    this.health.errors++;
    this.set({ connected: false, lastError: this.driver.explain(error, phase) });
  }

  private async release(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.proven = false;
    if (!connection) return;
    this.emit('close');
    try {
      await connection.close();
    } catch {
      // already gone with the device
    }
  }

  /** Applies a change; reports health only when what the desk would see changed. */
  private set(patch: Partial<DeviceHealth>): void {
    const before = `${this.health.connected}|${this.health.lastError}`;
    Object.assign(this.health, patch);
    if (`${this.health.connected}|${this.health.lastError}` !== before) this.emit('health', { ...this.health });
  }
}
