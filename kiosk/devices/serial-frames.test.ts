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

  it('drops a runaway stream instead of growing', () => {
    const p = new ScannerFrameParser({ prefix: '', suffix: '', terminator: '\r', interCharTimeoutMs: 50, maxLength: 16 });
    p.push(Buffer.alloc(100, 0x41));
    expect(p.push(Buffer.from('OK\r'))).toEqual(['OK']);
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
    expect(p.rejected).toHaveLength(1);
  });

  it('reads ASCII lines with a pattern', () => {
    const p = new ButtonFrameParser({ kind: 'ascii', pattern: '^K(?<id>\\d{3}),(?<key>\\d)$' });
    expect(p.push(Buffer.from('K012,1\r\nnoise\nK013,2\n'))).toEqual([{ button: '012:1' }, { button: '013:2' }]);
    expect(p.rejected).toEqual(['no match: "noise"']);
  });
});

describe('Debouncer', () => {
  it('counts repeats of one press once, and a later press again', () => {
    const d = new Debouncer(800);
    expect([d.accept('1', 0), d.accept('1', 100), d.accept('2', 150), d.accept('1', 700), d.accept('1', 2000)]).toEqual([true, false, true, false, true]);
  });
});
