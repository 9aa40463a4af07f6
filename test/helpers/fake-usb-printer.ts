/**
 * A fake WebUSB receipt printer (no USB printer can exist on our build machines): printer class
 * 0x07 with bulk OUT for data and bulk IN for status, as the USB Printer Class spec 1.1 §4 and
 * Epson's ESC/POS manual (DLE EOT n, "Transmit real-time status") define. Bytes sent are
 * decoded as a printer would; status requests are answered on bulk IN.
 */
import { EscPosDecoder, type Receipt } from '../../kiosk/printer/escpos-decoder.ts';
import { statusReplies } from '../../kiosk/printer/printer-status.ts';
import type { UsbDeviceLike, UsbLike } from '../../kiosk/printer/usb-printer.ts';

export function fakeUsbPrinter(ids = { vendorId: 0x04b8, productId: 0x0202 }): { usb: UsbLike; receipts: Receipt[] } {
  const receipts: Receipt[] = [];
  const replies: number[] = [];
  const decoder = new EscPosDecoder({ onStatusRequest: (n) => replies.push(statusReplies({})[n]), onReceipt: (r) => receipts.push(r) });
  const device: UsbDeviceLike = {
    ...ids,
    configuration: {
      interfaces: [
        {
          interfaceNumber: 0,
          alternate: {
            interfaceClass: 0x07,
            endpoints: [
              { endpointNumber: 1, direction: 'out', type: 'bulk' },
              { endpointNumber: 2, direction: 'in', type: 'bulk' },
            ],
          },
        },
      ],
    },
    open: async () => undefined,
    close: async () => undefined,
    selectConfiguration: async () => undefined,
    claimInterface: async () => undefined,
    async transferOut(_endpoint, data) {
      decoder.push(Buffer.from(data));
      return { status: 'ok' };
    },
    async transferIn() {
      const byte = replies.shift();
      return { status: 'ok', data: new DataView(byte === undefined ? new ArrayBuffer(0) : Uint8Array.of(byte).buffer) };
    },
  };
  return { usb: { getDevices: async () => [device] }, receipts };
}
