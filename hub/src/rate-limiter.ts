/**
 * Token buckets by key (an address, a device, a socket): `capacity` at once, then one more
 * every `refillMs`. Pure: the caller passes the time. Remembers at most `maxKeys` keys,
 * forgetting the least recently used, so a flood of new keys cannot grow it without bound.
 */
export type Take = { ok: true } | { ok: false; retryAfterMs: number; firstRefusal: boolean };

interface Bucket {
  tokens: number;
  at: number;
  refused: boolean;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly refillMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, now: number): Take {
    let bucket = this.buckets.get(key);
    if (bucket) {
      const steps = Math.floor((now - bucket.at) / this.refillMs);
      if (steps > 0) {
        bucket.tokens = Math.min(this.capacity, bucket.tokens + steps);
        bucket.at = bucket.tokens === this.capacity ? now : bucket.at + steps * this.refillMs;
      }
      this.buckets.delete(key); // re-inserted below: least recently used first
    } else {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = { tokens: this.capacity, at: now, refused: false };
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.refused = false;
      return { ok: true };
    }
    const firstRefusal = !bucket.refused;
    bucket.refused = true;
    return { ok: false, retryAfterMs: Math.max(1, bucket.at + this.refillMs - now), firstRefusal };
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
