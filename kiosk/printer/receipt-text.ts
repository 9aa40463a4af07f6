import type { Receipt } from './escpos-receipt.ts';
import { columns } from './text-columns.ts';

/** A plain-text picture of a receipt, as wide as the paper, for people to read in a log. */
export function receiptToText(receipt: Receipt, paperColumns = 48): string {
  const out: string[] = [];
  const blocks = [
    ...receipt.qrCodes.map((qr) => ({ afterLine: qr.afterLine, text: `[QR ${qr.command}: ${qr.data}]` })),
    ...receipt.images.map((im) => ({ afterLine: im.afterLine, text: `[image ${im.widthDots}×${im.heightDots} dots]` })),
  ];
  const center = (text: string): string => ' '.repeat(Math.max(0, Math.floor((paperColumns - columns(text)) / 2))) + text;
  receipt.lines.forEach((line, index) => {
    for (const b of blocks) if (b.afterLine === index) out.push(center(b.text));
    // Magnified text is drawn with a space between characters so its size shows in plain text.
    const scaled = line.width > 1 ? Array.from(line.text).join(' ') : line.text;
    const pad = Math.max(0, paperColumns - columns(scaled));
    const left = line.align === 'center' ? Math.floor(pad / 2) : line.align === 'right' ? pad : 0;
    out.push((' '.repeat(left) + scaled).trimEnd());
  });
  for (const b of blocks) if (b.afterLine >= receipt.lines.length) out.push(center(b.text));
  if (receipt.cut) out.push(`${'-'.repeat(paperColumns - 6)} ${receipt.cut === 'full' ? 'cut' : '½cut'}`);
  return out.join('\n');
}
