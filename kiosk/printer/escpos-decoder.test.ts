import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosDecoder, type Receipt } from './escpos-decoder.ts';
import { findProfile } from './printer-profiles.ts';

const bytes = (...parts: (number[] | Buffer | string)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const gb = (text: string): Buffer => iconv.encode(text, 'gb18030');

describe('EscPosDecoder', () => {
  it('decodes text lines with alignment, bold and size', () => {
    const { receipts } = decodeEscPos(
      bytes([0x1b, 0x40], [0x1b, 0x61, 1], [0x1b, 0x45, 1], 'Hello\n', [0x1b, 0x45, 0], [0x1d, 0x21, 0x55], 'A001\n', [0x1d, 0x56, 0]),
    );
    expect(receipts).toHaveLength(1);
    const [hello, number] = receipts[0]!.lines;
    expect(hello).toEqual({ text: 'Hello', align: 'center', width: 1, height: 1, bold: true });
    expect(number).toMatchObject({ text: 'A001', width: 6, height: 6, bold: false });
    expect(receipts[0]!.cut).toBe('full');
  });

  it('reads GB18030 only in Chinese mode (FS &), as a Chinese-font printer does', () => {
    const withMode = decodeEscPos(bytes([0x1c, 0x26], gb('保养\n'))).receipts[0]!;
    expect(withMode.lines[0]!.text).toBe('保养');
    const withoutMode = decodeEscPos(bytes(gb('保养\n'))).receipts[0]!;
    expect(withoutMode.lines[0]!.text).not.toBe('保养');
  });

  it('reads Epson QR codes (GS ( k) with their settings', () => {
    const data = Buffer.from('https://example.test/t/abc');
    const store = data.length + 3;
    const { receipts } = decodeEscPos(
      bytes(
        [0x1d, 0x28, 0x6b, 4, 0, 49, 65, 50, 0],
        [0x1d, 0x28, 0x6b, 3, 0, 49, 67, 6],
        [0x1d, 0x28, 0x6b, 3, 0, 49, 69, 51],
        [0x1d, 0x28, 0x6b, store & 0xff, store >> 8, 49, 80, 48],
        data,
        [0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48],
      ),
    );
    expect(receipts[0]!.qrCodes).toEqual([{ data: 'https://example.test/t/abc', command: 'GS ( k', moduleSize: 6, errorCorrection: 'H', afterLine: 0 }]);
  });

  it('skips raster images by their declared size without reading them as text', () => {
    const image = Buffer.alloc(2 * 3, 0x0a); // bytes that would be line feeds if misread
    const { receipts } = decodeEscPos(bytes([0x1d, 0x76, 0x30, 0, 2, 0, 3, 0], image, 'after\n'));
    expect(receipts[0]!.images).toEqual([{ widthDots: 16, heightDots: 3, afterLine: 0 }]);
    expect(receipts[0]!.lines.map((l) => l.text)).toEqual(['after']);
  });

  it('handles commands split across chunks', () => {
    const stream = bytes([0x1b, 0x40, 0x1d, 0x21, 0x11], 'Big\n', [0x1d, 0x56, 66, 3]);
    const receipts: Receipt[] = [];
    const decoder = new EscPosDecoder({ onReceipt: (r) => receipts.push(r) });
    for (const byte of stream) decoder.push(Buffer.from([byte]));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.lines[0]).toMatchObject({ text: 'Big', width: 2, height: 2 });
    expect(receipts[0]!.cut).toBe('partial');
    expect(decoder.pendingBytes).toBe(0);
  });

  it('reports DLE EOT status requests in stream order', () => {
    const { statusRequests } = decodeEscPos(bytes([0x10, 0x04, 1], 'x\n', [0x10, 0x04, 4]));
    expect(statusRequests).toEqual([1, 4]);
  });

  it('records commands it does not know instead of printing them', () => {
    const { receipts } = decodeEscPos(bytes([0x1b, 0x7e], 'ok\n'));
    expect(receipts[0]!.unknown).toEqual(['1b 7e']);
    expect(receipts[0]!.lines.map((l) => l.text)).toEqual(['ok']);
  });

  it('sizes Chinese by FS ! or GS !, never by ESC ! (Epson ESC/POS reference: ESC ! does not affect Kanji)', () => {
    const fs = decodeEscPos(bytes([0x1c, 0x26, 0x1c, 0x21, 0x0c], gb('保养\n'))).receipts[0]!;
    expect(fs.lines[0]).toMatchObject({ text: '保养', width: 2, height: 2 });
    const esc = decodeEscPos(bytes([0x1c, 0x26, 0x1b, 0x21, 0x30], gb('保养\n'))).receipts[0]!;
    expect(esc.lines[0]).toMatchObject({ text: '保养', width: 1, height: 1 });
  });
});

describe('strict mode (checked against a printer profile)', () => {
  const gbk = findProfile('cn-80-gbk')!;
  it('flags commands the profile does not define, e.g. ESC 4 / ESC 5', () => {
    const receipt = decodeEscPos(bytes([0x1b, 0x40, 0x1b, 0x34], 'x\n', [0x1b, 0x35]), { profile: gbk, paper: 80 }).receipts[0]!;
    expect(receipt.commands).toEqual(['ESC @', 'ESC 4', 'ESC 5']);
    expect(receipt.violations).toEqual(['ESC 4 is not a command of cn-80-gbk', 'ESC 5 is not a command of cn-80-gbk']);
  });

  it('reads Chinese bytes in the profile charset: GBK 養 (f0 42) is not GB2312', () => {
    const tw = bytes([0x1c, 0x26], iconv.encode('保養\n', 'gbk'));
    expect(decodeEscPos(tw, { profile: gbk }).receipts[0]!.violations).toEqual([]);
    expect(decodeEscPos(tw, { profile: findProfile('cn-80-gb2312')! }).receipts[0]!.violations).toEqual(['bytes b1 a3 f0 42 are not GB2312 text']);
  });

  it('flags Chinese next to Latin of another size, text wider than the paper, and DLE EOT in image data', () => {
    const mixed = decodeEscPos(bytes([0x1c, 0x26, 0x1b, 0x21, 0x10], gb('4S店\n')), { profile: gbk }).receipts[0]!;
    expect(mixed.violations).toEqual(['ESC ! is not a command of cn-80-gbk', '"4S店": Chinese ×1×1 next to Latin ×1×2']);
    const wide = decodeEscPos(bytes([0x1d, 0x21, 0x11], 'x'.repeat(25), '\n'), { profile: gbk, paper: 80 }).receipts[0]!;
    expect(wide.violations).toEqual([`"${'x'.repeat(25)}" ×2 is wider than 576 dots`]);
    const image = decodeEscPos(bytes([0x1d, 0x76, 0x30, 0, 1, 0, 3, 0, 0x10, 0x04, 0x04]), { profile: gbk, paper: 80 }).receipts[0]!;
    expect(image.violations).toEqual(['image data holds the real-time sequence 10 04 04']);
  });
});
