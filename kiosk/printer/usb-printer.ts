/**
 * A receipt printer on USB (printer class 0x07, bulk OUT for data, bulk IN for status replies)
 * through the `usb` package's WebUSB API (the callback API of older escpos adapters no longer
 * exists in usb@3). The device API is injected: the `usb` package in production; a fake with the
 * same WebUSB shape in tests, since no USB printer can exist on our build machines.
 */
import type { PrinterStatus } from './printer-status.ts';
import { DLE_EOT, parseStatus } from './printer-status.ts';
import { PrinterTimeout, type PrinterPort } from './printer-port.ts';

/** The part of a WebUSB `USBDevice` we use. */
export interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  configuration: {
    interfaces: {
      interfaceNumber: number;
      alternate: { interfaceClass: number; endpoints: { endpointNumber: number; direction: 'in' | 'out'; type: string }[] };
    }[];
  } | null;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status: string }>;
  transferIn(endpointNumber: number, length: number): Promise<{ status: string; data?: DataView }>;
}

export interface UsbLike {
  getDevices(): Promise<UsbDeviceLike[]>;
}

const PRINTER_CLASS = 0x07;

export function openUsbPrinter(usb: UsbLike, ids: { vendorId: number; productId: number }, timeoutMs = 2000): PrinterPort {
  let device: UsbDeviceLike | null = null;
  let endpoints: { out: number; in: number | null } | null = null;
  const description = `usb://${ids.vendorId.toString(16).padStart(4, '0')}:${ids.productId.toString(16).padStart(4, '0')}`;

  const ready = async (): Promise<{ device: UsbDeviceLike; endpoints: { out: number; in: number | null } }> => {
    if (device && endpoints) return { device, endpoints };
    const found = (await usb.getDevices()).find((d) => d.vendorId === ids.vendorId && d.productId === ids.productId);
    if (!found) throw new Error('printer not connected');
    await found.open();
    if (!found.configuration) await found.selectConfiguration(1);
    const iface = found.configuration?.interfaces.find((i) => i.alternate.interfaceClass === PRINTER_CLASS) ?? found.configuration?.interfaces[0];
    if (!iface) throw new Error('printer has no interface');
    await found.claimInterface(iface.interfaceNumber);
    const bulk = iface.alternate.endpoints.filter((e) => e.type === 'bulk');
    const out = bulk.find((e) => e.direction === 'out');
    if (!out) throw new Error('printer has no bulk OUT endpoint');
    device = found;
    endpoints = { out: out.endpointNumber, in: bulk.find((e) => e.direction === 'in')?.endpointNumber ?? null };
    return { device, endpoints };
  };

  const ask = async (n: 1 | 2 | 3 | 4): Promise<number> => {
    const { device: d, endpoints: e } = await ready();
    if (e.in === null) throw new PrinterTimeout('printer has no status channel (bulk IN)');
    await d.transferOut(e.out, DLE_EOT(n));
    const reply = await Promise.race([
      d.transferIn(e.in, 64),
      new Promise<never>((_, reject) => setTimeout(() => reject(new PrinterTimeout(`no reply to DLE EOT ${n} within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    if (reply.status !== 'ok' || !reply.data || reply.data.byteLength < 1) throw new PrinterTimeout(`empty reply to DLE EOT ${n}`);
    // Bytes queued before ours (answers to DLE EOT inside a job) come first: the answer is the last.
    return reply.data.getUint8(reply.data.byteLength - 1);
  };

  return {
    description,
    async status(): Promise<PrinterStatus> {
      return parseStatus({ printer: await ask(1), offline: await ask(2), error: await ask(3), paper: await ask(4) });
    },
    async write(bytes: Buffer): Promise<void> {
      const { device: d, endpoints: e } = await ready();
      const result = await d.transferOut(e.out, bytes);
      if (result.status !== 'ok') throw new Error(`USB transfer ${result.status}`);
    },
    async close(): Promise<void> {
      const d = device;
      device = null;
      endpoints = null;
      await d?.close().catch(() => undefined);
    },
  };
}

/** The `usb` package's WebUSB, allowed to see every device (a kiosk has no permission prompt). */
export async function nodeUsb(): Promise<UsbLike> {
  const { WebUSB } = await import('usb');
  return new WebUSB({ allowAllDevices: true }) as unknown as UsbLike;
}
