import { describe, expect, it } from 'vitest';
import { DEFAULT_HID_POS_LAYOUT, HID_POS_LAYOUTS, HidPosDecoder, hidPosReportsFor } from './hid-pos.ts';

/** A 64-byte Scanned Data Report, byte by byte. */
function report(data: string, opts: { continued?: boolean; aim?: string; id?: number } = {}): number[] {
  const bytes = Array(64).fill(0);
  bytes[0] = opts.id ?? 0x02;
  bytes[1] = data.length;
  Array.from(opts.aim ?? ']Q1').forEach((c, i) => (bytes[2 + i] = c.charCodeAt(0)));
  Array.from(data).forEach((c, i) => (bytes[5 + i] = c.charCodeAt(0)));
  bytes[63] = opts.continued ? 1 : 0;
  return bytes;
}

describe('HidPosDecoder', () => {
  it('decodes a scanned data report with its AIM symbology', () => {
    expect(new HidPosDecoder().report(report('APPT:AB12CD34', { aim: ']C0' }))).toEqual({ symbology: ']C0', data: Buffer.from('APPT:AB12CD34') });
  });

  it('joins decoded data continued over several reports', () => {
    const d = new HidPosDecoder();
    const long = 'x'.repeat(56);
    expect(d.report(report(long, { continued: true }))).toBeNull();
    expect(d.report(report('tail'))?.data.toString()).toBe(`${long}tail`);
  });

  it('ignores other report IDs, short reports and impossible lengths', () => {
    const d = new HidPosDecoder();
    expect(d.report(report('abc', { id: 0x04 }))).toBeNull();
    expect(d.report([0x02, 3, 0x41])).toBeNull();
    const bad = report('abc');
    bad[1] = 200;
    expect(d.report(bad)).toBeNull();
  });

  it('reads back what hidPosReportsFor encodes, however long', () => {
    const data = Buffer.from('http://hub.local:8080/t/' + 'f'.repeat(32) + '?' + 'q'.repeat(100));
    const d = new HidPosDecoder();
    const results = hidPosReportsFor(data).map((r) => d.report(r));
    expect(results.filter(Boolean)).toEqual([{ symbology: ']Q1', data }]);
    expect(hidPosReportsFor(data)).toHaveLength(Math.ceil(data.length / DEFAULT_HID_POS_LAYOUT.dataCapacity));
  });

  // Access-IS LSR116/ATR110 Product Manual, appendix "HID reports – Receive data" (the same layout
  // as Honeywell's HID-POS mode): AIM "]Q0" at 2–4, data from 5, byte 61 further symbology
  // identifier ('s'), byte 63 bit 0 data continued; a 60-byte code split 56 + 4.
  it('decodes the Access-IS example reports (Honeywell layout)', () => {
    const code = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23  '.padEnd(56, 'X');
    const whole = code + 'TAIL';
    const first = report(code, { continued: true, aim: ']Q0' });
    first[61] = 0x73;
    const second = report('TAIL', { aim: ']Q0' });
    second[61] = 0x73;
    const d = new HidPosDecoder(HID_POS_LAYOUTS.honeywell);
    expect(d.report(first)).toBeNull();
    expect(d.report(second)).toEqual({ symbology: ']Q0', data: Buffer.from(whole) });
  });

  // Newland NLS-FM420/FM430 Integration Guide and Quio QU-R-302 manual, "Getting Scanned Data":
  // byte 0 report ID 0x02, byte 1 length, bytes 2–57 decoded data (1–56), 58–61 reserved,
  // byte 62 Newland symbology identifier or 0x00, byte 63 bit 0 decoded data continued.
  const newland = (data: string, opts: { continued?: boolean; id?: string } = {}): number[] => {
    const bytes = Array(64).fill(0);
    bytes[0] = 0x02;
    bytes[1] = data.length;
    Array.from(data).forEach((c, i) => (bytes[2 + i] = c.charCodeAt(0)));
    bytes[62] = opts.id ? opts.id.charCodeAt(0) : 0;
    bytes[63] = opts.continued ? 1 : 0;
    return bytes;
  };

  it('decodes the Newland/Quio layout when configured, data at byte 2', () => {
    const d = new HidPosDecoder(HID_POS_LAYOUTS.newland);
    expect(d.report(newland('APPT:AB12CD34', { id: 'Q' }))).toEqual({ symbology: 'Q', data: Buffer.from('APPT:AB12CD34') });
    const long = 'h'.repeat(56);
    expect(d.report(newland(long, { continued: true }))).toBeNull();
    expect(d.report(newland('/t/x'))).toEqual({ symbology: '', data: Buffer.from(`${long}/t/x`) });
  });

  it('drops a runaway continuation whole, tail included', () => {
    const d = new HidPosDecoder();
    for (let i = 0; i < 70; i++) expect(d.report(report('x'.repeat(56), { continued: true }))).toBeNull();
    expect(d.report(report('J000123'))).toBeNull(); // the end of the runaway code, not a code
    expect(d.rejected.recent).toEqual(['continued past 64 reports']);
    expect(d.report(report('J000124'))?.data.toString()).toBe('J000124');
  });

  it('drops a stale fragment ("more data follows" never completed) after a pause and on reset', () => {
    const d = new HidPosDecoder(DEFAULT_HID_POS_LAYOUT, { fragmentTimeoutMs: 500 });
    expect(d.report(report('STALE', { continued: true }), 0)).toBeNull();
    expect(d.report(report('J000123'), 2000)).toEqual({ symbology: ']Q1', data: Buffer.from('J000123') });
    expect(d.report(report('STALE', { continued: true }), 3000)).toBeNull();
    d.reset(); // the device was unplugged and reopened
    expect(d.report(report('J000124'), 3010)?.data.toString()).toBe('J000124');
  });
});
