import { describe, expect, it } from 'vitest';
import { learnDurations, overtakingRates, usualPauses, type DurationSample } from './service-durations.ts';

const NOW = Date.parse('2026-11-24T01:00:00Z'); // 09:00 in Shanghai
const DAY = 86_400_000;
const sample = (service: string, minutes: number, daysAgo = 1, minuteOfDay = 540, staffId: number | null = 1): DurationSample => ({
  service,
  staffId,
  seconds: minutes * 60,
  finishedAt: NOW - daysAgo * DAY,
  minuteOfDay,
});
const options = { services: ['repair', 'pickup'], now: NOW, minuteOfDay: 540, defaultSeconds: 480 };

describe('learnDurations', () => {
  it("cold start: yesterday's history, not the default, sets the first ticket's duration", () => {
    const yesterday = Array.from({ length: 20 }, (_, i) => sample('repair', 16 + (i % 5)));
    const learned = learnDurations(yesterday, options);
    expect(learned.services.repair!.source).toBe('history');
    expect(learned.services.repair!.median / 60).toBeGreaterThan(16.5);
    expect(learned.services.repair!.median / 60).toBeLessThan(19);
    // No history at all: the default, with the prior's spread.
    expect(learned.services.pickup).toMatchObject({ median: 480, source: 'default' });
  });

  it('leaves out forgotten finish taps and outliers', () => {
    const history = [...Array.from({ length: 20 }, () => sample('repair', 18)), sample('repair', 230), sample('repair', 0.2), sample('repair', 150)];
    // A plain mean would say 34 minutes; the robust median stays near 18 (pulled a little to the default).
    const median = learnDurations(history, options).services.repair!.median / 60;
    expect(median).toBeGreaterThan(17);
    expect(median).toBeLessThan(19);
  });

  it('weighs recent days and the same time of day more', () => {
    const history = [
      ...Array.from({ length: 15 }, () => sample('repair', 30, 20)), // three weeks ago
      ...Array.from({ length: 15 }, () => sample('repair', 12, 1)), // yesterday
    ];
    expect(learnDurations(history, options).services.repair!.median / 60).toBeLessThan(14);
    const byHour = [
      ...Array.from({ length: 15 }, () => sample('repair', 30, 1, 16 * 60)), // afternoons
      ...Array.from({ length: 12 }, () => sample('repair', 12, 1, 9 * 60)), // mornings
    ];
    expect(learnDurations(byHour, options).services.repair!.median / 60).toBeLessThan(14);
  });

  it("a manager's override replaces the learned median", () => {
    const learned = learnDurations([sample('repair', 18)], { ...options, overrides: { repair: 25 } });
    expect(learned.services.repair).toMatchObject({ median: 1500, source: 'override' });
  });

  it('learns the pace of an advisor who is steadily slower', () => {
    const history = [
      ...Array.from({ length: 20 }, () => sample('repair', 15, 1, 540, 1)),
      ...Array.from({ length: 20 }, () => sample('repair', 22, 1, 540, 2)),
    ];
    const { pace } = learnDurations(history, options);
    expect(pace[2]! / pace[1]!).toBeGreaterThan(1.3);
  });
});

describe('overtakingRates', () => {
  it('counts head-start arrivals around this time of day per day', () => {
    const history = [
      { service: 'complaint', ticketClass: 'priority' as const, minuteOfDay: 530 },
      { service: 'complaint', ticketClass: 'priority' as const, minuteOfDay: 560 },
      { service: 'repair', ticketClass: 'walkin' as const, minuteOfDay: 540 },
      { service: 'complaint', ticketClass: 'priority' as const, minuteOfDay: 900 },
    ];
    expect(overtakingRates(history, { days: 2, minuteOfDay: 540 })).toEqual([{ service: 'complaint', ticketClass: 'priority', perMinute: 2 / 240 }]);
  });
});

describe('usualPauses', () => {
  it("learns each kind of pause's usual length from the counters' history, after three of them", () => {
    const at = (minutes: number): number => NOW + minutes * 60_000;
    const changes = [
      { counterId: '1', state: 'paused' as const, reason: 'break', at: at(0) },
      { counterId: '1', state: 'open' as const, reason: null, at: at(22) },
      { counterId: '2', state: 'paused' as const, reason: 'break', at: at(5) },
      { counterId: '2', state: 'open' as const, reason: null, at: at(25) },
      { counterId: '1', state: 'paused' as const, reason: 'break', at: at(60) },
      { counterId: '1', state: 'closed' as const, reason: null, at: at(85) },
      { counterId: '3', state: 'paused' as const, reason: 'phone', at: at(0) },
      { counterId: '3', state: 'open' as const, reason: null, at: at(12) },
      // A pause left on overnight is not a pause length.
      { counterId: '2', state: 'paused' as const, reason: 'break', at: at(100) },
      { counterId: '2', state: 'open' as const, reason: null, at: at(100 + 14 * 60) },
    ];
    const pauses = usualPauses(changes, { break: 900, phone: 300 });
    expect(pauses.break).toBe(22 * 60);
    expect(pauses.phone).toBe(300); // one phone call is not yet a habit
  });
});
