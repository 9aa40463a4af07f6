/**
 * An ESC/POS interpreter: turns the bytes a printer receives into what it would print (text
 * lines with their size and alignment, QR codes, images, cuts) and answers real-time status
 * requests. Used by the virtual printer and by tests, which check printed output by decoding
 * the bytes rather than comparing them with what the encoder meant to send. Pure: no I/O.
 *
 * Command set: Epson ESC/POS as documented in the ESC/POS Application Programming Guide
 * (TM-T88 family), plus the FS Chinese-mode commands of GB18030 printers.
 *
 * Strict mode (`profile` given) reads the bytes as that printer would and lists every fault in
 * `violations`: commands the profile does not define, Chinese bytes its charset cannot read,
 * Chinese next to Latin text of another size (ESC ! enlarges only Latin on Chinese-font
 * printers), lines wider than the paper, and real-time sequences inside image data.
 *
 * The command table (lengths of the commands read past) is data in escpos-commands.ts; a text
 * line's reading and checks are in escpos-line.ts; the receipt's shape in escpos-receipt.ts.
 */
import { CR, DLE, ESC, FS, GS, HT, LF, SKIPPED_DLE, SKIPPED_ESC, SKIPPED_FS, SKIPPED_GS, skipped } from './escpos-commands.ts';
import { printedLine } from './escpos-line.ts';
import { commandName, findRealtimeSequence, hex, INTRODUCER } from './escpos-names.ts';
import { emptyReceipt, freshMode, type DecodeOptions, type Mode, type PrintedQr, type Receipt, type StatusRequest } from './escpos-receipt.ts';

export { receiptToText } from './receipt-text.ts';
export type { Align, DecodeOptions, PrintedLine, PrintedQr, Receipt, StatusRequest } from './escpos-receipt.ts';

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
    private readonly options: DecodeOptions = {},
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
    if (c in INTRODUCER) {
      const minimum = c === GS && (b[i + 1] === 0x28 || b[i + 1] === 0x76) ? 3 : 2;
      if (avail < minimum) return 0;
      this.noteCommand(commandName(b, i));
    }
    const need = (n: number): boolean => avail >= n;
    const at = (k: number): number => b[i + k]!;

    if (c === LF) {
      this.endLine(true);
      return 1;
    }
    if (c === CR) return 1;
    if (c === DLE) {
      if (!need(2)) return 0;
      if (at(1) === 0x04) {
        if (!need(3)) return 0;
        const n = at(2);
        if (n >= 1 && n <= 4) this.handlers.onStatusRequest?.(n as StatusRequest);
        return 3;
      }
      const skip = SKIPPED_DLE[at(1)];
      if (skip !== undefined) return skipped(skip, avail);
      this.unknownCommand(b.subarray(i, i + 2));
      return 2;
    }
    if (c === ESC) return this.escCommand(b, i, avail);
    if (c === GS) return this.gsCommand(b, i, avail);
    if (c === FS) return this.fsCommand(b, i, avail);
    if (c < 0x20 && c !== HT) {
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
    const skip = SKIPPED_ESC[cmd];
    if (skip !== undefined) return skipped(skip, avail);
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
      case 0x2a: {
        // ESC * m nL nH d1..dk bit image
        if (avail < 5) return 0;
        const m = b[i + 2]!;
        const columns = b[i + 3]! + b[i + 4]! * 256;
        const bytes = columns * (m >= 32 ? 3 : 1);
        if (avail < 5 + bytes) return 0;
        this.endLine(false);
        this.checkImage(b.subarray(i + 5, i + 5 + bytes), columns);
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
    const skip = SKIPPED_GS[cmd];
    if (skip !== undefined) return skipped(skip, avail);
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
        this.checkImage(b.subarray(i + 8, i + 8 + size), xBytes * 8);
        this.receipt.images.push({ widthDots: xBytes * 8, heightDots: yDots, afterLine: this.receipt.lines.length });
        return 8 + size;
      }
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
    const skip = SKIPPED_FS[cmd];
    if (skip !== undefined) return skipped(skip, avail);
    switch (cmd) {
      case 0x26: // FS & Chinese (Kanji) mode on
        this.mode.chinese = true;
        return 2;
      case 0x2e: // FS . Chinese mode off
        this.mode.chinese = false;
        return 2;
      case 0x21: // FS ! Chinese print mode: bit 2 double width, bit 3 double height
        if (avail < 3) return 0;
        this.mode.fsWidth = b[i + 2]! & 0x04 ? 2 : 1;
        this.mode.fsHeight = b[i + 2]! & 0x08 ? 2 : 1;
        return 3;
      default:
        this.unknownCommand(b.subarray(i, i + 2));
        return 2;
    }
  }

  private endLine(printEmpty: boolean): void {
    if (!this.lineBytes.length && !printEmpty) return;
    const { line, violations } = printedLine(Buffer.from(this.lineBytes), this.lineMode ?? this.mode, this.options);
    for (const v of violations) this.violate(v);
    this.receipt.lines.push(line);
    this.lineBytes = [];
    this.lineMode = null;
  }

  private noteCommand(name: string): void {
    if (this.receipt.commands.includes(name)) return;
    this.receipt.commands.push(name);
    const profile = this.options.profile;
    if (profile && !(profile.commands as readonly string[]).includes(name)) this.violate(`${name} is not a command of ${profile.id}`);
  }

  /** Image data must not hold real-time sequences, and must fit the paper. */
  private checkImage(data: Buffer, widthDots: number): void {
    const profile = this.options.profile;
    if (!profile) return;
    const at = findRealtimeSequence(data);
    if (at >= 0) this.violate(`image data holds the real-time sequence ${hex(data.subarray(at, at + 3))}`);
    if (this.options.paper && widthDots > profile.dots[this.options.paper])
      this.violate(`image ${widthDots} dots wide on ${profile.dots[this.options.paper]}-dot paper`);
  }

  private violate(message: string): void {
    this.receipt.violations.push(message);
  }

  private unknownCommand(bytes: ArrayLike<number>): void {
    this.receipt.unknown.push(hex(bytes));
    if (this.options.profile) this.violate(`unknown command ${hex(bytes)}`);
  }
}

/** Decodes a complete byte stream; the last receipt is included even when it was not cut. */
export function decodeEscPos(bytes: Uint8Array, options: DecodeOptions = {}): { receipts: Receipt[]; statusRequests: StatusRequest[] } {
  const receipts: Receipt[] = [];
  const statusRequests: StatusRequest[] = [];
  const decoder = new EscPosDecoder({ onReceipt: (r) => receipts.push(r), onStatusRequest: (n) => statusRequests.push(n) }, options);
  decoder.push(bytes);
  const tail = decoder.finish();
  if (tail) receipts.push(tail);
  return { receipts, statusRequests };
}
