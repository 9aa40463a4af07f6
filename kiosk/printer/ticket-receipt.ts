/**
 * The queue ticket as ESC/POS bytes for one printer profile. The layout is a list of blocks
 * (what the ticket says, at which size); `renderBlocks` turns them into the commands that
 * profile defines: text in the printer's own font where its character set has every
 * character, otherwise a raster image drawn at the same size; QR natively or as an image.
 * Pure: returns bytes, sends nothing.
 */
import type { Language } from '../../shared/src/i18n.ts';
import { translator } from '../../shared/src/i18n.ts';
import type { PublicStore } from '../../shared/src/services.ts';
import { waitSentence } from '../../shared/src/wait-text.ts';
import { printableText } from './charsets.ts';
import { EscPosWriter } from './escpos-writer.ts';
import { defaultProfile, paperColumns, type PaperWidth, type PrinterProfile } from './printer-profiles.ts';
import { centred, qrBitmap, textBitmap } from './raster.ts';
import { columns, wrapColumns } from './text-columns.ts';

export type { PaperWidth } from './printer-profiles.ts';

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

export interface ReceiptOptions {
  paper: PaperWidth;
  language: Language;
  /** The printer's abilities; the default profile when absent. */
  profile?: PrinterProfile;
}

/** One piece of the ticket. Sizes are magnifications (GS ! 1–8); text wraps to the paper. */
export type Block =
  | { kind: 'text'; text: string; width?: number; height?: number; bold?: boolean }
  | { kind: 'rule' }
  | { kind: 'feed'; lines: number }
  | { kind: 'qr'; data: string };

/** What the ticket says, top to bottom. */
export function ticketLayout(
  ticket: TicketToPrint,
  store: Pick<PublicStore, 'name' | 'services'>,
  language: Language,
  paper: PaperWidth,
  profile: PrinterProfile,
): Block[] {
  const t = translator(language);
  const service = store.services.find((s) => s.id === ticket.service);
  // A complaint (a priority service) is never named on paper others may see (issue #16 §3).
  const serviceName = service ? (service.priority ? t('kiosk.neutralService') : service.name[language]) : ticket.service;
  const storeName = store.name[language];
  // Double width only when the name fits one line; otherwise double height alone, wrapped.
  const nameWidth = columns(storeName) * 2 <= paperColumns(profile, paper) ? 2 : 1;
  const numberSize = paper === 80 ? 6 : 5;
  const minutes = ticket.estimatedWaitMinutes;

  return [
    { kind: 'text', text: storeName, width: nameWidth, height: 2, bold: true },
    { kind: 'rule' },
    { kind: 'text', text: serviceName, width: 2, height: 2 },
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: t('ticket.yourNumber') },
    { kind: 'text', text: ticket.number, width: numberSize, height: numberSize, bold: true },
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: t('ticket.ahead', { count: ticket.ahead }), height: 2 },
    ...(minutes !== undefined && minutes !== null && ticket.ahead > 0
      ? [
          {
            kind: 'text' as const,
            text: waitSentence({ ahead: ticket.ahead, estimatedWaitMinutes: minutes, estimatedWaitRange: ticket.estimatedWaitRange ?? null }, language) ?? '',
          },
        ]
      : []),
    { kind: 'text', text: t('ticket.issuedAt', { time: ticket.issuedAtLocal }) },
    { kind: 'feed', lines: 1 },
    { kind: 'qr', data: ticket.trackingUrl },
    { kind: 'text', text: t('ticket.scan') },
    { kind: 'rule' },
    { kind: 'text', text: t('ticket.footer') },
  ];
}

/** The blocks as commands of the profile, centred, ending with a partial cut. */
export function renderBlocks(blocks: readonly Block[], profile: PrinterProfile, paper: PaperWidth): Buffer {
  const out = new EscPosWriter(profile).init().align('center');
  const dots = profile.dots[paper];
  for (const block of blocks) {
    switch (block.kind) {
      case 'rule':
        out.line('-'.repeat(paperColumns(profile, paper)));
        break;
      case 'feed':
        out.feed(block.lines);
        break;
      case 'qr':
        if (profile.nativeQr) out.qr(block.data, paper === 80 ? 6 : 4);
        else out.image(centred(qrBitmap(block.data, paper === 80 ? 6 : 4), dots));
        break;
      case 'text': {
        const width = block.width ?? 1;
        const height = block.height ?? 1;
        const bold = block.bold ?? false;
        if (!printableText(block.text, profile.charset)) {
          out.image(textBitmap(block.text, { width, height, bold }, dots));
          break;
        }
        if (bold) out.bold(true);
        if (width > 1 || height > 1) out.size(width, height);
        for (const line of wrapColumns(block.text, paperColumns(profile, paper, width))) out.line(line);
        if (width > 1 || height > 1) out.size(1, 1);
        if (bold) out.bold(false);
        break;
      }
    }
  }
  return out.cut(4).bytes();
}

export function buildTicketReceipt(ticket: TicketToPrint, store: Pick<PublicStore, 'name' | 'services'>, options: ReceiptOptions): Buffer {
  const profile = options.profile ?? defaultProfile();
  return renderBlocks(ticketLayout(ticket, store, options.language, options.paper, profile), profile, options.paper);
}
