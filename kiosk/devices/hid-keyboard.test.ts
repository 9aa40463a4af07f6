import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder, keyboardReportsFor } from './hid-keyboard.ts';

// Byte-exact boot keyboard input reports (HID 1.11 Appendix B.1; usages from page 0x07).
const R = (modifiers: number, ...keys: number[]): number[] => [modifiers, 0, ...keys, ...Array(6 - keys.length).fill(0)];
const UP = R(0);

describe('BootKeyboardDecoder', () => {
  it('decodes letters, digits and shifted characters up to Enter', () => {
    const d = new BootKeyboardDecoder();
    const reports = [
      R(0x02, 0x04),
      UP, // Shift+a → A
      R(0, 0x1e),
      UP, // 1
      R(0, 0x05),
      UP, // b
      R(0x20, 0x1f),
      UP, // Right Shift+2 → @
      R(0, 0x2d),
      UP, // -
      R(0, 0x28),
      UP, // Enter
    ];
    expect(reports.flatMap((r) => d.report(r))).toEqual(['A1b@-']);
  });

  it('counts a held key once and ignores empty and roll-over reports', () => {
    const d = new BootKeyboardDecoder();
    const reports = [R(0, 0x04), R(0, 0x04), R(0, 0x04, 0x05), R(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01), UP, UP, R(0, 0x06), UP, R(0, 0x28), UP];
    expect(reports.flatMap((r) => d.report(r))).toEqual(['abc']);
  });

  it('uses Tab as the terminator when configured, and drops Ctrl/Alt combinations', () => {
    const d = new BootKeyboardDecoder({ terminator: 'tab', interCharTimeoutMs: 80, maxLength: 64 });
    const reports = [R(0, 0x04), UP, R(0x01, 0x06), UP, R(0x04, 0x07), UP, R(0, 0x28), UP, R(0, 0x05), UP, R(0, 0x2b), UP];
    expect(reports.flatMap((r) => d.report(r))).toEqual(['ab']);
  });

  it('ends codes on a pause when there is no terminator', () => {
    const d = new BootKeyboardDecoder({ terminator: 'none', interCharTimeoutMs: 80, maxLength: 64 });
    expect(d.report(R(0, 0x1e), 0)).toEqual([]);
    d.report(UP, 5);
    d.report(R(0, 0x1f), 10);
    d.report(UP, 15);
    expect(d.flush(50)).toBeNull();
    expect(d.flush(200)).toBe('12');
    d.report(R(0, 0x20), 300);
    expect(d.report(R(0, 0x21), 1000)).toEqual(['3']);
  });

  it('accepts a leading report ID byte and ignores reports of the wrong size', () => {
    const d = new BootKeyboardDecoder();
    expect(
      [
        [1, ...R(0, 0x04)],
        [1, ...UP],
        [1, 2, 3],
        [1, ...R(0, 0x28)],
      ].flatMap((r) => d.report(r)),
    ).toEqual(['a']);
  });

  it('reads back what keyboardReportsFor encodes', () => {
    const d = new BootKeyboardDecoder();
    const text = 'http://hub.local:8080/t/0123456789abcdef0123456789abcdef';
    expect(keyboardReportsFor(text).flatMap((r) => d.report(r))).toEqual([text]);
  });

  // Scanners set to a Caps Lock keyboard style (Honeywell Xenon/Voyager User's Guide, "Keyboard
  // Style") toggle the host's Caps Lock with usage 0x39 (HID Usage Tables 1.12 §10, Keyboard Caps
  // Lock) and then send letters unshifted; the host's Caps Lock state decides their case.
  it('tracks Caps Lock as the host would: letters flip case, digits do not', () => {
    const d = new BootKeyboardDecoder();
    const reports = [
      R(0, 0x39),
      UP, // Caps Lock on
      R(0, 0x04),
      UP, // a → A
      R(0, 0x05),
      UP, // b → B
      R(0x02, 0x06),
      UP, // Shift+c under Caps Lock → c
      R(0, 0x1e),
      UP, // 1 stays 1
      R(0, 0x39),
      UP, // Caps Lock off
      R(0, 0x07),
      UP, // d
      R(0, 0x28),
      UP,
    ];
    expect(reports.flatMap((r) => d.report(r))).toEqual(['ABc1d']);
  });

  it('rejects over-long input instead of truncating it into a valid-looking code', () => {
    const d = new BootKeyboardDecoder({ terminator: 'enter', interCharTimeoutMs: 80, maxLength: 16 });
    const codes = [...keyboardReportsFor('X'.repeat(20) + 'J000123'), ...keyboardReportsFor('J000124')].flatMap((r) => d.report(r));
    expect(codes).toEqual(['J000124']);
    expect(d.rejected.recent).toEqual(['longer than 16 characters']);
  });
});
