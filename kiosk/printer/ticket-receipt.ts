/**
 * The queue ticket as ESC/POS bytes. The `escpos` package builds the text commands (GB18030
 * encoding, alignment, size, cut); what it lacks we add as raw commands: `FS &` (Chinese mode,
 * which Chinese-font printers need before GB18030 text), Epson's native `GS ( k` QR code
 * (escpos's qrcode() sends the non-Epson `GS Z` form), and `GS ! 0` after large text (its
 * size(1, 1) resets only `ESC !`). Pure: returns bytes, sends nothing.
 */
import escpos from 'escpos';
import type { Language } from '../../shared/src/i18n.ts';
import { translator } from '../../shared/src/i18n.ts';
import type { PublicStore } from '../../shared/src/services.ts';
import { waitSentence } from '../../shared/src/wait-text.ts';
import { qrBitmap, rasterCommand, textBitmap } from './raster.ts';
import { columns, wrapColumns } from './text-columns.ts';

export type PaperWidth = 58 | 80;

export interface TicketToPrint {
  number: string;
  service: string;
  ahead: number;
  /** Minutes until likely called; null when no open counter can say. */
  estimatedWaitMinutes?: number | null;
  estimatedWaitRange?: { low: number; high: number } | null;
  /** Local time text to print, e.g. `2026-11-24 09:41`. */
  issuedAtLocal: string;
  trackingUrl: string;
}

/** What the printer can do itself; what it cannot is sent as raster images. */
export interface PrinterProfile {
  /** Has a Chinese (GB18030) font. */
  chineseFont: boolean;
  /** Understands Epson `GS ( k` QR codes. */
  nativeQr: boolean;
}

export const FULL_PROFILE: PrinterProfile = { chineseFont: true, nativeQr: true };

export interface ReceiptOptions {
  paper: PaperWidth;
  language: Language;
  profile?: PrinterProfile;
}

const GS = 0x1d;
const FS = 0x1c;

/** Epson QR Code: model 2, module size, error correction M, store data, print. */
export function nativeQr(data: string, moduleSize: number): Buffer {
  const bytes = Buffer.from(data, 'utf8');
  if (bytes.length > 7089) throw new RangeError('QR data too long');
  const store = bytes.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0]), // model 2
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 67, moduleSize]), // module size in dots
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 69, 49]), // error correction M
    Buffer.from([GS, 0x28, 0x6b, store & 0xff, store >> 8, 49, 80, 48]),
    bytes,
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 81, 48]), // print
  ]);
}

export function buildTicketReceipt(ticket: TicketToPrint, store: Pick<PublicStore, 'name' | 'services'>, options: ReceiptOptions): Buffer {
  const t = translator(options.language);
  const service = store.services.find((s) => s.id === ticket.service);
  const serviceName = service ? service.name[options.language] : ticket.service;
  const wide = options.paper === 80;

  const printer = new escpos.Printer({ write: () => undefined }, { encoding: 'GB18030' });
  const raw = (bytes: number[] | Buffer): void => printer.buffer.write(Buffer.from(bytes));

  const paperColumns = wide ? 48 : 32;
  const profile = options.profile ?? FULL_PROFILE;
  const dotsWide = wide ? 512 : 384;
  const rule = '-'.repeat(paperColumns);
  const storeName = store.name[options.language];
  /** Text the printer's own font can show: everything with a Chinese font, only ASCII without. */
  const printable = (text: string): boolean => profile.chineseFont || /^[\x20-\x7e]*$/.test(text);
  const lines = (text: string, magnification = 1): void => {
    if (!printable(text)) {
      raw(rasterCommand(textBitmap([{ text, size: 24 * magnification, bold: magnification > 1 }], dotsWide)));
      return;
    }
    for (const line of wrapColumns(text, Math.floor(paperColumns / magnification))) printer.text(line);
  };

  raw([0x1b, 0x40]); // ESC @: start from a known state
  if (profile.chineseFont) raw([FS, 0x26]); // FS &: Chinese mode on for GB18030 text
  printer.align('ct').style('b');
  // Double width only when the name fits; otherwise double height alone, never wrapped mid-name.
  const nameWidth = columns(storeName) * 2 <= paperColumns ? 2 : 1;
  printer.size(nameWidth, 2);
  lines(storeName, nameWidth);
  printer.size(1, 1).style('normal');
  raw([GS, 0x21, 0x00]);
  printer.text(rule);
  printer.size(2, 2);
  lines(serviceName, 2);
  printer.size(1, 1);
  printer.feed(1);
  lines(t('ticket.yourNumber'));
  raw([GS, 0x21, wide ? 0x55 : 0x44]); // 6× (80 mm) or 5× (58 mm) number
  printer.style('b').text(ticket.number).style('normal');
  raw([GS, 0x21, 0x00]);
  printer.feed(1);
  printer.size(1, 2);
  lines(t('ticket.ahead', { count: ticket.ahead }));
  printer.size(1, 1);
  if (ticket.estimatedWaitMinutes !== undefined && ticket.estimatedWaitMinutes !== null && ticket.ahead > 0) {
    lines(waitSentence({ ahead: ticket.ahead, estimatedWaitMinutes: ticket.estimatedWaitMinutes, estimatedWaitRange: ticket.estimatedWaitRange ?? null }, options.language) ?? '');
  }
  lines(t('ticket.issuedAt', { time: ticket.issuedAtLocal }));
  printer.feed(1);
  raw(profile.nativeQr ? nativeQr(ticket.trackingUrl, wide ? 6 : 4) : rasterCommand(qrBitmap(ticket.trackingUrl, wide ? 6 : 4)));
  lines(t('ticket.scan'));
  printer.text(rule);
  lines(t('ticket.footer'));
  printer.cut(true, 4);
  return printer.buffer.flush();
}
