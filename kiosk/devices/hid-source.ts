/**
 * A USB HID input device (scanner or call button) kept open across unplug and replug: when the
 * device errors or disappears it is closed, and the device list is polled until it is back
 * (reopened well within 3 s). The HID API is injected: node-hid in production, a fake fed with
 * byte-exact reports in tests (no virtual HID device can exist on our build machines).
 */
import { EventEmitter } from 'node:events';
import { freshHealth, type DeviceHealth } from './health.ts';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  usagePage?: number | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
}

export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  close(): void;
}

/** The part of node-hid we use. */
export interface HidApi {
  devices(): HidDeviceInfo[];
  open(path: string): HidHandle;
}

export interface HidMatch {
  vendorId: number;
  productId: number;
  /** 0x01 (generic desktop: keyboard) for keyboard-wedge, 0x8C for HID-POS. */
  usagePage?: number;
}

export class HidSource extends EventEmitter {
  readonly health: DeviceHealth;
  private handle: HidHandle | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly api: HidApi,
    private readonly match: HidMatch,
    options: { name: string; kind: DeviceHealth['kind'] },
    private readonly pollMs = 500,
  ) {
    super();
    this.health = freshHealth(options.name, options.kind);
  }

  start(): void {
    this.stopped = false;
    this.tryOpen();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.release();
  }

  private tryOpen(): void {
    if (this.stopped) return;
    const info = this.api
      .devices()
      .find((d) => d.vendorId === this.match.vendorId && d.productId === this.match.productId && (this.match.usagePage === undefined || d.usagePage === this.match.usagePage));
    if (info?.path) {
      try {
        const handle = this.api.open(info.path);
        handle.on('data', (data) => {
          this.health.lastSeen = new Date().toISOString();
          this.emit('report', data);
        });
        handle.on('error', (error) => this.lost(error));
        this.handle = handle;
        this.update({ connected: true, lastSeen: new Date().toISOString() });
        return;
      } catch (err) {
        this.update({ errors: this.health.errors + 1, lastError: err instanceof Error ? err.message : String(err) });
      }
    }
    this.timer = setTimeout(() => this.tryOpen(), this.pollMs);
  }

  private lost(error: Error): void {
    this.release();
    this.update({ connected: false, errors: this.health.errors + 1, lastError: error.message });
    this.timer = setTimeout(() => this.tryOpen(), this.pollMs);
  }

  private release(): void {
    const handle = this.handle;
    this.handle = null;
    if (!handle) return;
    handle.removeAllListeners();
    try {
      handle.close();
    } catch {
      // already gone with the device
    }
  }

  private update(patch: Partial<DeviceHealth>): void {
    Object.assign(this.health, patch);
    this.emit('health', { ...this.health });
  }
}

/** node-hid behind the HidApi contract; loaded only when a HID device is configured. */
export async function nodeHidApi(): Promise<HidApi> {
  const hid = await import('node-hid');
  return {
    devices: () => hid.devices(),
    open: (path) => new hid.HID(path) as unknown as HidHandle,
  };
}
