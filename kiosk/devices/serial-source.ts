/**
 * A serial device (scanner or wireless call-button receiver) through the real `serialport`
 * binding, kept open across unplug and replug. A vanished port gives no `close` event on every
 * platform (a pty whose other end died, a USB adapter pulled), so the device path is also
 * watched: when it disappears the port is closed, and reopened as soon as it is back.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { freshHealth, type DeviceHealth } from './health.ts';

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
}

export class SerialSource extends EventEmitter {
  readonly health: DeviceHealth;
  private port: SerialPort | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly settings: SerialSettings,
    options: { name: string; kind: DeviceHealth['kind'] },
    private readonly pollMs = 500,
  ) {
    super();
    this.health = freshHealth(options.name, options.kind);
  }

  start(): void {
    this.stopped = false;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.release();
  }

  /** Opens when closed and present; closes when open and gone. Runs every poll. */
  private tick(): void {
    if (this.stopped) return;
    const present = existsSync(this.settings.path);
    if (this.port && !present) void this.lost(new Error(`${this.settings.path} disappeared`));
    else if (!this.port && present) this.open();
    this.timer = setTimeout(() => this.tick(), this.pollMs);
  }

  private open(): void {
    const port = new SerialPort({
      path: this.settings.path,
      baudRate: this.settings.baudRate,
      dataBits: this.settings.dataBits ?? 8,
      parity: this.settings.parity ?? 'none',
      stopBits: this.settings.stopBits ?? 1,
      autoOpen: false,
    });
    this.port = port;
    port.open((err) => {
      if (err) {
        this.port = null;
        this.update({ errors: this.health.errors + 1, lastError: err.message });
        return;
      }
      this.update({ connected: true, lastSeen: new Date().toISOString() });
    });
    port.on('data', (chunk: Buffer) => {
      this.health.lastSeen = new Date().toISOString();
      this.emit('data', chunk);
    });
    port.on('error', (err) => void this.lost(err));
    port.on('close', () => {
      if (this.port === port) void this.lost(new Error('port closed'));
    });
  }

  private async lost(error: Error): Promise<void> {
    if (!this.health.connected && !this.port) return;
    await this.release();
    this.update({ connected: false, errors: this.health.errors + 1, lastError: error.message });
  }

  private async release(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return;
    port.removeAllListeners();
    port.on('error', () => undefined);
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private update(patch: Partial<DeviceHealth>): void {
    Object.assign(this.health, patch);
    this.emit('health', { ...this.health });
  }
}
