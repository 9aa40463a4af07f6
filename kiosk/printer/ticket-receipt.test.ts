import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../shared/src/services.ts';
import { decodeEscPos } from './escpos-decoder.ts';
import { columns } from './text-columns.ts';
import { findProfile } from './printer-profiles.ts';
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

  it('never prints that a visit is a complaint (issue #16 §3): a priority service reads as customer service', () => {
    const { receipts } = decodeEscPos(buildTicketReceipt({ ...ticket, number: 'H001', service: 'complaint' }, DEFAULT_STORE, { paper: 80, language: 'zh-CN' }));
    const texts = receipts[0]!.lines.map((l) => l.text);
    expect(texts).toContain('客户服务');
    expect(texts.join('\n')).not.toMatch(/投诉|complaint/i);
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
    const bytes = buildTicketReceipt(ticket, DEFAULT_STORE, { paper: 80, language: 'zh-CN', profile: findProfile('epson-tm-t88-intl')! });
    const { receipts } = decodeEscPos(bytes);
    const receipt = receipts[0]!;
    // Only ASCII reaches the printer's font: the number, the rules (42 columns of 12 dots on the
    // TM-T88's 512-dot line); the rest are images 512 dots wide.
    expect(receipt.lines.map((l) => l.text).filter((t) => t.trim())).toEqual(['-'.repeat(42), 'A012', '-'.repeat(42)]);
    expect(receipt.images.length).toBeGreaterThanOrEqual(7);
    expect(receipt.images.every((i) => i.widthDots === 512 && i.heightDots > 20)).toBe(true);
    expect(bytes.includes(Buffer.from([0x1c, 0x26]))).toBe(false);
    expect(receipt.qrCodes[0]?.command).toBe('GS ( k');
  });

  it('prints a raster QR code that a QR reader decodes to the tracking link', async () => {
    const jsQR = (await import('jsqr')).default;
    const bytes = buildTicketReceipt(ticket, DEFAULT_STORE, { paper: 58, language: 'zh-CN', profile: { ...findProfile('cn-80-gbk')!, nativeQr: false } });
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

/**
 * Faults found on real printers (issue "Tickets that print right on the printers stores buy"),
 * checked on the captured bytes with the decoder in strict mode against the printer profile.
 */
describe('tickets as the profile printer reads them (strict decoder)', () => {
  const strict = (bytes: Buffer, profileId: string, paper: 58 | 80) => {
    const { receipts } = decodeEscPos(bytes, { profile: findProfile(profileId)!, paper });
    expect(receipts).toHaveLength(1);
    return receipts[0]!;
  };
  const build = (profileId: string, paper: 58 | 80, language: 'zh-CN' | 'zh-TW' | 'en', t: TicketToPrint = ticket, store = DEFAULT_STORE) =>
    buildTicketReceipt(t, store, { paper, language, profile: findProfile(profileId)! });

  it('sizes every line that holds Chinese with GS ! (ESC ! enlarges only Latin on Chinese-font printers)', () => {
    // Epson ESC/POS command reference, ESC !: "does not affect Kanji characters"; FS ! / GS ! do.
    // idiPOS TP-80 / ecline EC-80 manuals: ESC ! applies to ASCII characters only.
    const receipt = strict(build('cn-80-gbk', 80, 'zh-CN'), 'cn-80-gbk', 80);
    expect(receipt.lines.find((l) => l.text === '保养')).toMatchObject({ width: 2, height: 2 });
    expect(receipt.lines.find((l) => l.text.startsWith('示例汽车'))).toMatchObject({ height: 2 });
    expect(receipt.lines.find((l) => l.text === '前面还有 3 位等候')).toMatchObject({ height: 2 });
    expect(receipt.violations.filter((v) => v.includes('next to Latin'))).toEqual([]);
    // Clone profiles also send FS ! (Chinese double width + height, bits 2 and 3) before 保养.
    const bytes = build('cn-80-gbk', 80, 'zh-CN');
    const service = bytes.indexOf(iconv.encode('保养\n', 'gbk'));
    expect(bytes.subarray(service - 6, service)).toEqual(Buffer.from([0x1c, 0x21, 0x0c, 0x1d, 0x21, 0x11]));
    expect(build('epson-tm-t88', 80, 'zh-CN').includes(Buffer.from([0x1c, 0x21]))).toBe(false);
  });

  it('prints the store name bold (ESC E 1 is not undone by a later ESC ! 0)', () => {
    // Epson APG, ESC !: bit 3 selects emphasized mode, so ESC ! 0 cancels ESC E 1.
    const receipt = strict(build('cn-80-gbk', 80, 'zh-CN'), 'cn-80-gbk', 80);
    expect(receipt.lines.find((l) => l.text.startsWith('示例汽车'))).toMatchObject({ bold: true });
    expect(receipt.lines.find((l) => l.text === 'A012')).toMatchObject({ bold: true });
    expect(receipt.lines.find((l) => l.text.startsWith('取号时间'))).toMatchObject({ bold: false });
  });

  it('sends no ESC 4 / ESC 5 (italic in some clones; not defined by Epson ESC/POS)', () => {
    const bytes = build('epson-tm-t88', 80, 'zh-CN');
    const receipt = strict(bytes, 'epson-tm-t88', 80);
    expect(receipt.commands).not.toContain('ESC 4');
    expect(receipt.commands).not.toContain('ESC 5');
    expect(receipt.violations).toEqual([]);
  });

  it.each(['zh-CN', 'zh-TW', 'en'] as const)('keeps real-time sequences (DLE EOT/ENQ/DC4) out of raster data for 0–9 minute waits (%s)', (language) => {
    // Epson ESC/POS reference, DLE EOT: real-time commands are executed even inside bit-image
    // data; GS ( D disables only DLE DC4, so image data itself must not hold 10 04 n.
    for (let minutes = 0; minutes <= 9; minutes++) {
      for (const paper of [58, 80] as const) {
        const bytes = build('basic-raster', paper, language, { ...ticket, estimatedWaitMinutes: minutes });
        const receipt = strict(bytes, 'basic-raster', paper);
        expect(receipt.violations, `${minutes} min, ${paper} mm`).toEqual([]);
      }
    }
  });

  it('switches real-time commands off around images where the profile has GS ( D, and back on after', () => {
    // Epson ESC/POS reference, GS ( D <Function 20>: m=20, [a=1: DLE DC4 fn=1, a=2: DLE DC4 fn=2], b=0 disable / 1 enable.
    const bytes = build('epson-tm-t88-intl', 80, 'zh-CN');
    const off = Buffer.from([0x1d, 0x28, 0x44, 0x05, 0x00, 0x14, 0x01, 0x00, 0x02, 0x00]);
    const on = Buffer.from([0x1d, 0x28, 0x44, 0x05, 0x00, 0x14, 0x01, 0x01, 0x02, 0x01]);
    const firstImage = bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30]));
    expect(firstImage).toBeGreaterThan(0);
    expect(bytes.indexOf(off)).toBeGreaterThan(-1);
    expect(bytes.indexOf(off)).toBeLessThan(firstImage);
    expect(bytes.lastIndexOf(on)).toBeGreaterThan(bytes.lastIndexOf(Buffer.from([0x1d, 0x76, 0x30])));
    expect(build('cn-80-gbk', 80, 'zh-CN').indexOf(Buffer.from([0x1d, 0x28, 0x44]))).toBe(-1);
  });

  it('wraps long store names by measured width, for text and raster alike, and keeps raster sizes', () => {
    const longName = {
      ...DEFAULT_STORE,
      name: {
        'zh-CN': '示例汽车销售服务有限公司 售后服务中心 客户休息区',
        'zh-TW': '示例汽車銷售服務有限公司 售後服務中心',
        en: 'Example Motors Sales and Service Company Limited, After-sales Service Centre',
      },
    };
    for (const paper of [58, 80] as const) {
      const text = strict(build('cn-80-gbk', paper, 'zh-CN', ticket, longName), 'cn-80-gbk', paper);
      expect(text.violations, `${paper} mm text`).toEqual([]);
      expect(
        text.lines
          .filter((l) => l.bold && l.height === 2)
          .map((l) => l.text)
          .join('')
          .replace(/\s/g, ''),
      ).toBe(longName.name['zh-CN'].replace(/\s/g, ''));
      for (const language of ['zh-CN', 'en'] as const) {
        const bytes = build('basic-raster', paper, language, ticket, longName);
        expect(strict(bytes, 'basic-raster', paper).violations).toEqual([]);
        const images = rasterImages(bytes);
        const dots = findProfile('basic-raster')!.dots[paper];
        // Nothing drawn within 4 dots of either paper edge: no glyph is cut off.
        for (const image of images) expect(image.inkRight, `${language} ${paper} mm`).toBeLessThan(dots - 4);
        for (const image of images) expect(image.inkLeft).toBeGreaterThanOrEqual(4);
      }
    }
    // The store name keeps its double height as an image: taller per line than the footer.
    const images = rasterImages(build('basic-raster', 80, 'zh-CN'));
    const nameImage = images[0]!;
    const footerImage = images[images.length - 1]!;
    expect(nameImage.inkHeight).toBeGreaterThan(footerImage.inkHeight * 1.6);
  });

  it('prints zh-TW characters outside GB2312 as images on a GB2312 printer, never as bytes it misreads', () => {
    // GB2312 (EUC-CN) uses bytes A1–FE only; 養 in GBK is f0 42, read by a GB2312 printer as garbage + "B".
    const bytes = build('cn-80-gb2312', 80, 'zh-TW');
    const receipt = strict(bytes, 'cn-80-gb2312', 80);
    expect(receipt.violations).toEqual([]);
    expect(receipt.images.length).toBeGreaterThan(0);
    expect(receipt.lines.map((l) => l.text)).toContain('A012');
    // The same ticket on a Big5 printer goes out as Big5 text.
    const big5 = strict(build('tw-80-big5', 80, 'zh-TW'), 'tw-80-big5', 80);
    expect(big5.violations).toEqual([]);
    expect(big5.lines.map((l) => l.text)).toContain('保養');
    expect(big5.images).toEqual([]);
  });
});

/** The GS v 0 images in a byte stream with where their ink starts and ends. */
function rasterImages(bytes: Buffer): { width: number; height: number; inkLeft: number; inkRight: number; inkHeight: number }[] {
  const images = [];
  let at = bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30]));
  while (at >= 0) {
    const bytesPerRow = bytes[at + 4]! + bytes[at + 5]! * 256;
    const height = bytes[at + 6]! + bytes[at + 7]! * 256;
    let inkLeft = Infinity;
    let inkRight = -1;
    let top = -1;
    let bottom = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < bytesPerRow * 8; x++) {
        if (!(bytes[at + 8 + y * bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7)))) continue;
        inkLeft = Math.min(inkLeft, x);
        inkRight = Math.max(inkRight, x);
        if (top < 0) top = y;
        bottom = y;
      }
    }
    images.push({ width: bytesPerRow * 8, height, inkLeft, inkRight, inkHeight: bottom - top + 1 });
    at = bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30]), at + 8 + bytesPerRow * height);
  }
  return images;
}
