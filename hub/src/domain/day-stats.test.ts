import { describe, expect, it } from 'vitest';
import { dayStats, percentile } from './day-stats.ts';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 90)).toBe(40);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('dayStats', () => {
  it('computes waits, the greeting rate and arrivals per hour as worked out by hand', () => {
    const H = 3_600_000;
    const tickets = [
      { service: 'repair', issuedAt: 9 * H, firstCalledAt: 9 * H + 30_000, status: 'done' }, // 30 s
      { service: 'repair', issuedAt: 9 * H + 60_000, firstCalledAt: 9 * H + 150_000, status: 'done' }, // 90 s
      { service: 'pickup', issuedAt: 10 * H, firstCalledAt: 10 * H + 60_000, status: 'no_show' }, // 60 s
      { service: 'pickup', issuedAt: 10 * H + 1, firstCalledAt: null, status: 'waiting' },
    ];
    const stats = dayStats({
      tickets,
      greetingLimitSeconds: 60,
      alerts: { greeting_wait: 1 },
      localHour: (at) => String(Math.floor(at / H)).padStart(2, '0'),
      now: 10 * H + 30_000, // the waiting ticket has waited 30 s: not yet late
    });
    expect(stats.issued).toBe(4);
    expect(stats.called).toBe(3);
    expect(stats.noShows).toBe(1);
    expect(stats.greetingRate).toBeCloseTo(2 / 3); // 30 s and 60 s are within a minute, 90 s is not
    expect(stats.byService.repair).toEqual({ issued: 2, called: 2, p50WaitSeconds: 30, p90WaitSeconds: 90 });
    expect(stats.byService.pickup).toEqual({ issued: 2, called: 1, p50WaitSeconds: 60, p90WaitSeconds: 60 });
    expect(stats.arrivalsByHour).toEqual({ '09': 2, '10': 2 });
    expect(stats.alerts).toEqual({ greeting_wait: 1 });
    expect(stats.onTimeDelivery).toEqual({ delivered: 0, onTime: 0, rate: null });
  });

  it('counts tickets per advisor and the on-time delivery rate', () => {
    const tickets = [
      { service: 'repair', issuedAt: 0, firstCalledAt: 10, status: 'done', advisor: '李娜' },
      { service: 'repair', issuedAt: 0, firstCalledAt: 20, status: 'done', advisor: '李娜' },
      { service: 'repair', issuedAt: 0, firstCalledAt: 30, status: 'done', advisor: '王强' },
      { service: 'repair', issuedAt: 0, firstCalledAt: null, status: 'waiting', advisor: null },
    ];
    const deliveries = [
      { deliveredAt: 100, promisedAt: 100 },
      { deliveredAt: 90, promisedAt: 100 },
      { deliveredAt: 130, promisedAt: 100 },
    ];
    const stats = dayStats({ tickets, deliveries, greetingLimitSeconds: 60, alerts: {}, localHour: () => '09', now: 0 });
    expect(stats.ticketsPerAdvisor).toEqual({ 李娜: 2, 王强: 1 });
    expect(stats.onTimeDelivery).toEqual({ delivered: 3, onTime: 2, rate: 2 / 3 });
  });

  it('counts every ticket that waited past the limit in the greeting rate, called or not, and takes the day median over all services', () => {
    const M = 60_000;
    const tickets = [
      { service: 'repair', issuedAt: 0, firstCalledAt: 0.5 * M, status: 'done' }, // in time
      { service: 'repair', issuedAt: 0, firstCalledAt: 5 * M, status: 'done' }, // late
      { service: 'pickup', issuedAt: 0, firstCalledAt: 2 * M, status: 'done' }, // late
      { service: 'pickup', issuedAt: 0, firstCalledAt: null, finishedAt: 0.5 * M, status: 'cancelled' }, // left in time: not counted
      { service: 'pickup', issuedAt: 0, firstCalledAt: null, finishedAt: 30 * M, status: 'cancelled' }, // left after 30 min: late
      { service: 'pickup', issuedAt: 0, firstCalledAt: null, finishedAt: 600 * M, status: 'expired' }, // never called: late
      { service: 'pickup', issuedAt: 100 * M, firstCalledAt: null, status: 'waiting' }, // waiting 3 min now: late
      { service: 'pickup', issuedAt: 0, firstCalledAt: null, status: 'void' }, // a reconciled duplicate: not a visit
    ];
    const stats = dayStats({ tickets, greetingLimitSeconds: 60, alerts: {}, localHour: () => '09', now: 103 * M });
    expect(stats.issued).toBe(7);
    expect(stats.greeting).toEqual({ counted: 6, inTime: 1 });
    expect(stats.greetingRate).toBeCloseTo(1 / 6, 10);
    expect(stats.served).toBe(3);
    expect(stats.expired).toBe(1);
    // Waits 30, 300, 120 s: the median of the day is 120 s, not the larger of the per-service medians (165 s or 300 s).
    expect(stats.waitP50Seconds).toBe(120);
    expect(stats.waitP90Seconds).toBe(300);
    expect(stats.byService.repair!.p50WaitSeconds).toBe(30);
  });
});
