/**
 * An ESC/POS interpreter: turns the bytes a printer receives into what it would print (text
 * lines with their size and alignment, QR codes, images, cuts) and answers real-time status
 * requests. Used by the virtual printer and by tests, which check printed output by decoding
 * the bytes rather than comparing them with what the encoder meant to send. Pure: no I/O.
 *
 * Command set: Epson ESC/POS as documented in the ESC/POS Application Programming Guide
 * (TM-T88 family), plus the FS Chinese-mode commands of GB18030 printers.
 */
import iconv from 'iconv-lite';
import { columns } from './text-columns.ts';

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
}

/** A DLE EOT n (n = 1..4) real-time status request found in the stream. */
export type StatusRequest = 1 | 2 | 3 | 4;

interface Mode {
  align: Align;
  bold: boolean;
  /** ESC ! doubling (bits 4/5) and GS ! magnification combine: GS ! wins when set. */
  escWidth: number;
  escHeight: number;
  gsWidth: number;
  gsHeight: number;
  chinese: boolean;
  codeTable: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;

const freshMode = (): Mode => ({
  align: 'left',
  bold: false,
  escWidth: 1,
  escHeight: 1,
  gsWidth: 1,
  gsHeight: 1,
  chinese: false,
  codeTable: 0,
});

const emptyReceipt = (): Receipt => ({ lines: [], qrCodes: [], images: [], cut: null, unknown: [] });

const hex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/**
 * Streaming decoder: `push` bytes as they arrive (commands may be split across chunks);
 * finished receipts (ended by a cut) are passed to `onReceipt`, status requests to `onStatusRequest`.
 */
export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private mode: Mode = freshMode();
  private receipt: Receipt = emptyReceipt();
  private lineBytes: number[] = [];
  private lineMode: Mode | null = null;
  private qrData = '';
  private qrSize = 3;
  private qrEcc: PrintedQr['errorCorrection'] = 'L';

  constructor(
    private readonly handlers: {
      onReceipt?: (receipt: Receipt) => void;
      onStatusRequest?: (n: StatusRequest) => void;
    } = {},
  ) {}

