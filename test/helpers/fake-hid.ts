/**
 * A fake of node-hid's async API (no virtual HID device can exist on our machines), fed with
 * byte-exact reports by the tests, and failing the ways real systems do.
 */
import { EventEmitter } from 'node:events';
import type { HidApi, HidDeviceInfo, HidHandle } from '../../kiosk/devices/hid-source.ts';

class FakeHandle extends EventEmitter {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Behaves like node-hid's async API: a device list, and handles that emit `data` and `error`. */
export class FakeHid implements HidApi {
  present: HidDeviceInfo[] = [];
  readonly handles = new Map<string, FakeHandle>();
  opens = 0;
  /** As hidapi on Linux without a udev rule: the device is listed but cannot be opened. */
  refuseOpen = false;
  /** As Windows with a keyboard: open succeeds, the first read fails. */
  failReads = false;
  async devices(): Promise<HidDeviceInfo[]> {
    return [...this.present];
  }
  async open(path: string): Promise<HidHandle> {
    this.opens++;
    if (this.refuseOpen || !this.present.some((d) => d.path === path)) throw new Error(`cannot open device with path ${path}`);
    const handle = new FakeHandle();
    this.handles.set(path, handle);
    if (this.failReads) setTimeout(() => handle.emit('error', new Error('could not read from HID device')), 5);
    return handle as unknown as HidHandle;
  }
  plug(info: HidDeviceInfo): void {
    this.present.push(info);
  }
  unplug(path: string): void {
    this.present = this.present.filter((d) => d.path !== path);
    this.handles.get(path)?.emit('error', new Error('could not read from HID device'));
  }
  send(path: string, report: number[]): void {
    const handle = this.handles.get(path);
    if (!handle || handle.closed) throw new Error(`${path} is not open`);
    handle.emit('data', Buffer.from(report));
  }
}
