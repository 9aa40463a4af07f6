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
