import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, evaluateAlerts, type AlertInputs } from './alert-rules.ts';

const MIN = 60_000;
const base: AlertInputs = { now: 100 * MIN, businessDay: '2026-11-24', waitingFirstCall: [], idleCounters: [], inPreinspection: [], congestionSince: null };

describe('alert rules', () => {
  it('alerts when a ticket waits over a minute for its first call while a counter that could call it is idle', () => {
    const ticket = { id: 7, number: 'A007', issuedAt: base.now - 61_000, callableBy: ['1', '2'] };
    expect(evaluateAlerts({ ...base, waitingFirstCall: [ticket], idleCounters: ['2'] }, DEFAULT_ALERT_RULES)).toEqual([
      {
        kind: 'greeting_wait',
        key: `greeting_wait:2026-11-24:${base.now}`,
        audience: 'desk',
        subject: { count: 1, number: 'A007', oldestIssuedAt: new Date(ticket.issuedAt).toISOString(), longestMinutes: 1, limitSeconds: 60, cause: 'idle' },
      },
    ]);
  });

  it('raises one alert for many late customers, naming how many and the longest wait', () => {
    const tickets = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      number: `A${String(i + 1).padStart(3, '0')}`,
      issuedAt: base.now - 61_000 - i * 10_000,
      callableBy: ['1'],
    }));
    const found = evaluateAlerts({ ...base, waitingFirstCall: tickets, idleCounters: ['1'] }, DEFAULT_ALERT_RULES);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ count: 40, number: 'A040', longestMinutes: 7 });
  });

  it('alerts the desk also when every counter is busy or paused (lunch), saying so', () => {
    const ticket = { id: 7, number: 'A007', issuedAt: base.now - 61_000, callableBy: ['1'] };
    const found = evaluateAlerts({ ...base, waitingFirstCall: [ticket], idleCounters: [] }, DEFAULT_ALERT_RULES);
    expect(found).toEqual([
      expect.objectContaining({ kind: 'greeting_wait', audience: 'desk', subject: expect.objectContaining({ count: 1, cause: 'busy' }) }),
    ]);
  });

  it('stays quiet while every wait is within the limit', () => {
    const ticket = { id: 7, number: 'A007', issuedAt: base.now - 59_000, callableBy: ['1'] };
    expect(evaluateAlerts({ ...base, waitingFirstCall: [ticket], idleCounters: ['1'] }, DEFAULT_ALERT_RULES)).toEqual([]);
  });

  it('keeps the greeting key stable through an episode', () => {
    const ticket = { id: 7, number: 'A007', issuedAt: base.now - 61_000, callableBy: ['1'] };
    const first = evaluateAlerts({ ...base, waitingFirstCall: [ticket], idleCounters: [] }, DEFAULT_ALERT_RULES)[0]!;
    const later = evaluateAlerts(
      { ...base, now: base.now + MIN, waitingFirstCall: [ticket], idleCounters: [], greetingSince: base.now },
      DEFAULT_ALERT_RULES,
    )[0]!;
    expect(later.key).toBe(first.key);
  });

  it('alerts the manager at 4 vehicles in pre-inspection, not at 3', () => {
    const car = (id: number) => ({ id, plate: '粤B·***45', since: base.now - MIN });
    expect(evaluateAlerts({ ...base, inPreinspection: [car(1), car(2), car(3)] }, DEFAULT_ALERT_RULES)).toEqual([]);
    const four = evaluateAlerts({ ...base, inPreinspection: [car(1), car(2), car(3), car(4)] }, DEFAULT_ALERT_RULES);
    expect(four).toEqual([expect.objectContaining({ kind: 'preinspection_congestion', audience: 'manager', subject: { vehicles: 4, limit: 4 } })]);
  });

  it('keeps the congestion key stable through an episode', () => {
    const cars = [1, 2, 3, 4].map((id) => ({ id, plate: 'x', since: base.now }));
    const first = evaluateAlerts({ ...base, inPreinspection: cars }, DEFAULT_ALERT_RULES)[0]!;
    const later = evaluateAlerts({ ...base, now: base.now + 5 * MIN, inPreinspection: cars, congestionSince: base.now }, DEFAULT_ALERT_RULES)[0]!;
    expect(later.key).toBe(first.key);
  });

  it('alerts when a vehicle stays in pre-inspection over 20 minutes', () => {
    const car = { id: 9, plate: '粤B·***45', since: base.now - 21 * MIN };
    expect(evaluateAlerts({ ...base, inPreinspection: [car] }, DEFAULT_ALERT_RULES)).toEqual([
      expect.objectContaining({
        kind: 'preinspection_dwell',
        subject: { arrivalId: 9, plate: '粤B·***45', minutes: 21, since: new Date(car.since).toISOString() },
      }),
    ]);
  });
});
