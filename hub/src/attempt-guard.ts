/**
 * Throttling of secret guessing (PINs, pairing codes). Pure: the caller passes the time.
 *
 * Two limits hold together. Per address: a few failures, then a lock that doubles with each
 * further lock. Hub-wide: a token bucket of failures shared by all addresses, so a hundred LAN
 * hosts guess no faster than one; when it is empty every attempt is refused unchecked, even a
 * right one, until it refills. A success clears nothing: one person's login never hides
 * another's failures.
 */

export interface GuardLimits {
  /** Failures an address may make before its first lock. */
  failuresPerAddress: number;
  /** First lock of an address; each further lock doubles, up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
  /** Failures the whole hub absorbs at once… */
  hubBudget: number;
  /** …and one more each this often. */
  hubRefillMs: number;
  /** This many failures hub-wide within `burstWindowMs` is a burst worth a manager alert. */
  burstFailures: number;
  burstWindowMs: number;
}

export const LOGIN_LIMITS: GuardLimits = {
  failuresPerAddress: 5,
  lockMs: 60_000,
  maxLockMs: 3_600_000,
  hubBudget: 30,
  hubRefillMs: 120_000,
  burstFailures: 10,
  burstWindowMs: 600_000,
};

export const PAIRING_LIMITS: GuardLimits = {
  failuresPerAddress: 5,
  lockMs: 60_000,
  maxLockMs: 3_600_000,
  hubBudget: 20,
  hubRefillMs: 60_000,
  burstFailures: 10,
  burstWindowMs: 600_000,
};

/** Addresses remembered at most; the oldest are forgotten first. */
const MAX_ADDRESSES = 10_000;

export type GuardVerdict = { ok: true } | { ok: false; scope: 'address' | 'hub'; retryAfterMs: number };

interface AddressState {
  failures: number;
  locks: number;
  lockedUntil: number;
  lastFailure: number;
}

export class AttemptGuard {
  private readonly addresses = new Map<string, AddressState>();
  private tokens: number;
  private refilledAt: number | undefined;
  private recentFailures: number[] = [];
  /** Checks under way (the PIN check is asynchronous): they count against the budgets already. */
  private pendingHub = 0;
  private readonly pendingByAddress = new Map<string, number>();

  constructor(readonly limits: GuardLimits) {
    this.tokens = limits.hubBudget;
  }

  /** May this address try now? Refusals are not failures: they cost the hub no check. */
  check(address: string, now: number): GuardVerdict {
    const entry = this.addresses.get(address);
    if (entry && entry.lockedUntil > now) return { ok: false, scope: 'address', retryAfterMs: entry.lockedUntil - now };
    const pending = this.pendingByAddress.get(address) ?? 0;
    if ((entry?.failures ?? 0) + pending >= this.limits.failuresPerAddress) return { ok: false, scope: 'address', retryAfterMs: 1000 };
    this.refill(now);
    if (this.tokens - this.pendingHub < 1) return { ok: false, scope: 'hub', retryAfterMs: (this.refilledAt ?? now) + this.limits.hubRefillMs - now };
    return { ok: true };
  }

  /** As `check`; when allowed, the attempt counts as pending until `settle`. */
  begin(address: string, now: number): GuardVerdict {
    const verdict = this.check(address, now);
    if (verdict.ok) {
      this.pendingHub++;
      this.pendingByAddress.set(address, (this.pendingByAddress.get(address) ?? 0) + 1);
    }
    return verdict;
  }

  /** Ends an attempt `begin` allowed: a failure is recorded, a success only ends it. */
  settle(address: string, now: number, succeeded: boolean): { burst: boolean } {
    this.pendingHub = Math.max(0, this.pendingHub - 1);
    const left = (this.pendingByAddress.get(address) ?? 1) - 1;
    if (left > 0) this.pendingByAddress.set(address, left);
    else this.pendingByAddress.delete(address);
    return succeeded ? { burst: false } : this.failed(address, now);
  }

  /** Records a wrong guess; `burst` is true exactly when this failure starts a burst. */
  failed(address: string, now: number): { burst: boolean } {
    const { limits } = this;
    this.refill(now);
    this.tokens = Math.max(0, this.tokens - 1);
    let entry = this.addresses.get(address);
    if (entry && now - entry.lastFailure > limits.maxLockMs) entry = undefined; // quiet long enough: start over
    if (!entry) {
      if (this.addresses.size >= MAX_ADDRESSES) this.addresses.delete(this.addresses.keys().next().value!);
      entry = { failures: 0, locks: 0, lockedUntil: 0, lastFailure: now };
    }
    this.addresses.delete(address); // re-insert: the map's order is least recently failed first
    this.addresses.set(address, entry);
    entry.failures++;
    entry.lastFailure = now;
    if (entry.failures >= limits.failuresPerAddress) {
      entry.lockedUntil = now + Math.min(limits.maxLockMs, limits.lockMs * 2 ** entry.locks);
      entry.locks++;
      entry.failures = 0;
    }
    this.recentFailures = this.recentFailures.filter((t) => now - t < limits.burstWindowMs);
    this.recentFailures.push(now);
    return { burst: this.recentFailures.length === limits.burstFailures };
  }

  private refill(now: number): void {
    if (this.refilledAt === undefined) this.refilledAt = now;
    const steps = Math.floor((now - this.refilledAt) / this.limits.hubRefillMs);
    if (steps <= 0) return;
    this.tokens = Math.min(this.limits.hubBudget, this.tokens + steps);
    this.refilledAt += steps * this.limits.hubRefillMs;
    if (this.tokens === this.limits.hubBudget) this.refilledAt = now;
  }
}

/**
 * Expected time to find one secret among `space` equally likely values when the hub-wide
 * budget is the binding limit (it is for any number of addresses): the budget at once, then
 * one guess per refill.
 */
export function expectedGuessMs(space: number, limits: GuardLimits): number {
  return Math.max(0, space / 2 - limits.hubBudget) * limits.hubRefillMs;
}
