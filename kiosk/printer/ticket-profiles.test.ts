/**
 * Every ticket layout × language × paper × printer profile, decoded by the repo's decoder in
 * strict mode: any command the profile does not define (e.g. ESC 4/ESC 5, which Epson's ESC/POS
 * command reference does not define), Chinese bytes outside the profile's character set
 * (GB2312 per GB 2312-80 / EUC-CN, GBK, Big5), Chinese sized by ESC ! alone, lines or images
 * wider than the paper (TM-T88: 512 dots on 80 mm; 203-dpi Chinese clones: 576), or real-time
 * sequences inside image data (Epson ESC/POS reference, DLE EOT) fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../shared/src/services.ts';
import { printableText } from './charsets.ts';
import { decodeEscPos } from './escpos-decoder.ts';
import { printReceipt } from './printer-port.ts';
import { PRINTER_PROFILES, type PaperWidth } from './printer-profiles.ts';
import { openTcpPrinter } from './tcp-printer.ts';
import { buildTicketReceipt, type TicketToPrint } from './ticket-receipt.ts';
import { VirtualPrinter } from './virtual-printer.ts';

const base: TicketToPrint = {
  number: 'A012',
  service: 'maintenance',
  ahead: 3,
  estimatedWaitMinutes: 25,
  issuedAtLocal: '2026-11-24 09:41',
  trackingUrl: 'http://192.168.1.10:8080/t/0123456789abcdef0123456789abcdef',
};
const longStore = {
  ...DEFAULT_STORE,
  name: {
    'zh-CN': '示例汽车销售服务有限公司 售后服务中心',
    'zh-TW': '示例汽車銷售服務有限公司 售後服務中心',
    en: 'Example Motors Sales and Service Co., Ltd. After-sales Centre',
  },
};

const LAYOUTS = {
  waiting: { ticket: base, store: DEFAULT_STORE },
  'short wait (0–9 min)': { ticket: { ...base, number: 'B004', service: 'repair', ahead: 1, estimatedWaitMinutes: 4 }, store: DEFAULT_STORE },
  'first in line': { ticket: { ...base, number: 'D001', service: 'warranty', ahead: 0, estimatedWaitMinutes: null }, store: DEFAULT_STORE },
  'offline (QR to the lounge page)': {
    ticket: { ...base, number: 'E051', service: 'accident', estimatedWaitMinutes: null, trackingUrl: 'http://192.168.1.10:8080/display' },
    store: DEFAULT_STORE,
  },
  'long store name': { ticket: { ...base, number: 'F010', service: 'pickup' }, store: longStore },
} as const;

const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
const PAPERS: PaperWidth[] = [58, 80];

const cases = PRINTER_PROFILES.flatMap((profile) =>
  Object.entries(LAYOUTS).flatMap(([layout, { ticket, store }]) =>
    LANGUAGES.flatMap((language) =>
      PAPERS.map((paper) => ({ name: `${profile.id} · ${layout} · ${language} · ${paper} mm`, profile, ticket, store, language, paper })),
    ),
  ),
);

describe('every ticket layout on every printer profile (strict decoder)', () => {
  it.each(cases)('$name', ({ profile, ticket, store, language, paper }) => {
    const bytes = buildTicketReceipt(ticket, store, { paper, language, profile });
    const { receipts } = decodeEscPos(bytes, { profile, paper });
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0]!;
    expect(receipt.violations).toEqual([]);
    expect(receipt.unknown).toEqual([]);
    expect(receipt.cut).toBe('partial');
    expect(receipt.commands.every((c) => (profile.commands as readonly string[]).includes(c))).toBe(true);
    // The number is ASCII: always the printer's own font, large.
    const number = receipt.lines.find((l) => l.text === ticket.number);
    expect(number?.width).toBeGreaterThanOrEqual(5);
    expect(number?.bold).toBe(true);
    if (profile.nativeQr) expect(receipt.qrCodes.map((q) => q.data)).toEqual([ticket.trackingUrl]);
    else expect(receipt.images.some((i) => i.heightDots > 100)).toBe(true);
    // Text the font can print comes back as text; with no Chinese font, Chinese comes as images.
    const service = store.services.find((s) => s.id === ticket.service)!.name[language];
    const squeeze = (text: string): string => text.replace(/\s/g, '');
    if (printableText(service, profile.charset)) expect(squeeze(receipt.lines.map((l) => l.text).join(''))).toContain(squeeze(service));
    else expect(receipt.images.length).toBeGreaterThanOrEqual(2);
  });
});

describe('every profile through the emulated printer (answers DLE EOT wherever it appears)', () => {
  const printer = new VirtualPrinter();
  beforeAll(async () => void (await printer.listen()));
  afterAll(() => printer.close());

  it.each(PRINTER_PROFILES.map((p) => ({ id: p.id, profile: p })))('$id: healthy tickets are reported printed (paper near end)', async ({ profile }) => {
    printer.state = { paperNearEnd: true };
    const from = printer.rawBytes.length;
    for (const language of LANGUAGES) {
      for (let minutes = 0; minutes <= 9; minutes += 3) {
        const ticket = { ...base, ahead: 1, estimatedWaitMinutes: minutes };
        const bytes = buildTicketReceipt(ticket, DEFAULT_STORE, { paper: 80, language, profile });
        const result = await printReceipt(openTcpPrinter({ host: '127.0.0.1', port: printer.address.port }), bytes);
        expect(result, `${language}, ${minutes} min`).toMatchObject({ ok: true, status: { online: true, paperNearEnd: true } });
      }
    }
    // The bytes the printer captured (status requests included) pass the strict decoder too.
    const captured = decodeEscPos(Buffer.concat(printer.rawBytes.slice(from)), { profile, paper: 80 });
    expect(captured.receipts).toHaveLength(LANGUAGES.length * 4);
    expect(captured.receipts.flatMap((r) => r.violations)).toEqual([]);
    expect(captured.statusRequests).toHaveLength(LANGUAGES.length * 4 * 8);
  });
});
