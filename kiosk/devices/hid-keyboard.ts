/**
 * Keyboard-wedge barcode scanners as USB HID boot keyboards: decodes 8-byte boot-protocol input
 * reports (HID 1.11 Appendix B.1: modifiers, reserved, six key codes) using the Keyboard/Keypad
 * usage page 0x07 (HID Usage Tables §10) for a US layout. A key counts once when it first
 * appears; ErrorRollOver (0x01) reports and empty reports carry no keys. Pure.
 */

import { RejectLog } from './reject-log.ts';

const SHIFT = 0x02 | 0x20; // left or right shift
const CTRL_ALT_GUI = 0x01 | 0x04 | 0x08 | 0x10 | 0x40 | 0x80;

/** Usage → [unshifted, shifted] for the printable keys of page 0x07. */
const PRINTABLE: Record<number, [string, string]> = {};
for (let i = 0; i < 26; i++) PRINTABLE[0x04 + i] = [String.fromCharCode(97 + i), String.fromCharCode(65 + i)];
'1234567890'.split('').forEach((d, i) => (PRINTABLE[0x1e + i] = [d, '!@#$%^&*()'[i]!]));
Object.assign(PRINTABLE, {
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
  // Keypad
  0x54: ['/', '/'],
  0x55: ['*', '*'],
  0x56: ['-', '-'],
  0x57: ['+', '+'],
  0x62: ['0', '0'],
  0x63: ['.', '.'],
});
for (let i = 0; i < 9; i++) PRINTABLE[0x59 + i] = [String(i + 1), String(i + 1)];

export const KEY_ENTER = 0x28;
export const KEY_TAB = 0x2b;
export const KEY_KEYPAD_ENTER = 0x58;
const ERROR_ROLL_OVER = 0x01;
const KEY_CAPS_LOCK = 0x39;
const isLetter = (usage: number): boolean => usage >= 0x04 && usage <= 0x1d;

export type Terminator = 'enter' | 'tab' | 'none';

export interface KeyboardScannerOptions {
  terminator: Terminator;
  /** With no terminator, a pause this long ends a code (ms). */
  interCharTimeoutMs: number;
  maxLength: number;
}

export const DEFAULT_KEYBOARD_SCANNER: KeyboardScannerOptions = { terminator: 'enter', interCharTimeoutMs: 80, maxLength: 256 };

export class BootKeyboardDecoder {
  private held = new Set<number>();
  private buffer = '';
  private lastAt = 0;
  /** Caps Lock as the host keeps it: toggled by each press of usage 0x39. */
  private capsLock = false;
  /** The code under way went past maxLength: it is rejected when it ends, never truncated. */
  private overflow = false;
  readonly rejected = new RejectLog();

  constructor(private readonly options: KeyboardScannerOptions = DEFAULT_KEYBOARD_SCANNER) {}

  /**
   * Feeds one input report (8 bytes; a leading report ID byte is tolerated when the report is
   * 9 bytes). Returns the codes completed by it, usually none or one.
   */
  report(bytes: ArrayLike<number>, at = Date.now()): string[] {
    const done: string[] = [];
    const data = bytes.length === 9 ? Array.from(bytes).slice(1) : Array.from(bytes);
    if (data.length !== 8) return done; // not a boot keyboard report: ignored
    const pending = this.flush(at);
    if (pending !== null) done.push(pending);
    const modifiers = data[0]!;
    const keys = data.slice(2).filter((k) => k !== 0);
    if (keys.some((k) => k === ERROR_ROLL_OVER)) return done; // phantom state: keep what is held
    const fresh = keys.filter((k) => !this.held.has(k));
    this.held = new Set(keys);
    for (const key of fresh) {
      this.lastAt = at;
      if (key === KEY_CAPS_LOCK) this.capsLock = !this.capsLock;
      else if ((key === KEY_ENTER || key === KEY_KEYPAD_ENTER) && this.options.terminator === 'enter') {
        const code = this.end();
        if (code) done.push(code);
      } else if (key === KEY_TAB && this.options.terminator === 'tab') {
        const code = this.end();
        if (code) done.push(code);
      } else if (PRINTABLE[key] && !(modifiers & CTRL_ALT_GUI)) {
        // Ctrl/Alt/GUI combinations are never text (and never shortcuts): dropped.
        const [plain, shifted] = PRINTABLE[key]!;
        const upper = Boolean(modifiers & SHIFT) !== (this.capsLock && isLetter(key));
        if (this.buffer.length < this.options.maxLength) this.buffer += upper ? shifted : plain;
        else this.overflow = true;
      }
    }
    return done;
  }

  /** With no terminator: the code pending once the pause has passed. */
  flush(at = Date.now()): string | null {
    if (this.options.terminator !== 'none' || !this.buffer || at - this.lastAt <= this.options.interCharTimeoutMs) return null;
    return this.end();
  }

  /** Whether a code is waiting for a pause to end it (so a timer should call `flush`). */
  get pending(): boolean {
    return this.options.terminator === 'none' && this.buffer.length > 0;
  }

  private end(): string | null {
    const code = this.buffer;
    const overflow = this.overflow;
    this.buffer = '';
    this.overflow = false;
    if (overflow) {
      this.rejected.add(`longer than ${this.options.maxLength} characters`);
      return null;
    }
    return code || null;
  }
}

/** Builds the boot keyboard reports a scanner sends for a text (press, release), for fixtures and tools. */
export function keyboardReportsFor(text: string, terminator: number | null = KEY_ENTER): number[][] {
  const reverse = new Map<string, [number, boolean]>();
  for (const [usage, [plain, shifted]] of Object.entries(PRINTABLE)) {
    const code = Number(usage);
    if (code >= 0x54) continue; // prefer the main keys over the keypad
    if (!reverse.has(plain)) reverse.set(plain, [code, false]);
    if (!reverse.has(shifted)) reverse.set(shifted, [code, true]);
  }
  const reports: number[][] = [];
  for (const ch of text) {
    const found = reverse.get(ch);
    if (!found) throw new Error(`no key for ${JSON.stringify(ch)}`);
    reports.push([found[1] ? 0x02 : 0, 0, found[0], 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]);
  }
  if (terminator !== null) reports.push([0, 0, terminator, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]);
  return reports;
}
