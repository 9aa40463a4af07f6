import { describe, expect, it } from 'vitest';
import { AttemptGuard, expectedGuessMs, LOGIN_LIMITS, PAIRING_LIMITS } from './attempt-guard.ts';

const YEAR_MS = 365 * 24 * 3_600_000;

describe('AttemptGuard', () => {
  it('locks an address after its failures, longer each time, and a success clears nothing', () => {
    const guard = new AttemptGuard({ ...LOGIN_LIMITS, hubBudget: 1000 });
    for (let i = 0; i < 5; i++) guard.failed('a', 0);
    expect(guard.check('a', 1)).toMatchObject({ ok: false, scope: 'address', retryAfterMs: 59_999 });
    expect(guard.check('b', 1).ok).toBe(true);
    for (let i = 0; i < 5; i++) guard.failed('a', 60_000);
    expect(guard.check('a', 60_001)).toMatchObject({ ok: false, retryAfterMs: 119_999 });
  });

  it('refuses every address once the hub-wide budget is spent, then one per refill', () => {
    const guard = new AttemptGuard(LOGIN_LIMITS);
    let bursts = 0;
    for (let i = 0; i < LOGIN_LIMITS.hubBudget; i++) if (guard.failed(`10.0.0.${i}`, 0).burst) bursts++;
    expect(bursts).toBe(1);
    expect(guard.check('10.9.9.9', 0)).toMatchObject({ ok: false, scope: 'hub' });
    expect(guard.check('10.9.9.9', LOGIN_LIMITS.hubRefillMs).ok).toBe(true);
  });

  it('makes a 6-digit PIN take over a year and an 8-digit pairing code far longer than its 15 minutes', () => {
    expect(expectedGuessMs(1_000_000, LOGIN_LIMITS)).toBeGreaterThan(YEAR_MS);
    expect(expectedGuessMs(100_000_000, PAIRING_LIMITS)).toBeGreaterThan(15 * 60_000);
  });
});
