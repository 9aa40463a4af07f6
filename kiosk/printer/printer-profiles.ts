/**
 * Printer capability profiles: what a model can print by itself, as data (DESIGN.md §2: choose
 * commands by a printer capability profile). The ticket builder sends only the commands its
 * profile lists, and the strict decoder checks captured bytes against the same list.
 *
 * Sources: Epson "ESC/POS Application Programming Guide" and the TM-T88V/TM-T88VI technical
 * reference (180 dpi: 512 dots on 80 mm paper, 360 on 58 mm; GS ( D, GS ( k QR); the
 * programming manuals of common Chinese 80 mm clones (e.g. Xprinter XP-80C, idiPOS TP-80,
 * ecline EC-80: 203 dpi, 576 dots on 80 mm, 384 on 58 mm; GB2312/GBK font selected with FS &;
 * GS ( k QR; no GS ( D).
 */
export type PaperWidth = 58 | 80;

/** The printer's own Chinese font and the encoding it reads in Chinese mode (FS &); null: none. */
export type ChineseCharset = 'GB2312' | 'GBK' | 'GB18030' | 'Big5' | null;

/** Command names as the decoder reports them: the introducer and the function byte. */
export type CommandName = 'ESC @' | 'ESC a' | 'ESC E' | 'ESC d' | 'GS !' | 'GS V' | 'GS v 0' | 'GS ( k' | 'GS ( D' | 'FS &' | 'FS .' | 'FS !' | 'DLE EOT';

export interface PrinterProfile {
  id: string;
  /** For people choosing one in the README or the settings. */
  label: string;
  /** Printable width in dots per paper width (font A is 12 dots per column, Chinese 24). */
  dots: Record<PaperWidth, number>;
  charset: ChineseCharset;
  /** Prints QR codes itself (`GS ( k`, model 2); otherwise they are sent as raster images. */
  nativeQr: boolean;
  /**
   * How Chinese characters are enlarged. `GS !` sizes every character on Epson (ESC/POS command
   * reference, GS !); `FS ! + GS !` also sends FS ! (Chinese double width/height) for clones whose
   * manuals size Chinese with FS ! (idiPOS TP-80, ecline EC-80). Never ESC !, which sizes only Latin.
   */
  chineseSizing: 'GS !' | 'FS ! + GS !';
  /** Understands `GS ( D` (enable/disable real-time commands) around image data. */
  realtimeSwitch: boolean;
  /** Every command the builder may send to this printer. */
  commands: readonly CommandName[];
}

/** Commands every ESC/POS printer we support documents (Epson APG "basic" set). */
const BASIC: readonly CommandName[] = ['ESC @', 'ESC a', 'ESC E', 'ESC d', 'GS !', 'GS V', 'GS v 0', 'DLE EOT'];
const CHINESE: readonly CommandName[] = ['FS &', 'FS .', 'FS !'];

export const PRINTER_PROFILES = [
  {
    id: 'epson-tm-t88',
    label: 'Epson TM-T88 class (TM-T88V/VI, Chinese-font model: GB18030)',
    dots: { 80: 512, 58: 360 },
    charset: 'GB18030',
    nativeQr: true,
    chineseSizing: 'GS !',
    realtimeSwitch: true,
    commands: [...BASIC, ...CHINESE, 'GS ( k', 'GS ( D'],
  },
  {
    id: 'epson-tm-t88-intl',
    label: 'Epson TM-T88 class, international model without a Chinese font (Chinese printed as images)',
    dots: { 80: 512, 58: 360 },
    charset: null,
    nativeQr: true,
    chineseSizing: 'GS !',
    realtimeSwitch: true,
    commands: [...BASIC, 'GS ( k', 'GS ( D'],
  },
  {
    id: 'cn-80-gb2312',
    label: 'Common Chinese 80 mm clone (Xprinter XP-80C, idiPOS TP-80, ecline EC-80 type): GB2312 font, native QR',
    dots: { 80: 576, 58: 384 },
    charset: 'GB2312',
    nativeQr: true,
    chineseSizing: 'FS ! + GS !',
    realtimeSwitch: false,
    commands: [...BASIC, ...CHINESE, 'GS ( k'],
  },
  {
    id: 'cn-80-gbk',
    label: 'Chinese 80 mm printer with a GBK/GB18030 font (most current models), native QR',
    dots: { 80: 576, 58: 384 },
    charset: 'GBK',
    nativeQr: true,
    chineseSizing: 'FS ! + GS !',
    realtimeSwitch: false,
    commands: [...BASIC, ...CHINESE, 'GS ( k'],
  },
  {
    id: 'tw-80-big5',
    label: 'Taiwanese 80 mm printer with a Big5 font, native QR',
    dots: { 80: 576, 58: 384 },
    charset: 'Big5',
    nativeQr: true,
    chineseSizing: 'FS ! + GS !',
    realtimeSwitch: false,
    commands: [...BASIC, ...CHINESE, 'GS ( k'],
  },
  {
    id: 'basic-raster',
    label: 'Any ESC/POS printer: no Chinese font, no native QR (everything but ASCII printed as images)',
    dots: { 80: 576, 58: 384 },
    charset: null,
    nativeQr: false,
    chineseSizing: 'GS !',
    realtimeSwitch: false,
    commands: BASIC,
  },
] as const satisfies readonly PrinterProfile[];

export type PrinterProfileId = (typeof PRINTER_PROFILES)[number]['id'];

/** What a printer setting without `profile=` gets: the behaviour tickets had before profiles. */
export const DEFAULT_PROFILE_ID: PrinterProfileId = 'cn-80-gbk';

export function findProfile(id: string): PrinterProfile | undefined {
  return PRINTER_PROFILES.find((p) => p.id === id);
}

export function defaultProfile(): PrinterProfile {
  return findProfile(DEFAULT_PROFILE_ID)!;
}

/** Text columns of font A (12 dots wide) at a given magnification. */
export function paperColumns(profile: PrinterProfile, paper: PaperWidth, magnification = 1): number {
  return Math.floor(profile.dots[paper] / (12 * magnification));
}
