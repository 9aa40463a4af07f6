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

/** maxLength matches the scan limit (MAX_SCAN_LENGTH): a ticket QR on a long host name fits. */
export const DEFAULT_BURST: BurstOptions = { maxGapMs: 50, minLength: 3, maxLength: 256 };

/**
 * Each scan once: on Linux a keyboard-wedge scanner the station reads through hidraw also types
 * into the page (hidraw reads are not exclusive), so the same code arrives as keystrokes and
 * through the station bridge. Whichever comes first is taken; the same code again within the
 * window is the other copy (or a double scan) and is dropped.
 */
export class ScanOnce {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs = 2000) {}

  /** True when `code` is new (not taken within the window before `at`). */
  claim(code: string, at: number): boolean {
    for (const [c, t] of this.seen) if (at - t > this.windowMs) this.seen.delete(c);
    const key = code.trim();
    if (this.seen.has(key)) return false;
    this.seen.set(key, at);
    return true;
  }
}

/** One per page: the keystroke path and the station bridge share it. */
export const pageScans = new ScanOnce();

/** The station bridge's side of `ScanOnce`: whether a code from the station should be used. */
export function acceptStationScan(code: unknown, at: number, once: ScanOnce = pageScans): boolean {
  return typeof code !== 'string' || once.claim(code, at);
}

export class ScanBurst {
  private buffer = '';
  private lastAt = -Infinity;
  /** The burst went past maxLength: it ends as nothing, never as a truncated code. */
  private overflow = false;

  constructor(
    private readonly options: BurstOptions = DEFAULT_BURST,
    private readonly once: ScanOnce = pageScans,
  ) {}

  /** Returns the scanned code when `key` ends a burst, otherwise null. */
  key(key: string, at: number): string | null {
    if (at - this.lastAt > this.options.maxGapMs) {
      this.buffer = '';
      this.overflow = false;
    }
    this.lastAt = at;
    if (key === 'Enter') {
      const code = this.buffer;
      const overflow = this.overflow;
      this.buffer = '';
      this.overflow = false;
      return !overflow && code.length >= this.options.minLength && this.once.claim(code, at) ? code : null;
    }
    if (key.length !== 1 || key < ' ' || key === '\u007f') return null; // not printable: ignored
    if (this.buffer.length < this.options.maxLength) this.buffer += key;
    else this.overflow = true;
    return null;
  }
}
