import { describe, expect, it } from 'vitest';
import { acceptStationScan, DEFAULT_BURST, ScanBurst, ScanOnce } from './scan-burst.ts';

const feed = (burst: ScanBurst, keys: string[], start = 0, gap = 10): (string | null)[] => keys.map((k, i) => burst.key(k, start + i * gap));

describe('ScanBurst', () => {
  it('reads a fast burst ending in Enter as a scan', () => {
    const results = feed(new ScanBurst(), [...'J000123', 'Enter']);
    expect(results.at(-1)).toBe('J000123');
  });

  it('ignores a person typing slowly', () => {
    expect(feed(new ScanBurst(), [...'J12', 'Enter'], 0, 200).at(-1)).toBeNull();
  });

  it('drops control characters, and rejects an over-long burst instead of truncating it', () => {
    const burst = new ScanBurst({ maxGapMs: 50, minLength: 3, maxLength: 8 }, new ScanOnce());
    expect(feed(burst, ['J', 'Control', '\u0007', ...'0001234', 'Enter']).at(-1)).toBe('J0001234');
    expect(feed(burst, [...'J000123X', ...'J000123', 'Enter'], 1000).at(-1)).toBeNull();
    expect(feed(burst, [...'J000125', 'Enter'], 2000).at(-1)).toBe('J000125');
  });

  it('takes a ticket QR on a long host name whole (up to the scan limit of 256)', () => {
    const url = `http://service-hub-guangzhou-tianhe.example.com.cn:8080/t/${'0123456789abcdef'.repeat(2)}`;
    expect(feed(new ScanBurst(DEFAULT_BURST, new ScanOnce()), [...url, 'Enter']).at(-1)).toBe(url);
  });
});

// On Linux a keyboard-wedge scanner the station reads through hidraw also types into the kiosk
// window (hidraw reads are not exclusive): the same code reaches the page twice, as a burst of
// keys and through the station bridge, a few ms apart and in either order.
describe('one delivery per scan', () => {
  it('takes a code once whether the keystrokes or the station bridge come first', () => {
    const once = new ScanOnce(2000);
    const burst = new ScanBurst(DEFAULT_BURST, once);
    const typed = feed(burst, [...'J000123', 'Enter'], 1000).at(-1);
    expect(typed).toBe('J000123');
    expect(acceptStationScan('J000123', 1090, once)).toBe(false); // the station's copy: dropped

    expect(acceptStationScan('APPT:AB12CD34', 5000, once)).toBe(true);
    expect(feed(burst, [...'APPT:AB12CD34', 'Enter'], 5005).at(-1)).toBeNull(); // the keystrokes' copy: dropped
  });

  it('still takes the same code scanned again later, and a different code at once', () => {
    const once = new ScanOnce(2000);
    expect(acceptStationScan('J000123', 0, once)).toBe(true);
    expect(acceptStationScan('J000124', 10, once)).toBe(true);
    expect(acceptStationScan('J000123', 3000, once)).toBe(true);
  });
});
