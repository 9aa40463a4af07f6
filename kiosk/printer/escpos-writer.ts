/**
 * ESC/POS bytes for one printer profile. Every command goes through `command()`, which refuses
 * any the profile does not define, so a ticket never carries a command its printer may misread
 * (the escpos package's style() sent ESC 4/ESC 5, undefined in Epson ESC/POS). Pure.
 *
 * Commands as in Epson's ESC/POS Application Programming Guide and command reference:
 * ESC @ initialise, ESC a justification, ESC E emphasis, ESC d print and feed n lines,
 * GS ! character size (Latin and Chinese alike, unlike ESC !), GS V cut, GS v 0 raster image,
 * GS ( k QR code, GS ( D real-time command switch, FS & / FS . Chinese mode on/off.
 */
import { encodeText } from './charsets.ts';
import type { CommandName, PrinterProfile } from './printer-profiles.ts';
import { rasterCommand, type Bitmap } from './raster.ts';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

/** GS ( D, function 20: real-time DLE DC4 fn=1 (pulse) and fn=2 (power-off) off (0) or on (1). */
const realtimeSwitch = (on: 0 | 1): number[] => [GS, 0x28, 0x44, 0x05, 0x00, 0x14, 0x01, on, 0x02, on];

export class EscPosWriter {
  private readonly parts: Buffer[] = [];

  constructor(readonly profile: PrinterProfile) {}

  private command(name: CommandName, bytes: number[] | Buffer): this {
    if (!this.profile.commands.includes(name)) throw new Error(`${name} is not a command of printer profile ${this.profile.id}`);
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** ESC @, then Chinese mode (FS &) when the printer has a Chinese font. */
  init(): this {
    this.command('ESC @', [ESC, 0x40]);
    if (this.profile.charset !== null) this.command('FS &', [FS, 0x26]);
    return this;
  }

  align(align: 'left' | 'center'): this {
    return this.command('ESC a', [ESC, 0x61, align === 'center' ? 1 : 0]);
  }

  bold(on: boolean): this {
    return this.command('ESC E', [ESC, 0x45, on ? 1 : 0]);
  }

  /** GS ! sizes Latin and Chinese characters alike (1–8 each way); FS ! too where the profile says. */
  size(width: number, height: number): this {
    if (width < 1 || width > 8 || height < 1 || height > 8) throw new RangeError(`character size ${width}×${height}`);
    // FS ! n: bit 2 double width, bit 3 double height of Chinese characters (at most ×2).
    if (this.profile.chineseSizing === 'FS ! + GS !') this.command('FS !', [FS, 0x21, (width > 1 ? 0x04 : 0) | (height > 1 ? 0x08 : 0)]);
    return this.command('GS !', [GS, 0x21, ((width - 1) << 4) | (height - 1)]);
  }

  /** One line of text the printer's font has (check with printableText first), then LF. */
  line(text: string): this {
    this.parts.push(encodeText(text, this.profile.charset), Buffer.from([0x0a]));
    return this;
  }

  feed(lines: number): this {
    return this.command('ESC d', [ESC, 0x64, lines]);
  }

  /** A raster image, with DLE DC4 switched off around it where the printer has GS ( D. */
  image(bitmap: Bitmap): this {
    if (this.profile.realtimeSwitch) this.command('GS ( D', realtimeSwitch(0));
    this.command('GS v 0', rasterCommand(bitmap));
    if (this.profile.realtimeSwitch) this.command('GS ( D', realtimeSwitch(1));
    return this;
  }

  /** Epson QR Code: model 2, module size, error correction M, store data, print. */
  qr(data: string, moduleSize: number): this {
    const bytes = Buffer.from(data, 'utf8');
    if (bytes.length > 7089) throw new RangeError('QR data too long');
    const store = bytes.length + 3;
    return this.command(
      'GS ( k',
      Buffer.concat([
        Buffer.from([GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0]), // model 2
        Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 67, moduleSize]), // module size in dots
        Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 69, 49]), // error correction M
        Buffer.from([GS, 0x28, 0x6b, store & 0xff, store >> 8, 49, 80, 48]),
        bytes,
        Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 81, 48]), // print
      ]),
    );
  }

  /** Feeds past the cutter, then a partial cut (GS V 1, function A: every model has it). */
  cut(feedLines: number): this {
    this.feed(feedLines);
    return this.command('GS V', [GS, 0x56, 1]);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
