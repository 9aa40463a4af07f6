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
    const stats = dayStats({ tickets, greetingLimitSeconds: 60, alerts: { greeting_wait: 1 }, localHour: (at) => String(Math.floor(at / H)).padStart(2, '0') });
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
    const stats = dayStats({ tickets, deliveries, greetingLimitSeconds: 60, alerts: {}, localHour: () => '09' });
    expect(stats.ticketsPerAdvisor).toEqual({ 李娜: 2, 王强: 1 });
    expect(stats.onTimeDelivery).toEqual({ delivered: 3, onTime: 2, rate: 2 / 3 });
  });
});
