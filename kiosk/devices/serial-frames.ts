/**
 * Byte framing of serial devices. Pure: push bytes in, get frames out.
 *
 * - Serial barcode scanners: optional prefix and suffix around the code, then a terminator
 *   (CR, LF, CRLF) — or no terminator and a pause between codes.
 * - Wireless call-button receivers: either fixed-length binary frames
 *   `[header][button id (1–2 bytes)][key][checksum]` with a configurable checksum, or ASCII lines
 *   such as `K012,1`. Repeats of the same press (receivers resend) are debounced.
 */
import { RejectLog } from './reject-log.ts';

export interface ScannerFraming {
  prefix: string;
  suffix: string;
  /** `any`: CR, LF or CRLF ends a code (the default: a device's setup rarely matches the config). */
  terminator: 'any' | '\r' | '\n' | '\r\n' | 'none';
  interCharTimeoutMs: number;
  maxLength: number;
}

export const DEFAULT_SCANNER_FRAMING: ScannerFraming = { prefix: '', suffix: '', terminator: 'any', interCharTimeoutMs: 60, maxLength: 512 };

const CR = 0x0d;
const LF = 0x0a;

export class ScannerFrameParser {
  private buffer = Buffer.alloc(0);
  private lastAt = 0;
  /** Inside an over-long line: everything up to its end is dropped, so its tail never becomes a code. */
  private discarding = false;
  readonly rejected = new RejectLog();

  constructor(private readonly framing: ScannerFraming = DEFAULT_SCANNER_FRAMING) {}

  push(chunk: Buffer, at = Date.now()): string[] {
    const codes: string[] = [];
    if (this.framing.terminator === 'none') {
      const pending = this.flush(at);
      if (pending !== null) codes.push(pending);
      if (at - this.lastAt > this.framing.interCharTimeoutMs) this.discarding = false;
    }
    this.lastAt = at;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.framing.terminator !== 'none') {
      for (let end = this.lineEnd(); end; end = this.lineEnd()) {
        const line = this.buffer.subarray(0, end.at);
        this.buffer = this.buffer.subarray(end.at + end.length);
        if (this.discarding) this.discarding = false;
        else if (line.length > this.framing.maxLength) this.rejected.add(`longer than ${this.framing.maxLength} bytes`);
        else codes.push(this.clean(line));
      }
    }
    // A device babbling without ever terminating must not grow memory, nor leave a tail behind.
    if (this.buffer.length > this.framing.maxLength) {
      if (!this.discarding) this.rejected.add(`longer than ${this.framing.maxLength} bytes`);
      this.discarding = true;
      this.buffer = Buffer.alloc(0);
    }
    return codes.filter((c) => c.length > 0);
  }

  /** With no terminator: the pending code once the pause has passed. */
  flush(at = Date.now()): string | null {
    if (this.framing.terminator !== 'none' || !this.buffer.length || at - this.lastAt <= this.framing.interCharTimeoutMs) return null;
    const line = this.buffer;
    this.buffer = Buffer.alloc(0);
    if (this.discarding) {
      this.discarding = false;
      return null;
    }
    return this.clean(line) || null;
  }

  /** Whether a code is waiting for a pause to end it (so a timer should call `flush`). */
  get pending(): boolean {
    return this.framing.terminator === 'none' && this.buffer.length > 0;
  }

  private lineEnd(): { at: number; length: number } | null {
    const t = this.framing.terminator;
    if (t === 'any') {
      const at = this.buffer.findIndex((b) => b === CR || b === LF);
      return at < 0 ? null : { at, length: 1 }; // the LF of a CRLF then ends an empty line, dropped
    }
    const at = this.buffer.indexOf(t, 0, 'latin1');
    return at < 0 ? null : { at, length: t.length };
  }

  private clean(line: Buffer): string {
    let code = line.toString('utf8').replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (this.framing.prefix && code.startsWith(this.framing.prefix)) code = code.slice(this.framing.prefix.length);
    if (this.framing.suffix && code.endsWith(this.framing.suffix)) code = code.slice(0, -this.framing.suffix.length);
    return code.trim();
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
  readonly rejected = new RejectLog();

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
        this.rejected.add(`bad checksum: ${frame.toString('hex')}`);
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
    // Receivers end lines with CR, LF or CRLF; the LF of a CRLF then ends an empty line, skipped.
    for (let i = this.buffer.findIndex((b) => b === CR || b === LF); i >= 0; i = this.buffer.findIndex((b) => b === CR || b === LF)) {
      const line = this.buffer.subarray(0, i).toString('latin1');
      this.buffer = this.buffer.subarray(i + 1);
      if (!line) continue;
      const match = pattern.exec(line);
      if (!match?.groups?.id) {
        this.rejected.add(`no match: ${JSON.stringify(line.slice(0, 40))}`);
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
