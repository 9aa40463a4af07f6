import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { DEFAULT_SHEDDING, installLoadShedding, routeClass, sheddingFromEnv, shouldShed, stallWatch, turnWatch } from './load-shedding.ts';

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

describe('the turn budget', () => {
  it('measures a turn from its first request until the loop moves on', () => {
    let now = 100;
    const ends: (() => void)[] = [];
    const turn = turnWatch(
      () => now,
      (run) => ends.push(run),
    );
    expect(turn.spent()).toBe(0);
    now = 130;
    expect(turn.spent()).toBe(30);
    expect(ends).toHaveLength(1); // one end of turn asked for, not one per request
    ends.shift()!();
    now = 500;
    expect(turn.spent()).toBe(0);
  });

  it('refuses the rest of a burst read in one turn once it has run past the budget, essential ones past their own limit', async () => {
    const app = Fastify();
    // Samples longer than the bursts below (150 ms of handlers): under-pressure reads a sample in
    // which the loop never ticked as an infinite delay, which would refuse the request after them.
    await installLoadShedding(app, { ...DEFAULT_SHEDDING, sampleIntervalMs: 500, eventLoopDelayMs: 60_000, essentialDelayMs: 80, turnBudgetMs: 45 });
    const busy = (ms: number): void => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    app.get('/api/queue', async () => (busy(30), { ok: true }));
    app.post('/api/tickets', async () => (busy(30), { ok: true }));
    await app.ready();
    await new Promise((r) => setTimeout(r, 1050)); // armed two samples after ready

    // Sent in one turn: the hub reads them all before the loop moves on.
    const ordinary = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'GET', url: '/api/queue' })));
    const statuses = ordinary.map((r) => r.statusCode);
    expect(statuses.slice(0, 2)).toEqual([200, 200]); // at 0 and 30 ms
    expect(statuses.slice(2)).toEqual([503, 503]); // at 60 ms and on, past 45
    expect(ordinary[2]!.headers['retry-after']).toBe(String(DEFAULT_SHEDDING.retryAfterSeconds));
    expect(ordinary[2]!.json()).toMatchObject({ error: 'overloaded' });

    const essential = await Promise.all(Array.from({ length: 6 }, () => app.inject({ method: 'POST', url: '/api/tickets', payload: {} })));
    // Ticket issues keep going to 80 ms: 0, 30, 60 accepted, 90 refused.
    expect(essential.map((r) => r.statusCode)).toEqual([200, 200, 200, 503, 503, 503]);

    // The next turn starts afresh.
    await new Promise((r) => setImmediate(r));
    expect((await app.inject({ method: 'GET', url: '/api/queue' })).statusCode).toBe(200);
    await app.close();
  });

  it('is off unless set', () => {
    expect(DEFAULT_SHEDDING.turnBudgetMs).toBe(0);
    expect(sheddingFromEnv({ HUB_SHED_TURN_MS: '30' })).toMatchObject({ turnBudgetMs: 30 });
    expect(() => sheddingFromEnv({ HUB_SHED_TURN_MS: '-1' })).toThrow(/HUB_SHED_TURN_MS/);
  });
});
