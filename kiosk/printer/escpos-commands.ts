/**
 * The ESC/POS command table as data: the introducer bytes, and the commands the interpreter
 * reads past without effect on the printed output, with their full length in bytes. Sources:
 * Epson ESC/POS Application Programming Guide (TM-T88 family); FS commands of GB18030 printers.
 * Commands that change what is printed (sizes, alignment, QR codes, images, cuts) are
 * interpreted in escpos-decoder.ts. Pure.
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;
export const CR = 0x0d;
export const HT = 0x09;

/** Lengths (introducer and command byte included) per command byte, for each introducer. */
export type SkipTable = Readonly<Record<number, number>>;

export const SKIPPED_ESC: SkipTable = {
  0x2d: 3, // ESC - underline
  0x47: 3, // ESC G double strike
  0x4d: 3, // ESC M font
  0x7b: 3, // ESC { upside down
  0x52: 3, // ESC R international set
  0x20: 3, // ESC SP right spacing
  0x33: 3, // ESC 3 line spacing
  0x4a: 3, // ESC J feed dots
  0x56: 3, // ESC V rotate
  0x72: 3, // ESC r colour
  0x55: 3, // ESC U unidirectional
  0x32: 2, // ESC 2 default line spacing
  0x34: 2, // ESC 4 / ESC 5: italic on/off in some clones (the escpos package sends them)
  0x35: 2,
  0x70: 5, // ESC p m t1 t2 drawer kick
  0x63: 4, // ESC c 3/4/5 n panel and sensor settings
};

export const SKIPPED_GS: SkipTable = {
  0x42: 3, // GS B reverse
  0x48: 3, // GS H HRI position
  0x66: 3, // GS f HRI font
  0x68: 3, // GS h barcode height
  0x77: 3, // GS w barcode width
  0x61: 3, // GS a automatic status back
  0x72: 3, // GS r status
  0x62: 3, // GS b smoothing
  0x5a: 3, // GS Z n: select 2D symbol type (clone QR form)
  0x4c: 4, // GS L left margin
  0x57: 4, // GS W print area width
};

export const SKIPPED_FS: SkipTable = {
  0x43: 3, // FS C code system
  0x57: 3, // FS W quadruple
  0x2d: 3, // FS - underline
  0x53: 4, // FS S left/right spacing
  0x70: 4, // FS p n m: print NV bit image
};

export const SKIPPED_DLE: SkipTable = {
  0x05: 3, // DLE ENQ n
  0x14: 5, // DLE DC4 fn a b (pulse / power-off)
};

/** Bytes a skipped command takes: its length once all of it has arrived, 0 while incomplete. */
export const skipped = (length: number, avail: number): number => (avail >= length ? length : 0);
