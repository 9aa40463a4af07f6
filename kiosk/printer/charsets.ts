/**
 * Which characters a printer's own font can print, and their bytes. GB2312 is EUC-CN (both bytes
 * 0xA1–0xFE); GBK extends it with trail bytes from 0x40, which a GB2312-only printer misreads
 * (養 is `f0 42`: garbage plus a stray "B"). Pure.
 */
import iconv from 'iconv-lite';
import type { ChineseCharset } from './printer-profiles.ts';

const ENCODING: Record<Exclude<ChineseCharset, null>, string> = { GB2312: 'gbk', GBK: 'gbk', GB18030: 'gb18030', Big5: 'big5' };

const isAscii = (ch: string): boolean => /^[\x20-\x7e]$/.test(ch);

/** True when the printer's font has the character (ASCII always; the rest by its charset). */
export function printableChar(ch: string, charset: ChineseCharset): boolean {
  if (isAscii(ch)) return true;
  if (charset === null) return false;
  const bytes = iconv.encode(ch, ENCODING[charset]);
  if (iconv.decode(bytes, ENCODING[charset]) !== ch) return false;
  if (bytes.length === 1) return false; // single high bytes (e.g. GBK's 0x80 euro) are not portable
  if (charset === 'GB2312') return bytes.length === 2 && bytes[0]! >= 0xa1 && bytes[0]! <= 0xf7 && bytes[1]! >= 0xa1 && bytes[1]! <= 0xfe;
  return true;
}

export function printableText(text: string, charset: ChineseCharset): boolean {
  for (const ch of text) if (!printableChar(ch, charset)) return false;
  return true;
}

/** Bytes of text the font can print (check with printableText first). */
export function encodeText(text: string, charset: ChineseCharset): Buffer {
  if (charset === null) return Buffer.from(text, 'latin1');
  return iconv.encode(text, ENCODING[charset]);
}

/** Text from bytes read in Chinese mode, as the printer reads them; null when it cannot. */
export function decodeChinese(bytes: Buffer, charset: Exclude<ChineseCharset, null>): string | null {
  if (charset === 'GB2312') {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b < 0x80) continue;
      const trail = bytes[i + 1];
      if (b < 0xa1 || b > 0xf7 || trail === undefined || trail < 0xa1 || trail > 0xfe) return null;
      i++;
    }
  }
  const text = iconv.decode(bytes, ENCODING[charset]);
  return text.includes('\ufffd') ? null : text;
}
