/**
 * Byte framing of serial devices. Pure: push bytes in, get frames out.
 *
 * - Serial barcode scanners: optional prefix and suffix around the code, then a terminator
 *   (CR, LF, CRLF) — or no terminator and a pause between codes.
 * - Wireless call-button receivers: either fixed-length binary frames
 *   `[header][button id (1–2 bytes)][key][checksum]` with a configurable checksum, or ASCII lines
 *   such as `K012,1`. Repeats of the same press (receivers resend) are debounced.
 */

export interface ScannerFraming {
  prefix: string;
  suffix: string;
  terminator: '\r' | '\n' | '\r\n' | 'none';
  interCharTimeoutMs: number;
  maxLength: number;
}

export const DEFAULT_SCANNER_FRAMING: ScannerFraming = { prefix: '', suffix: '', terminator: '\r', interCharTimeoutMs: 60, maxLength: 512 };

export class ScannerFrameParser {
  private buffer = Buffer.alloc(0);
  private lastAt = 0;

  constructor(private readonly framing: ScannerFraming = DEFAULT_SCANNER_FRAMING) {}

  push(chunk: Buffer, at = Date.now()): string[] {
    const codes: string[] = [];
    if (this.framing.terminator === 'none' && this.buffer.length && at - this.lastAt > this.framing.interCharTimeoutMs) codes.push(...this.take(this.buffer.length));
    this.lastAt = at;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.framing.terminator !== 'none') {
      const term = Buffer.from(this.framing.terminator, 'latin1');
      for (let i = this.buffer.indexOf(term); i >= 0; i = this.buffer.indexOf(term)) {
        codes.push(...this.take(i));
        this.buffer = this.buffer.subarray(term.length);
      }
    }
    // A device babbling without ever terminating must not grow memory.
    if (this.buffer.length > this.framing.maxLength) this.buffer = Buffer.alloc(0);
    return codes.filter((c) => c.length > 0);
  }

  /** With no terminator: the pending code once the pause has passed. */
  flush(at = Date.now()): string | null {
    if (this.framing.terminator !== 'none' || !this.buffer.length || at - this.lastAt <= this.framing.interCharTimeoutMs) return null;
    return this.take(this.buffer.length)[0] ?? null;
  }

  private take(length: number): string[] {
    let code = this.buffer.subarray(0, length).toString('utf8');
    this.buffer = this.buffer.subarray(length);
    if (this.framing.prefix && code.startsWith(this.framing.prefix)) code = code.slice(this.framing.prefix.length);
    if (this.framing.suffix && code.endsWith(this.framing.suffix)) code = code.slice(0, -this.framing.suffix.length);
    return [code];
  }
}

export type ButtonFraming =
  | {
      kind: 'binary';
      header: number[];
      /** Bytes of the button id after the header (big-endian). */
      idBytes: 1 | 2;
      /** Bytes after the id before the checksum (e.g. a key number). */
      keyBytes: 0 | 1;
      checksum: 'sum8' | 'xor8';
    }
  | {
      kind: 'ascii';
      /** A regular expression with a named group `id` and optionally `key`, matched per line. */
      pattern: string;
    };

export interface ButtonPress {
  /** Button id, with the key when the button has several (e.g. `12:2`). */
  button: string;
}

const checksum = (bytes: Buffer, kind: 'sum8' | 'xor8'): number =>
  kind === 'sum8' ? bytes.reduce((s, b) => (s + b) & 0xff, 0) : bytes.reduce((s, b) => s ^ b, 0);

export class ButtonFrameParser {
  private buffer = Buffer.alloc(0);
  readonly rejected: string[] = [];

  constructor(private readonly framing: ButtonFraming) {}

  push(chunk: Buffer): ButtonPress[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    return this.framing.kind === 'binary' ? this.binary(this.framing) : this.ascii(this.framing);
  }

  private binary(f: Extract<ButtonFraming, { kind: 'binary' }>): ButtonPress[] {
    const presses: ButtonPress[] = [];
    const header = Buffer.from(f.header);
    const frameLength = header.length + f.idBytes + f.keyBytes + 1;
    for (;;) {
      const start = this.buffer.indexOf(header);
      if (start < 0) {
        // Keep only what could still be the start of a header.
        this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - header.length + 1));
        return presses;
      }
      if (this.buffer.length - start < frameLength) {
        this.buffer = this.buffer.subarray(start);
        return presses;
      }
      const frame = this.buffer.subarray(start, start + frameLength);
      const body = frame.subarray(0, frameLength - 1);
      if (checksum(body, f.checksum) !== frame[frameLength - 1]) {
        this.rejected.push(`bad checksum: ${frame.toString('hex')}`);
        this.buffer = this.buffer.subarray(start + 1); // resynchronise on the next header
        continue;
      }
      const id = f.idBytes === 1 ? frame[header.length]! : frame.readUInt16BE(header.length);
      const key = f.keyBytes ? frame[header.length + f.idBytes]! : null;
      presses.push({ button: key === null ? String(id) : `${id}:${key}` });
      this.buffer = this.buffer.subarray(start + frameLength);
    }
  }

  private ascii(f: Extract<ButtonFraming, { kind: 'ascii' }>): ButtonPress[] {
    const presses: ButtonPress[] = [];
    const pattern = new RegExp(f.pattern);
    for (let i = this.buffer.indexOf(0x0a); i >= 0; i = this.buffer.indexOf(0x0a)) {
      const line = this.buffer.subarray(0, i).toString('latin1').replace(/\r$/, '');
      this.buffer = this.buffer.subarray(i + 1);
      const match = pattern.exec(line);
      if (!match?.groups?.id) {
        if (line) this.rejected.push(`no match: ${JSON.stringify(line.slice(0, 40))}`);
        continue;
      }
      presses.push({ button: match.groups.key ? `${match.groups.id}:${match.groups.key}` : match.groups.id });
    }
    if (this.buffer.length > 256) this.buffer = Buffer.alloc(0);
    return presses;
  }
}

/** Wireless receivers repeat a press several times: the same button within the window counts once. */
export class Debouncer {
  private readonly last = new Map<string, number>();
  constructor(private readonly windowMs = 800) {}

  accept(button: string, at = Date.now()): boolean {
    const previous = this.last.get(button);
    this.last.set(button, at);
    return previous === undefined || at - previous > this.windowMs;
  }
}
