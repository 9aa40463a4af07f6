/** What the ESC/POS interpreter (escpos-decoder.ts) reads from a printer's bytes: receipts and the print mode. Pure. */
import type { PaperWidth, PrinterProfile } from './printer-profiles.ts';

export interface DecodeOptions {
  /** Strict mode: check everything against this printer. */
  profile?: PrinterProfile;
  /** With a profile: the paper, for line and image widths. */
  paper?: PaperWidth;
}

export type Align = 'left' | 'center' | 'right';

export interface PrintedLine {
  text: string;
  align: Align;
  /** Character magnification 1–8 (GS !, or ESC ! double width/height). */
  width: number;
  height: number;
  bold: boolean;
}

export interface PrintedQr {
  data: string;
  /** How it was sent: Epson `GS ( k` (native), or the `GS Z`/`ESC Z` form some clones use. */
  command: 'GS ( k' | 'ESC Z';
  moduleSize: number;
  errorCorrection: 'L' | 'M' | 'Q' | 'H';
  /** Number of text lines printed before it, to place it among them. */
  afterLine: number;
}

export interface Receipt {
  lines: PrintedLine[];
  qrCodes: PrintedQr[];
  /** Raster (`GS v 0`) and bit images (`ESC *`), by dot size. */
  images: { widthDots: number; heightDots: number; afterLine: number }[];
  cut: 'full' | 'partial' | null;
  /** Commands the interpreter did not know, for diagnosis. */
  unknown: string[];
  /** Every command received, by name (e.g. `GS !`), once each in order of first use. */
  commands: string[];
  /** Strict mode only: what the profile's printer would print wrong (empty when none). */
  violations: string[];
}

/** A DLE EOT n (n = 1..4) real-time status request found in the stream. */
export type StatusRequest = 1 | 2 | 3 | 4;

/** The printer's current print mode, as the commands received so far set it. */
export interface Mode {
  align: Align;
  bold: boolean;
  /** ESC ! doubling (bits 4/5) and GS ! magnification combine: GS ! wins when set. */
  escWidth: number;
  escHeight: number;
  gsWidth: number;
  gsHeight: number;
  /** FS ! double width/height: the size of Chinese characters when GS ! is not set. */
  fsWidth: number;
  fsHeight: number;
  chinese: boolean;
  codeTable: number;
}

/** The mode after power-on or ESC @. */
export const freshMode = (): Mode => ({
  align: 'left',
  bold: false,
  escWidth: 1,
  escHeight: 1,
  gsWidth: 1,
  gsHeight: 1,
  fsWidth: 1,
  fsHeight: 1,
  chinese: false,
  codeTable: 0,
});

export const emptyReceipt = (): Receipt => ({ lines: [], qrCodes: [], images: [], cut: null, unknown: [], commands: [], violations: [] });
