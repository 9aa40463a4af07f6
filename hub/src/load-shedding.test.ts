import { describe, expect, it } from 'vitest';
import { DEFAULT_SHEDDING, routeClass, sheddingFromEnv, shouldShed, stallWatch } from './load-shedding.ts';

describe('load shedding policy', () => {
  it('never sheds health, sheds essential requests only past their own delay limit, and the rest at the first limit', () => {
    const limits = { ...DEFAULT_SHEDDING, eventLoopDelayMs: 100, essentialDelayMs: 400 };
    expect(routeClass('GET', '/api/health')).toBe('never');
    expect(routeClass('POST', '/api/tickets')).toBe('essential');
    expect(routeClass('POST', '/api/counters/:counterId/call-next')).toBe('essential');
    expect(routeClass('GET', '/api/tickets')).toBe('ordinary');
    expect(routeClass('GET', '/api/queue')).toBe('ordinary');
    expect(routeClass('GET', undefined)).toBe('ordinary');
    expect(shouldShed('never', 'eventLoopDelay', 10_000, limits)).toBe(false);
    expect(shouldShed('ordinary', 'eventLoopDelay', 101, limits)).toBe(true);
    expect(shouldShed('ordinary', 'eventLoopUtilization', 0.99, limits)).toBe(true);
    expect(shouldShed('essential', 'eventLoopDelay', 399, limits)).toBe(false);
    expect(shouldShed('essential', 'eventLoopDelay', 401, limits)).toBe(true);
    expect(shouldShed('essential', 'eventLoopUtilization', 1, limits)).toBe(false);
  });

  it('is on with conservative defaults, tunable and switchable off from the environment, and refuses nonsense', () => {
    expect(sheddingFromEnv({})).toEqual(DEFAULT_SHEDDING);
    expect(sheddingFromEnv({ HUB_SHED: 'off' })).toBeNull();
    expect(sheddingFromEnv({ HUB_SHED_DELAY_MS: '50', HUB_SHED_UTILIZATION: '0.95' })).toMatchObject({ eventLoopDelayMs: 50, eventLoopUtilization: 0.95 });
    expect(() => sheddingFromEnv({ HUB_SHED_DELAY_MS: 'fast' })).toThrow(/HUB_SHED_DELAY_MS/);
    expect(() => sheddingFromEnv({ HUB_SHED_UTILIZATION: '2' })).toThrow(/HUB_SHED_UTILIZATION/);
  });

  it('counts a stopped loop as the mean delay it adds to one sample, whether its tick ran first or is still overdue', () => {
    const limits = { ...DEFAULT_SHEDDING, sampleIntervalMs: 250 };
    let now = 0;
    const watch = stallWatch(limits, () => now);
    now = 250;
    watch.tick();
    expect(watch.pressure()).toBe(0);
    // Stopped for 4 s: a request read before the tick meets the overdue tick (3 750 ms late over 26 samples).
    now = 4250;
    expect(watch.pressure()).toBeCloseTo(3750 / 26);
    // The tick ran first: the stall counts until the next tick, however late the loop gets to it.
    watch.tick();
    expect(watch.pressure()).toBeCloseTo(3750 / 26);
    now = 4499;
    expect(watch.pressure()).toBeCloseTo(3750 / 26);
    now = 4700; // busy with the backlog: the next tick is a little late, the stall still counts
    expect(watch.pressure()).toBeCloseTo(3750 / 26);
    watch.tick();
    expect(watch.pressure()).toBeCloseTo(200 / 26);
    // Ordinary timer jitter stays far below any limit.
    now = 4962;
    watch.tick();
    expect(watch.pressure()).toBeLessThan(1);
  });
});
