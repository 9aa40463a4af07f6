import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosDecoder, type Receipt } from './escpos-decoder.ts';

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
    expect(receipts[0]!.qrCodes).toEqual([
      { data: 'https://example.test/t/abc', command: 'GS ( k', moduleSize: 6, errorCorrection: 'H', afterLine: 0 },
    ]);
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
});