  push(chunk: Uint8Array): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    let i = 0;
    while (i < this.pending.length) {
      const used = this.step(this.pending, i);
      if (used === 0) break; // incomplete command: wait for more bytes
      i += used;
    }
    this.pending = this.pending.subarray(i);
  }

  /** Ends the stream: returns the receipt in progress (not yet cut), if it has anything. */
  finish(): Receipt | null {
    this.endLine(false);
    const r = this.receipt;
    this.receipt = emptyReceipt();
    const hasContent = r.lines.length || r.qrCodes.length || r.images.length;
    return hasContent ? r : null;
  }

  /** Bytes of an incomplete command still waiting for the rest. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  /** Interprets one command or character at `i`; returns the bytes used, 0 if incomplete. */
  private step(b: Buffer, i: number): number {
    const c = b[i]!;
    const avail = b.length - i;
    const need = (n: number): boolean => avail >= n;
    const at = (k: number): number => b[i + k]!;

    if (c === LF) {
      this.endLine(true);
      return 1;
    }
    if (c === 0x0d) return 1;
    if (c === DLE) {
      if (!need(2)) return 0;
      if (at(1) === 0x04) {
        if (!need(3)) return 0;
        const n = at(2);
        if (n >= 1 && n <= 4) this.handlers.onStatusRequest?.(n as StatusRequest);
        return 3;
      }
      if (at(1) === 0x05) return need(3) ? 3 : 0; // DLE ENQ n
      if (at(1) === 0x14) return need(5) ? 5 : 0; // DLE DC4 fn a b (pulse / power-off)
      this.unknownCommand(b.subarray(i, i + 2));
      return 2;
    }
    if (c === ESC) return this.escCommand(b, i, avail);
    if (c === GS) return this.gsCommand(b, i, avail);
    if (c === FS) return this.fsCommand(b, i, avail);
    if (c < 0x20 && c !== 0x09) {
      this.unknownCommand([c]);
      return 1;
    }
    if (this.lineBytes.length === 0) this.lineMode = { ...this.mode };
    this.lineBytes.push(c);
    return 1;
  }

  private escCommand(b: Buffer, i: number, avail: number): number {
    if (avail < 2) return 0;
    const cmd = b[i + 1]!;
    const arg = (): number | undefined => (avail >= 3 ? b[i + 2] : undefined);
    const oneArg = (apply: (n: number) => void): number => {
      const n = arg();
      if (n === undefined) return 0;
      apply(n);
      return 3;
    };
    switch (cmd) {
      case 0x40: // ESC @ initialise
        this.endLine(false);
        this.mode = freshMode();
        return 2;
      case 0x21: // ESC ! print mode
        return oneArg((n) => {
          this.mode.bold = (n & 0x08) !== 0;
          this.mode.escHeight = n & 0x10 ? 2 : 1;
          this.mode.escWidth = n & 0x20 ? 2 : 1;
        });
      case 0x45: // ESC E bold
        return oneArg((n) => (this.mode.bold = (n & 1) === 1));
      case 0x61: // ESC a align
        return oneArg((n) => {
          const v = n >= 0x30 ? n - 0x30 : n;
          this.mode.align = v === 1 ? 'center' : v === 2 ? 'right' : 'left';
        });
      case 0x64: // ESC d n: print and feed n lines
        return oneArg((n) => {
          this.endLine(true);
          for (let k = 1; k < n; k++) this.endLine(true);
        });
      case 0x74: // ESC t code table
        return oneArg((n) => (this.mode.codeTable = n));
      case 0x2d: // ESC - underline
      case 0x47: // ESC G double strike
      case 0x4d: // ESC M font
      case 0x7b: // ESC { upside down
      case 0x52: // ESC R international set
      case 0x20: // ESC SP right spacing
      case 0x33: // ESC 3 line spacing
      case 0x4a: // ESC J feed dots
      case 0x56: // ESC V rotate
      case 0x72: // ESC r colour
      case 0x55: // ESC U unidirectional
        return oneArg(() => undefined);
      case 0x32: // ESC 2 default line spacing
      case 0x34: // ESC 4 / ESC 5: italic on/off in some clones (the escpos package sends them)
      case 0x35:
        return 2;
      case 0x70: // ESC p m t1 t2 drawer kick
        return avail >= 5 ? 5 : 0;
      case 0x63: // ESC c 3/4/5 n panel and sensor settings
        return avail >= 4 ? 4 : 0;
      case 0x2a: {
        // ESC * m nL nH d1..dk bit image
        if (avail < 5) return 0;
        const m = b[i + 2]!;
        const columns = b[i + 3]! + b[i + 4]! * 256;
        const bytes = columns * (m >= 32 ? 3 : 1);
        if (avail < 5 + bytes) return 0;
        this.endLine(false);
        this.receipt.images.push({ widthDots: columns, heightDots: m >= 32 ? 24 : 8, afterLine: this.receipt.lines.length });
        return 5 + bytes;
      }
      case 0x5a: {
        // ESC Z v r nL nH data: QR in the form of some clones (what escpos's qrcode() sends)
        if (avail < 6) return 0;
        const length = b[i + 4]! + b[i + 5]! * 256;
        if (avail < 6 + length) return 0;
        const ecc = (['L', 'M', 'Q', 'H'] as const)[b[i + 3]! % 4]!;
        this.endLine(false);
        this.receipt.qrCodes.push({
          data: b.subarray(i + 6, i + 6 + length).toString('utf8'),
          command: 'ESC Z',
          moduleSize: b[i + 2]!,
          errorCorrection: ecc,
          afterLine: this.receipt.lines.length,
        });
        return 6 + length;
      }
      default:
        this.unknownCommand(b.subarray(i, i + 2));
        return 2;
    }
  }

  private gsCommand(b: Buffer, i: number, avail: number): number {
    if (avail < 2) return 0;
    const cmd = b[i + 1]!;
    const oneArg = (apply: (n: number) => void): number => {
      if (avail < 3) return 0;
      apply(b[i + 2]!);
      return 3;
    };
    switch (cmd) {
      case 0x21: // GS ! character size
        return oneArg((n) => {
          this.mode.gsWidth = (n >> 4) + 1;
          this.mode.gsHeight = (n & 0x0f) + 1;
        });
      case 0x56: {
        // GS V m [n] cut
        if (avail < 3) return 0;
        const m = b[i + 2]!;
        const hasFeed = m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104;
        if (hasFeed && avail < 4) return 0;
        this.endLine(false);
        this.receipt.cut = m === 0 || m === 48 || m === 65 || m === 97 || m === 103 ? 'full' : 'partial';
        const done = this.receipt;
        this.receipt = emptyReceipt();
        this.handlers.onReceipt?.(done);
        return hasFeed ? 4 : 3;
      }
      case 0x42: // GS B reverse
      case 0x48: // GS H HRI position
      case 0x66: // GS f HRI font
      case 0x68: // GS h barcode height
      case 0x77: // GS w barcode width
      case 0x61: // GS a automatic status back
      case 0x72: // GS r status
      case 0x62: // GS b smoothing
        return oneArg(() => undefined);
      case 0x4c: // GS L left margin
      case 0x57: // GS W print area width
        return avail >= 4 ? 4 : 0;
      case 0x6b: {
        // GS k barcode: m 0–6 NUL-terminated; m 65–73 with a length byte
        if (avail < 3) return 0;
        const m = b[i + 2]!;
        if (m <= 6) {
          const end = b.indexOf(0, i + 3);
          if (end < 0) return 0;
          this.endLine(false);
          return end - i + 1;
        }
        if (avail < 4) return 0;
        const n = b[i + 3]!;
        if (avail < 4 + n) return 0;
        this.endLine(false);
        return 4 + n;
      }
      case 0x28: {
        // GS ( fn pL pH ...: function with a two-byte length
        if (avail < 5) return 0;
        const fn = b[i + 2]!;
        const length = b[i + 3]! + b[i + 4]! * 256;
        if (avail < 5 + length) return 0;
        if (fn === 0x6b) this.symbolFunction(b.subarray(i + 5, i + 5 + length));
        return 5 + length;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d...: raster image, x in bytes
        if (avail < 8) return 0;
        const xBytes = b[i + 4]! + b[i + 5]! * 256;
        const yDots = b[i + 6]! + b[i + 7]! * 256;
        const size = xBytes * yDots;
        if (avail < 8 + size) return 0;
        this.endLine(false);
        this.receipt.images.push({ widthDots: xBytes * 8, heightDots: yDots, afterLine: this.receipt.lines.length });
        return 8 + size;
      }
      case 0x5a: // GS Z n: select 2D symbol type (clone QR form)
        return oneArg(() => undefined);
      default:
        this.unknownCommand(b.subarray(i, i + 2));
        return 2;
    }
  }

  /** GS ( k cn fn ...: Epson 2D symbols. cn 49 is QR Code. */
  private symbolFunction(params: Buffer): void {
    const cn = params[0];
    const fn = params[1];
    if (cn !== 49) return;
    switch (fn) {
      case 67: // module size
        this.qrSize = params[2] ?? this.qrSize;
        break;
      case 69: // error correction level 48..51
        this.qrEcc = (['L', 'M', 'Q', 'H'] as const)[(params[2] ?? 48) - 48] ?? 'L';
        break;
      case 80: // store data (params[2] is m = 48)
        this.qrData = params.subarray(3).toString('utf8');
        break;
      case 81: // print the stored symbol
        this.endLine(false);
        this.receipt.qrCodes.push({
          data: this.qrData,
          command: 'GS ( k',
          moduleSize: this.qrSize,
          errorCorrection: this.qrEcc,
          afterLine: this.receipt.lines.length,
        });
        break;
      default:
        break;
    }
  }

  private fsCommand(b: Buffer, i: number, avail: number): number {
    if (avail < 2) return 0;
    const cmd = b[i + 1]!;
    switch (cmd) {
      case 0x26: // FS & Chinese (Kanji) mode on
        this.mode.chinese = true;
        return 2;
      case 0x2e: // FS . Chinese mode off
        this.mode.chinese = false;
        return 2;
      case 0x21: // FS ! Chinese print mode
      case 0x43: // FS C code system
      case 0x57: // FS W quadruple
      case 0x2d: // FS - underline
        return avail >= 3 ? 3 : 0;
      case 0x53: // FS S left/right spacing
        return avail >= 4 ? 4 : 0;
      case 0x70: // FS p n m: print NV bit image
        return avail >= 4 ? 4 : 0;
      default:
        this.unknownCommand(b.subarray(i, i + 2));
        return 2;
    }
  }

  private endLine(printEmpty: boolean): void {
    if (!this.lineBytes.length && !printEmpty) return;
    const mode = this.lineMode ?? this.mode;
    const bytes = Buffer.from(this.lineBytes);
    // With Chinese mode off a printer reads high bytes in its code table (PC437 by default),
    // so GB18030 text sent without FS & prints as gibberish: decode it the same way.
    const text = mode.chinese ? iconv.decode(bytes, 'gb18030') : iconv.decode(bytes, mode.codeTable === 0 ? 'cp437' : 'latin1');
    const gsSet = mode.gsWidth > 1 || mode.gsHeight > 1;
    this.receipt.lines.push({
      text,
      align: mode.align,
      width: gsSet ? mode.gsWidth : mode.escWidth,
      height: gsSet ? mode.gsHeight : mode.escHeight,
      bold: mode.bold,
    });
    this.lineBytes = [];
    this.lineMode = null;
  }

  private unknownCommand(bytes: ArrayLike<number>): void {
    this.receipt.unknown.push(hex(bytes));
  }
}

/** Decodes a complete byte stream; the last receipt is included even when it was not cut. */
export function decodeEscPos(bytes: Uint8Array): { receipts: Receipt[]; statusRequests: StatusRequest[] } {
  const receipts: Receipt[] = [];
  const statusRequests: StatusRequest[] = [];
  const decoder = new EscPosDecoder({ onReceipt: (r) => receipts.push(r), onStatusRequest: (n) => statusRequests.push(n) });
  decoder.push(bytes);
  const tail = decoder.finish();
  if (tail) receipts.push(tail);
  return { receipts, statusRequests };
}

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
