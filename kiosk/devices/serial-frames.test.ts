import { describe, expect, it } from 'vitest';
import { ButtonFrameParser, Debouncer, ScannerFrameParser } from './serial-frames.ts';

describe('ScannerFrameParser', () => {
  it('splits on the terminator across chunks and strips prefix and suffix', () => {
    const p = new ScannerFrameParser({ prefix: '\x02', suffix: '#', terminator: '\r\n', interCharTimeoutMs: 50, maxLength: 64 });
    expect(p.push(Buffer.from('\x02J0001'))).toEqual([]);
    expect(p.push(Buffer.from('23#\r'))).toEqual([]);
    expect(p.push(Buffer.from('\n\x02ABC#\r\n'))).toEqual(['J000123', 'ABC']);
  });

  it('ends a code on a pause when there is no terminator', () => {
    const p = new ScannerFrameParser({ prefix: '', suffix: '', terminator: 'none', interCharTimeoutMs: 50, maxLength: 64 });
    p.push(Buffer.from('ABC'), 0);
    expect(p.flush(20)).toBeNull();
    expect(p.flush(100)).toBe('ABC');
  });

  it('drops a runaway stream instead of growing, and its tail with it', () => {
    const p = new ScannerFrameParser({ prefix: '', suffix: '', terminator: '\r', interCharTimeoutMs: 50, maxLength: 16 });
    p.push(Buffer.alloc(100, 0x41));
    expect(p.push(Buffer.from('OK\r'))).toEqual([]);
    expect(p.push(Buffer.from('OK\r'))).toEqual(['OK']);
  });
});

// Serial scanners end each code with the suffix set in their setup menu: CR by default, CRLF or LF
// on request (Honeywell Xenon/Voyager User's Guide "Suffix": 0D, 0D0A; Newland FM430 manual
// "Terminating Character Suffix": 0x0D, 0x0D0A, 0x0A). The config cannot be trusted to match.
describe('ScannerFrameParser terminators as devices send them', () => {
  const framing = (terminator: 'any' | '\r' | '\n' | '\r\n' | 'none') => ({ prefix: '', suffix: '', terminator, interCharTimeoutMs: 50, maxLength: 512 });

  it('by default takes CR, LF or CRLF as the end of a code', () => {
    const p = new ScannerFrameParser(framing('any'));
    expect(p.push(Buffer.from('APPT:AB12CD34\r\nJ000123\rJ000124\nJ000125\r'))).toEqual(['APPT:AB12CD34', 'J000123', 'J000124', 'J000125']);
    expect(p.push(Buffer.from('\n'))).toEqual([]); // the LF of a CRLF split across reads
  });

  it('trims a CRLF device configured as CR instead of delivering "\\nAPPT:…"', () => {
    const p = new ScannerFrameParser(framing('\r'));
    expect(p.push(Buffer.from('APPT:AB12CD34\r\nAPPT:ZX98YW76\r\n'))).toEqual(['APPT:AB12CD34', 'APPT:ZX98YW76']);
  });

  it('discards a whole over-long line up to its terminator, tail included', () => {
    const p = new ScannerFrameParser(framing('any'));
    expect(p.push(Buffer.concat([Buffer.alloc(600, 'X'), Buffer.from('J000123\r')]))).toEqual([]);
    expect(p.rejected.recent).toEqual(['longer than 512 bytes']);
    expect(p.push(Buffer.from('J000124\r'))).toEqual(['J000124']);
  });

  it('discards an over-long line arriving in small reads', () => {
    const p = new ScannerFrameParser(framing('\r'));
    const codes: string[] = [];
    for (let i = 0; i < 60; i++) codes.push(...p.push(Buffer.alloc(10, 'X')));
    codes.push(...p.push(Buffer.from('J000123\rJ000125\r')));
    expect(codes).toEqual(['J000125']);
  });
});

describe('ButtonFrameParser', () => {
  it('reads binary frames with a checksum, resynchronising after noise and bad frames', () => {
    const p = new ButtonFrameParser({ kind: 'binary', header: [0xaa, 0x55], idBytes: 2, keyBytes: 1, checksum: 'sum8' });
    const frame = (id: number, key: number): number[] => {
      const body = [0xaa, 0x55, id >> 8, id & 0xff, key];
      return [...body, body.reduce((s, b) => (s + b) & 0xff, 0)];
    };
    const bad = frame(7, 1);
    bad[5] = bad[5]! ^ 0xff;
    expect(p.push(Buffer.from([0x00, 0x13, ...frame(300, 1), ...bad, ...frame(12, 3).slice(0, 3)]))).toEqual([{ button: '300:1' }]);
    expect(p.push(Buffer.from(frame(12, 3).slice(3)))).toEqual([{ button: '12:3' }]);
    expect(p.rejected.count).toBe(1);
  });

  it('reads ASCII lines with a pattern', () => {
    const p = new ButtonFrameParser({ kind: 'ascii', pattern: '^K(?<id>\\d{3}),(?<key>\\d)$' });
    expect(p.push(Buffer.from('K012,1\r\nnoise\nK013,2\n'))).toEqual([{ button: '012:1' }, { button: '013:2' }]);
    expect(p.rejected.recent).toEqual(['no match: "noise"']);
  });

  // ASCII receivers that end lines with CR alone (e.g. 433 MHz call-button receivers printing
  // "K012,1" + 0x0D), as well as LF and CRLF.
  it('splits ASCII lines on CR, LF or CRLF', () => {
    const p = new ButtonFrameParser({ kind: 'ascii', pattern: '^K(?<id>\\d{3}),(?<key>\\d)$' });
    expect(p.push(Buffer.from('K012,1\r'))).toEqual([{ button: '012:1' }]);
    expect(p.push(Buffer.from('\nK013,2\rK014,1\n'))).toEqual([{ button: '013:2' }, { button: '014:1' }]);
  });

  it('keeps a bounded record of rejections however many bad lines arrive', () => {
    const p = new ButtonFrameParser({ kind: 'ascii', pattern: '^K(?<id>\\d{3})$' });
    for (let i = 0; i < 10_000; i++) p.push(Buffer.from(`bad ${i}\n`));
    expect(p.rejected.count).toBe(10_000);
    expect(p.rejected.recent.length).toBeLessThanOrEqual(16);
    expect(p.rejected.recent.at(-1)).toBe('no match: "bad 9999"');
  });
});

describe('Debouncer', () => {
  it('counts repeats of one press once, and a later press again', () => {
    const d = new Debouncer(800);
    expect([d.accept('1', 0), d.accept('1', 100), d.accept('2', 150), d.accept('1', 700), d.accept('1', 2000)]).toEqual([true, false, true, false, true]);
  });
});
