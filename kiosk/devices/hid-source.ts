/**
 * A USB HID input device (scanner or call button) kept open across unplug and replug through
 * the shared device loop (device-link.ts). The HID API is injected: node-hid's async API in
 * production, a fake fed with byte-exact reports in tests (no virtual HID device can exist on
 * our build machines).
 */
import { DeviceLink, type LinkDriver, type LinkTiming } from './device-link.ts';
import type { DeviceHealth } from './health.ts';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface?: number | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
}

export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  close(): Promise<void> | void;
}

/** The part of node-hid we use: its async API (reads do not hold a libuv pool thread each). */
export interface HidApi {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

export interface HidMatch {
  vendorId: number;
  productId: number;
  /** The interface to open on a composite device, by usage page (0x8C HID-POS, 0x01 keyboard). */
  usagePage?: number | undefined;
  /** Interfaces to prefer, in order, when `usagePage` is not set. */
  prefer?: readonly { usagePage: number; usage?: number }[];
}

/** By mode: HID-POS scanner (page 0x8C), keyboard (0x01 usage 0x06, else page 0x07), buttons (0x09). */
export const PREFERRED_INTERFACES = {
  pos: [{ usagePage: 0x8c }],
  keyboard: [{ usagePage: 0x01, usage: 0x06 }, { usagePage: 0x07 }],
  buttons: [{ usagePage: 0x09 }],
} as const;

/**
 * Which interface of a (possibly composite) device to open: the one with the configured usage
 * page, else the first of the preferred pages, else the first listed. Pure.
 */
export function chooseInterface(devices: HidDeviceInfo[], match: HidMatch): HidDeviceInfo | null {
  const mine = devices.filter((d) => d.vendorId === match.vendorId && d.productId === match.productId && d.path);
  if (match.usagePage !== undefined) return mine.find((d) => d.usagePage === match.usagePage) ?? null;
  for (const wanted of match.prefer ?? []) {
    const found = mine.find((d) => d.usagePage === wanted.usagePage && (wanted.usage === undefined || d.usage === undefined || d.usage === wanted.usage));
    if (found) return found;
  }
  return mine[0] ?? null;
}

const hex = (n: number): string => n.toString(16).padStart(4, '0');

/** The fix an installer needs when a HID device cannot be opened or read, in words. */
export function explainHidFailure(error: Error, phase: 'open' | 'read', match: HidMatch, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux' && phase === 'open') {
    return `permission: cannot open hidraw; add a udev rule SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${hex(match.vendorId)}", ATTRS{idProduct}=="${hex(match.productId)}", MODE="0660", GROUP="plugdev" and replug (${error.message})`.slice(
      0,
      300,
    );
  }
  if (platform !== 'linux') {
    return `unsupported: ${platform === 'win32' ? 'Windows' : 'this system'} does not let apps read this interface; use mode "keyboard" with the kiosk page's scan path, or set the scanner to HID-POS or serial (${error.message})`.slice(
      0,
      300,
    );
  }
  return `unreadable: reads fail right after opening (${error.message})`.slice(0, 300);
}

export class HidSource extends DeviceLink<HidHandle> {
  private readonly last: { opened: HidDeviceInfo | null };

  constructor(api: HidApi, match: HidMatch, options: { name: string; kind: DeviceHealth['kind'] }, timing: Partial<LinkTiming> | number = {}) {
    let chosen: HidDeviceInfo | null = null;
    const last = { opened: null as HidDeviceInfo | null };
    const driver: LinkDriver<HidHandle> = {
      watchWhileOpen: false, // a HID read fails when the device goes; no costly enumeration meanwhile
      present: async () => {
        chosen = chooseInterface(await api.devices(), match);
        return chosen !== null;
      },
      open: async (events) => {
        const info = chosen;
        if (!info?.path) throw new Error('not plugged in');
        const handle = await api.open(info.path);
        handle.on('data', events.data);
        handle.on('error', events.lost);
        last.opened = info;
        return {
          on: handle.on.bind(handle),
          removeAllListeners: () => handle.removeAllListeners(),
          close: async () => {
            handle.removeAllListeners();
            handle.on('error', () => undefined);
            await handle.close();
          },
        } as HidHandle;
      },
      explain: (error, phase) => explainHidFailure(error, phase, match),
    };
    super(driver, options, typeof timing === 'number' ? { pollMs: timing } : timing);
    this.last = last;
  }

  /** The interface last opened (for `npm run devices`). */
  get opened(): HidDeviceInfo | null {
    return this.last.opened;
  }
}

/** Why node-hid could not be loaded, with what to install. */
export function explainHidLoadFailure(error: unknown, platform: NodeJS.Platform = process.platform): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/libusb/.test(message))
    return `node-hid needs the libusb runtime: install it (Debian/Ubuntu/UOS: sudo apt install libusb-1.0-0; Fedora: sudo dnf install libusb1) (${message})`;
  if (/libudev/.test(message)) return `node-hid's hidraw driver needs libudev: install it (sudo apt install libudev1) (${message})`;
  if (platform === 'linux' && /EACCES|permission/i.test(message))
    return `no permission to read /dev/hidraw*: add a udev rule (see README, "Scanners and call buttons") (${message})`;
  return message;
}

/**
 * node-hid behind the HidApi contract; loaded only when a HID device is configured. On Linux the
 * hidraw driver (the kernel's own HID parsing, no detaching of keyboards) is chosen explicitly.
 */
export async function nodeHidApi(): Promise<HidApi> {
  const hid = await import('node-hid');
  if (process.platform === 'linux') hid.setDriverType('hidraw');
  return {
    devices: () => hid.devicesAsync(),
    open: async (path) => (await hid.HIDAsync.open(path)) as unknown as HidHandle,
  };
}
