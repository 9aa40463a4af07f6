import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../shared/src/services.ts';
import { decodeEscPos } from './escpos-decoder.ts';
import { columns } from './text-columns.ts';
import { buildTicketReceipt, type TicketToPrint } from './ticket-receipt.ts';

const ticket: TicketToPrint = {
  number: 'A012',
  service: 'maintenance',
  ahead: 3,
  estimatedWaitMinutes: 25,
  issuedAtLocal: '2026-11-24 09:41',
  trackingUrl: 'http://hub.local:8080/t/0123456789abcdef0123456789abcdef',
};

const decodeTicket = (paper: 58 | 80, language: 'zh-CN' | 'zh-TW' | 'en' = 'zh-CN') => {
  const { receipts } = decodeEscPos(buildTicketReceipt(ticket, DEFAULT_STORE, { paper, language }));
  expect(receipts).toHaveLength(1);
  return receipts[0]!;
};

describe('buildTicketReceipt', () => {
  it('prints store, service, a large number, people ahead, time, QR and a cut', () => {
    const receipt = decodeTicket(80);
    const texts = receipt.lines.map((l) => l.text);
    expect(texts).toContain('示例汽车4S店 售后服务中心');
    expect(texts).toContain('保养');
    expect(texts).toContain('前面还有 3 位等候');
    expect(texts).toContain('预计等候约 25 分钟');
    expect(texts).toContain('取号时间 2026-11-24 09:41');
    const number = receipt.lines.find((l) => l.text === 'A012');
    expect(number?.width).toBeGreaterThanOrEqual(5);
    expect(number?.height).toBeGreaterThanOrEqual(5);
    expect(number?.align).toBe('center');
    expect(receipt.qrCodes).toEqual([expect.objectContaining({ data: ticket.trackingUrl, command: 'GS ( k' })]);
    expect(receipt.cut).toBe('partial');
    expect(receipt.unknown).toEqual([]);
  });

  it('returns to normal size after the number (escpos size(1,1) alone leaves GS ! set)', () => {
    const receipt = decodeTicket(80);
    const after = receipt.lines.slice(receipt.lines.findIndex((l) => l.text === 'A012') + 1);
    const issued = after.find((l) => l.text.startsWith('取号时间'));
    expect(issued).toMatchObject({ width: 1, height: 1 });
  });

  it.each([58, 80] as const)('fits every line on %i mm paper', (paper) => {
    const paperColumns = paper === 80 ? 48 : 32;
    for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
      for (const line of decodeTicket(paper, language).lines) {
        expect(columns(line.text) * line.width, `${language}: "${line.text}" ×${line.width}`).toBeLessThanOrEqual(paperColumns);
      }
    }
  });

  it('prints in the customer language', () => {
    const texts = decodeTicket(80, 'en').lines.map((l) => l.text);
    expect(texts).toContain('Maintenance');
    expect(texts).toContain('3 ahead of you');
    const tw = decodeTicket(58, 'zh-TW').lines.map((l) => l.text);
    expect(tw).toContain('保養');
  });
});

describe('raster fallbacks', () => {
  it('draws Chinese text as raster images for a printer without a Chinese font, and never sends GB18030', () => {
    const bytes = buildTicketReceipt(ticket, DEFAULT_STORE, { paper: 80, language: 'zh-CN', profile: { chineseFont: false, nativeQr: true } });
    const { receipts } = decodeEscPos(bytes);
    const receipt = receipts[0]!;
    // Only ASCII reaches the printer's font: the number, the rules; the rest are images 512 dots wide.
    expect(receipt.lines.map((l) => l.text).filter((t) => t.trim())).toEqual(['-'.repeat(48), 'A012', '-'.repeat(48)]);
    expect(receipt.images.length).toBeGreaterThanOrEqual(7);
    expect(receipt.images.every((i) => i.widthDots === 512 && i.heightDots > 20)).toBe(true);
    expect(bytes.includes(Buffer.from([0x1c, 0x26]))).toBe(false);
    expect(receipt.qrCodes[0]?.command).toBe('GS ( k');
  });

  it('prints a raster QR code that a QR reader decodes to the tracking link', async () => {
    const jsQR = (await import('jsqr')).default;
    const bytes = buildTicketReceipt(ticket, DEFAULT_STORE, { paper: 58, language: 'zh-CN', profile: { chineseFont: true, nativeQr: false } });
    expect(decodeEscPos(bytes).receipts[0]!.qrCodes).toEqual([]);
    // Find the raster image in the bytes (GS v 0) and turn its dots back into pixels.
    const at = bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30, 0]));
    const bytesPerRow = bytes[at + 4]! + bytes[at + 5]! * 256;
    const height = bytes[at + 6]! + bytes[at + 7]! * 256;
    const width = bytesPerRow * 8;
    const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (bytes[at + 8 + y * bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      }
    }
    expect(jsQR(rgba, width, height)?.data).toBe(ticket.trackingUrl);
  });
});
