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
import { RealtimeScanner } from './realtime-scanner.ts';
import { buildTicketReceipt } from './ticket-receipt.ts';
import { openUsbPrinter, type UsbDeviceLike } from './usb-printer.ts';

function fakePrinter(state: { paperEnd?: boolean; paperNearEnd?: boolean }): { device: UsbDeviceLike; receipts: Receipt[] } {
  const receipts: Receipt[] = [];
  const replies: number[] = [];
  // Real-time requests are answered wherever they appear (Epson ESC/POS reference, DLE EOT).
  const realtime = new RealtimeScanner((n) => replies.push(statusReplies(state)[n]));
  const decoder = new EscPosDecoder({ onReceipt: (r) => receipts.push(r) });
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
      realtime.push(bytes);
      // Out of paper: status is answered, nothing is printed.
      if (!state.paperEnd) decoder.push(bytes);
      return { status: 'ok' };
    },
    async transferIn(endpoint) {
      expect(endpoint).toBe(2);
      // Bulk IN hands over every byte the printer has queued, in one packet.
      const queued = replies.splice(0);
      return { status: 'ok', data: new DataView(Uint8Array.from(queued).buffer) };
    },
  };
  return { device, receipts };
}

const ticket = buildTicketReceipt(
  { number: 'F003', service: 'pickup', ahead: 0, issuedAtLocal: '2026-11-24 10:00', trackingUrl: 'http://hub/t/x' },
  DEFAULT_STORE,
  { paper: 80, language: 'zh-CN' },
);

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

  it('reads past status bytes the printer sent for DLE EOT inside the job (paper near end is not offline)', async () => {
    const { device, receipts } = fakePrinter({ paperNearEnd: true });
    // GS v 0 image whose data holds 10 04 04, then text and a cut.
    const job = Buffer.concat([Buffer.from([0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0xff, 0x10, 0x04, 0x04]), Buffer.from('F003\n'), Buffer.from([0x1d, 0x56, 1])]);
    const result = await printReceipt(openUsbPrinter({ getDevices: async () => [device] }, { vendorId: 0x04b8, productId: 0x0202 }), job);
    expect(result).toMatchObject({ ok: true, status: { online: true, paperNearEnd: true } });
    expect(receipts[0]!.lines.map((l) => l.text)).toEqual(['F003']);
  });

  it('reports a printer that is not plugged in', async () => {
    const result = await printReceipt(openUsbPrinter({ getDevices: async () => [] }, { vendorId: 0x04b8, productId: 0x0202 }), ticket);
    expect(result).toMatchObject({ ok: false, fault: 'offline', message: expect.stringContaining('not connected') });
  });
});
