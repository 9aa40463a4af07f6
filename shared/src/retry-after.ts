/**
 * What a client does with `503 Retry-After` (issue #17 item 2): a hub shedding load says how
 * long to stay away; the client waits that long and asks again with the same idempotency key,
 * unless the wait does not fit in what is left of its patience, in which case it gives up at
 * once (the customer reads the `overloaded` sentence) rather than retrying early. Pure.
 */

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long to wait before asking again, or null: do not retry. Only a 503 that names a wait is
 * retried, and only when the wait plus a useful attempt (`minAttemptMs`) fits in `leftMs`.
 */
export function retryWaitMs(status: number, retryAfterMs: number | null | undefined, leftMs: number, minAttemptMs = 150): number | null {
  if (status !== 503 || retryAfterMs === null || retryAfterMs === undefined) return null;
  return retryAfterMs + minAttemptMs <= leftMs ? retryAfterMs : null;
}
