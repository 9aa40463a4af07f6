import { describe, expect, it } from 'vitest';
import { ScanBurst } from './scan-burst.ts';

const feed = (burst: ScanBurst, keys: string[], start = 0, gap = 10): (string | null)[] => keys.map((k, i) => burst.key(k, start + i * gap));

describe('ScanBurst', () => {
  it('reads a fast burst ending in Enter as a scan', () => {
    const results = feed(new ScanBurst(), [...'J000123', 'Enter']);
    expect(results.at(-1)).toBe('J000123');
  });

  it('ignores a person typing slowly', () => {
    expect(feed(new ScanBurst(), [...'J12', 'Enter'], 0, 200).at(-1)).toBeNull();
  });

  it('drops control characters and caps the length', () => {
    const burst = new ScanBurst({ maxGapMs: 50, minLength: 3, maxLength: 8 });
    expect(feed(burst, ['J', 'Control', '\u0007', ...'0001234567', 'Enter']).at(-1)).toBe('J0001234');
  });
});
