import { describe, expect, it } from 'vitest';
import { DEFAULT_HID_POS_LAYOUT, HidPosDecoder, hidPosReportsFor } from './hid-pos.ts';

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
});
