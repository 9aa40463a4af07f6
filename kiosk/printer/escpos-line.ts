/**
 * One printed text line: its bytes read as the printer would in the mode it started in (Chinese
 * mode and charset, or the code table), its size and alignment, and in strict mode (a profile
 * given) what that printer would print wrong. Pure.
 */
import iconv from 'iconv-lite';
import { decodeChinese } from './charsets.ts';
import { hex } from './escpos-names.ts';
import type { DecodeOptions, Mode, PrintedLine } from './escpos-receipt.ts';
import { columns } from './text-columns.ts';

export function printedLine(bytes: Buffer, mode: Mode, options: DecodeOptions): { line: PrintedLine; violations: string[] } {
  const violations: string[] = [];
  const profile = options.profile;
  const charset = profile ? profile.charset : 'GB18030';
  // With Chinese mode off a printer reads high bytes in its code table (PC437 by default),
  // so GB18030 text sent without FS & prints as gibberish: decode it the same way.
  const codePage = (): string => iconv.decode(bytes, mode.codeTable === 0 ? 'cp437' : 'latin1');
  const chinese = mode.chinese && charset !== null ? decodeChinese(bytes, charset) : null;
  const text = chinese ?? codePage();
  if (profile && bytes.some((x) => x >= 0x80)) {
    if (!mode.chinese || charset === null) violations.push(`bytes ${hex(bytes)} outside Chinese mode print as code-page symbols`);
    else if (chinese === null) violations.push(`bytes ${hex(bytes)} are not ${charset} text`);
  }
  // GS ! sizes every character; otherwise ESC ! sizes Latin and FS ! Chinese characters.
  const gsSet = mode.gsWidth > 1 || mode.gsHeight > 1;
  const latin = gsSet ? [mode.gsWidth, mode.gsHeight] : [mode.escWidth, mode.escHeight];
  const wide = gsSet ? [mode.gsWidth, mode.gsHeight] : [mode.fsWidth, mode.fsHeight];
  const hasWide = mode.chinese && [...text].some((c) => c.charCodeAt(0) > 0x7f);
  const hasLatin = /[\x21-\x7e]/.test(text);
  const [width, height] = hasWide ? wide : latin;
  if (profile && hasWide && hasLatin && (wide[0] !== latin[0] || wide[1] !== latin[1])) {
    violations.push(`"${text}": Chinese ×${wide[0]}×${wide[1]} next to Latin ×${latin[0]}×${latin[1]}`);
  }
  const paperDots = profile && options.paper ? profile.dots[options.paper] : null;
  if (paperDots !== null && columns(text) * 12 * width! > paperDots) violations.push(`"${text}" ×${width} is wider than ${paperDots} dots`);
  return { line: { text, align: mode.align, width: width!, height: height!, bold: mode.bold }, violations };
}
