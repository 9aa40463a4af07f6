import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, evaluateAlerts, type AlertInputs } from './alert-rules.ts';

const MIN = 60_000;
const base: AlertInputs = { now: 100 * MIN, businessDay: '2026-11-24', waitingFirstCall: [], idleCounters: [], inPreinspection: [], congestionSince: null };

describe('alert rules', () => {
  it('alerts when a ticket waits over a minute for its first call while a counter that could call it is idle', () => {
    const ticket = { id: 7, number: 'A007', issuedAt: base.now - 61_000, callableBy: ['1', '2'] };
    expect(evaluateAlerts({ ...base, waitingFirstCall: [ticket], idleCounters: ['2'] }, DEFAULT_ALERT_RULES)).toEqual([
      { kind: 'greeting_wait', key: 'greeting_wait:7', audience: 'desk', subject: { ticketId: 7, number: 'A007', waitedSeconds: 61 } },
    ]);
  });

  it('stays quiet when every counter is busy, or the wait is within the limit', () => {
    const ticket = { id: 7, number: 'A007', issuedAt: base.now - 61_000, callableBy: ['1'] };
    expect(evaluateAlerts({ ...base, waitingFirstCall: [ticket], idleCounters: ['3'] }, DEFAULT_ALERT_RULES)).toEqual([]);
    expect(evaluateAlerts({ ...base, waitingFirstCall: [{ ...ticket, issuedAt: base.now - 59_000 }], idleCounters: ['1'] }, DEFAULT_ALERT_RULES)).toEqual([]);
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
      expect.objectContaining({ kind: 'preinspection_dwell', subject: { jobId: 9, plate: '粤B·***45', minutes: 21 } }),
    ]);
  });
});
