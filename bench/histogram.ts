/**
 * A latency histogram with 0.1 ms buckets up to 60 s (beyond that: the last bucket), so a
 * bench can keep millions of samples and merge histograms from other processes as JSON.
 */
import { readFileSync } from 'node:fs';

const BUCKET_MS = 0.1;
const BUCKETS = 600_000;

export class Histogram {
  readonly counts: Uint32Array;
  count = 0;
  max = 0;

  constructor() {
    this.counts = new Uint32Array(BUCKETS);
  }

  add(ms: number, times = 1): void {
    const i = Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)));
    this.counts[i] = this.counts[i]! + times;
    this.count += times;
    if (ms > this.max) this.max = ms;
  }

  merge(other: Histogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = this.counts[i]! + other.counts[i]!;
    this.count += other.count;
    this.max = Math.max(this.max, other.max);
  }

  /** The p-th percentile in ms: the upper edge of the bucket holding it. */
  percentile(p: number): number {
    if (!this.count) return NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min((i + 1) * BUCKET_MS, this.max);
    }
    return this.max;
  }

  /** Sparse [bucket, count, bucket, count, …] for sending to another process. */
  toJSON(): number[] {
    const out: number[] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]) out.push(i, this.counts[i]!);
    return out;
  }

  static fromJSON(sparse: readonly number[]): Histogram {
    const h = new Histogram();
    for (let i = 0; i < sparse.length; i += 2) h.add(sparse[i]! * BUCKET_MS + BUCKET_MS / 2, sparse[i + 1]!);
    return h;
  }
}

/** CPU seconds (user + system) a process has used so far, from Linux /proc. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}
