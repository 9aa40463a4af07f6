import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateJobRequest } from '../../../shared/src/protocol.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const car = (plate: string): CreateJobRequest => ({
  plate,
  model: 'Civic',
  surname: '李',
  title: '女士',
  services: ['maintenance'],
  promisedAt: '2026-11-24T08:00:00Z',
  wash: false,
  idempotencyKey: h.key(),
});

describe('alerts', () => {
  it('raises a greeting alert after 60 s with an idle counter, resolves it when the ticket is called', () => {
    const ticket = h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk).result;
    h.clock.advance(59_000);
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 0, resolved: 0 });
    h.clock.advance(2_000);
    const raised = h.store.evaluateAlerts();
    expect(raised.result.raised).toBe(1);
    expect(raised.events[0]).toMatchObject({ type: 'alert.raised', alert: { kind: 'greeting_wait', subject: { number: ticket.number } } });
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 0, resolved: 0 }); // raised once
    h.store.tickets.callNext('1', h.key(), advisor);
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 0, resolved: 1 });
  });

  it('raises congestion at 4 vehicles in pre-inspection and dwell past 20 minutes, and counts them', () => {
    for (const plate of ['粤B10001', '粤B10002', '粤B10003']) h.store.jobs.create(car(plate), advisor);
    expect(h.store.evaluateAlerts().result.raised).toBe(0);
    h.store.jobs.create(car('粤B10004'), advisor);
    expect(h.store.evaluateAlerts().result.raised).toBe(1);
    h.clock.advance(21 * 60_000);
    expect(h.store.evaluateAlerts().result.raised).toBe(4); // four vehicles past 20 minutes
    const stats = h.store.dayStats('2026-11-24');
    expect(stats.alerts).toEqual({ preinspection_congestion: 1, preinspection_dwell: 4 });
  });

  it('is acknowledged once, recording who and when', () => {
    h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
    h.clock.advance(61_000);
    const alert = h.store.evaluateAlerts().events[0]!;
    const id = alert.type === 'alert.raised' ? alert.alert.id : -1;
    const acked = h.store.alerts.acknowledge(id, h.key(), advisor).result;
    expect(acked).toMatchObject({ acknowledgedBy: 'staff:1:Li', acknowledgedAt: h.clock.now().toISOString() });
    expect(() => h.store.alerts.acknowledge(id, h.key(), advisor)).toThrow(/already acknowledged/);
  });

  it('raises one greeting alert for many late customers, also while every counter is busy, and drops it from the open list once all are called', () => {
    for (let i = 0; i < 5; i++) h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
    h.store.tickets.callNext('1', h.key(), advisor);
    for (const counter of ['2', '3']) h.store.tickets.setCounterState(counter, 'paused', 'break', h.key(), advisor); // lunch
    h.clock.advance(61_000);
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 1, resolved: 0 });
    const [open] = h.store.alerts.list({ openOnly: true });
    expect(open).toMatchObject({ kind: 'greeting_wait', audience: 'desk', subject: { count: 4, cause: 'busy' } });
    h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
    h.clock.advance(61_000);
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 0, resolved: 0 }); // same incident, new figures
    expect(h.store.alerts.list({ openOnly: true })[0]).toMatchObject({ id: open!.id, subject: { count: 5, longestMinutes: 2 } });
    // Counter 1 serves the five late customers in turn: the incident ends by itself.
    for (let i = 0; i < 5; i++) {
      const held = h.store.tickets.today().find((t) => t.counterId === '1' && t.status === 'called')!;
      h.store.tickets.act(held.id, 'start', h.key(), advisor);
      h.store.tickets.act(held.id, 'finish', h.key(), advisor);
      h.store.tickets.callNext('1', h.key(), advisor);
    }
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 0, resolved: 1 });
    expect(h.store.alerts.list({ openOnly: true })).toEqual([]);
  });

  it('acknowledges every open alert of a kind at once', () => {
    h.store.alerts.report({ kind: 'printer_fault', key: 'printer_fault:k1', audience: 'desk', subject: { detail: 'paper' } }, false, kiosk);
    h.store.alerts.report({ kind: 'printer_fault', key: 'printer_fault:k2', audience: 'desk', subject: { detail: 'cover' } }, false, kiosk);
    const acked = h.store.alerts.acknowledgeKind('printer_fault', h.key(), advisor);
    expect(acked.result).toHaveLength(2);
    expect(acked.events.map((e) => e.type)).toEqual(['alert.acknowledged', 'alert.acknowledged']);
    expect(h.store.alerts.list({ openOnly: true }).every((a) => a.acknowledgedBy === 'staff:1:Li')).toBe(true);
  });

  it('keeps alerts out of public events', () => {
    h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
    const seq = h.store.lastSeq();
    h.clock.advance(61_000);
    h.store.evaluateAlerts();
    const answer = h.store.sync(seq, h.store.hubId);
    expect(answer.mode === 'events' && answer.events.map((e) => e.type)).toEqual(['private']);
  });
});
