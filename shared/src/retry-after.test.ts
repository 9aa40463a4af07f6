import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryWaitMs } from './retry-after.ts';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 30 Nov 2026 10:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('waits as told when the wait and one more attempt fit in the patience left; otherwise gives up', () => {
    expect(retryWaitMs(503, 1000, 2500)).toBe(1000);
    expect(retryWaitMs(503, 1000, 1149)).toBeNull();
    expect(retryWaitMs(503, 1000, 1150)).toBe(1000);
    expect(retryWaitMs(503, null, 2500)).toBeNull();
    expect(retryWaitMs(429, 1000, 2500)).toBeNull();
  });
});
