/**
 * The USB transport against a fake WebUSB printer (no USB printer can exist on our build
 * machines): bytes sent on the bulk OUT endpoint are decoded as a printer would, and status
 * requests are answered on bulk IN.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../shared/src/services.ts';
import { EscPosDecoder, type Receipt } from './escpos-decoder.ts';
import { printReceipt } from './printer-port.ts';
import { statusReplies } from './printer-status.ts';
import { buildTicketReceipt } from './ticket-receipt.ts';
import { openUsbPrinter, type UsbDeviceLike } from './usb-printer.ts';

function fakePrinter(state: { paperEnd?: boolean }): { device: UsbDeviceLike; receipts: Receipt[] } {
  const receipts: Receipt[] = [];
  const replies: number[] = [];
  const decoder = new EscPosDecoder({ onStatusRequest: (n) => replies.push(statusReplies(state)[n]), onReceipt: (r) => receipts.push(r) });
  const device: UsbDeviceLike = {
    vendorId: 0x04b8,
    productId: 0x0202,
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
    async transferOut(endpoint, data) {
      expect(endpoint).toBe(1);
      const bytes = Buffer.from(data);
      // Out of paper: status is answered, nothing is printed.
      if (state.paperEnd) new EscPosDecoder({ onStatusRequest: (n) => replies.push(statusReplies(state)[n]) }).push(bytes);
      else decoder.push(bytes);
      return { status: 'ok' };
    },
    async transferIn(endpoint) {
      expect(endpoint).toBe(2);
      const byte = replies.shift();
      return byte === undefined ? { status: 'ok', data: new DataView(new ArrayBuffer(0)) } : { status: 'ok', data: new DataView(Uint8Array.of(byte).buffer) };
    },
  };
  return { device, receipts };
}

const ticket = buildTicketReceipt({ number: 'F003', service: 'pickup', ahead: 0, issuedAtLocal: '2026-11-24 10:00', trackingUrl: 'http://hub/t/x' }, DEFAULT_STORE, { paper: 80, language: 'zh-CN' });

describe('USB printer transport', () => {
  it('prints over bulk OUT with status confirmed over bulk IN', async () => {
    const { device, receipts } = fakePrinter({});
    const result = await printReceipt(openUsbPrinter({ getDevices: async () => [device] }, { vendorId: 0x04b8, productId: 0x0202 }), ticket);
    expect(result.ok).toBe(true);
    expect(receipts[0]!.lines.map((l) => l.text)).toContain('F003');
  });

  it('reports paper out and prints nothing', async () => {
    const { device, receipts } = fakePrinter({ paperEnd: true });
    const result = await printReceipt(openUsbPrinter({ getDevices: async () => [device] }, { vendorId: 0x04b8, productId: 0x0202 }), ticket);
    expect(result).toMatchObject({ ok: false, fault: 'paper_end' });
    expect(receipts).toEqual([]);
  });

  it('reports a printer that is not plugged in', async () => {
    const result = await printReceipt(openUsbPrinter({ getDevices: async () => [] }, { vendorId: 0x04b8, productId: 0x0202 }), ticket);
    expect(result).toMatchObject({ ok: false, fault: 'offline', message: expect.stringContaining('not connected') });
  });
});
