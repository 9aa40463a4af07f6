/**
 * Keyboard-wedge scanners type a code as a fast burst of keystrokes ending in Enter. This tells
 * such a burst from a person typing, and treats what arrives as untrusted: only printable
 * characters are kept, bursts are length-limited, and control keys never act as shortcuts
 * (the "BadBarcode" attack). Pure: feed it key events with their times.
 */
export interface BurstOptions {
  /** Longest gap between two scanned characters, in ms. */
  maxGapMs: number;
  minLength: number;
  maxLength: number;
}

export const DEFAULT_BURST: BurstOptions = { maxGapMs: 50, minLength: 3, maxLength: 64 };

export class ScanBurst {
  private buffer = '';
  private lastAt = -Infinity;

  constructor(private readonly options: BurstOptions = DEFAULT_BURST) {}

  /** Returns the scanned code when `key` ends a burst, otherwise null. */
  key(key: string, at: number): string | null {
    if (at - this.lastAt > this.options.maxGapMs) this.buffer = '';
    this.lastAt = at;
    if (key === 'Enter') {
      const code = this.buffer;
      this.buffer = '';
      return code.length >= this.options.minLength ? code : null;
    }
    if (key.length !== 1 || key < ' ' || key === '\u007f') return null; // not printable: ignored
    this.buffer = (this.buffer + key).slice(0, this.options.maxLength);
    return null;
  }
}
