import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows the capacity at once, then one per refill, per key', () => {
    const limiter = new RateLimiter(3, 1000);
    const taken = [0, 0, 0, 0].map(() => limiter.take('a', 0).ok);
    expect(taken).toEqual([true, true, true, false]);
    expect(limiter.take('b', 0).ok).toBe(true);
    expect(limiter.take('a', 999)).toEqual({ ok: false, retryAfterMs: 1, firstRefusal: false });
    expect(limiter.take('a', 1000).ok).toBe(true);
    expect(limiter.take('a', 1000).ok).toBe(false);
  });

  it('forgets the least recently used key beyond its size', () => {
    const limiter = new RateLimiter(1, 60_000, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.take('a', 0).ok).toBe(true); // forgotten, so full again
    expect(limiter.take('c', 0).ok).toBe(false);
  });
});
