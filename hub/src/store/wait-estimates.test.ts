/**
 * Wait estimates as the hub store gives them (issue #21): learned from the store's own history
 * in its SQLite file, with the counters as they stand. The pure estimator has its own tests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../shared/src/protocol.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const MIN = 60_000;
const issue = (service: string): Ticket => h.store.tickets.issue({ service, idempotencyKey: h.key() }, kiosk).result;
const close = (...ids: string[]): void => {
  for (const id of ids) h.store.tickets.setCounterState(id, 'closed', undefined, h.key(), advisor);
};

/** Serves `count` tickets of a service one after another at counter 1, each taking `minutes`. */
function serve(service: string, count: number, minutes: number): void {
  for (let i = 0; i < count; i++) {
    const t = issue(service);
    h.store.tickets.callNext('1', h.key(), advisor);
    h.clock.advance(minutes * MIN);
    h.store.tickets.act(t.id, 'finish', h.key(), advisor);
  }
}

describe('wait estimates from the hub store', () => {
  it('never says 0 minutes with people ahead, and gives a range around the estimate', () => {
    issue('maintenance');
    issue('maintenance');
    const third = issue('maintenance');
    expect(third.ahead).toBe(2);
    expect(third.estimatedWaitMinutes).toBeGreaterThanOrEqual(1);
    expect(third.estimatedWaitRange!.low).toBeGreaterThanOrEqual(1);
    expect(third.estimatedWaitRange!.high).toBeGreaterThanOrEqual(third.estimatedWaitMinutes!);
  });

  it("cold start: the first customers of the morning get yesterday's typical repair time, not a forgotten finish tap", () => {
    h.clock.set('2026-11-23T01:00:00Z'); // yesterday 09:00
    serve('repair', 10, 25);
    serve('repair', 1, 180); // an advisor forgot to tap "finish" for three hours
    h.clock.set('2026-11-24T00:30:00Z'); // today 08:30, nothing served yet
    close('2', '3');
    issue('repair');
    const second = issue('repair');
    expect(second.ahead).toBe(1);
    // One repair ahead at one counter: about 25 minutes (a plain mean with the outlier would say 39).
    expect(second.estimatedWaitMinutes).toBeGreaterThanOrEqual(20);
    expect(second.estimatedWaitMinutes).toBeLessThanOrEqual(31);
  });

  it('a paused counter counts again after its usual break, instead of no estimate at all', () => {
    close('2', '3');
    h.store.tickets.setCounterState('1', 'paused', 'break', h.key(), advisor);
    const ticket = issue('pickup');
    expect(ticket.estimatedWaitMinutes).not.toBeNull();
    // A break lasts about 15 minutes: the customer hears so, not "now" and not "unknown".
    expect(ticket.estimatedWaitRange!.low).toBeGreaterThanOrEqual(5);
    expect(ticket.estimatedWaitRange!.high).toBeLessThanOrEqual(40);
    close('1');
    expect(h.store.tickets.get(ticket.id).estimatedWaitMinutes).toBeNull();
  });

  it('priority arrivals: where complaints usually come in at this hour, a walk-in is told it may be overtaken', () => {
    // Four previous mornings with a complaint every ten minutes from 09:00 to 10:00.
    for (let day = 20; day <= 23; day++) {
      for (let i = 0; i < 6; i++) {
        h.clock.set(new Date(Date.parse(`2026-11-${day}T01:00:00Z`) + i * 10 * MIN).toISOString());
        const complaint = issue('complaint');
        h.store.tickets.callNext('1', h.key(), advisor);
        h.clock.advance(8 * MIN);
        h.store.tickets.act(complaint.id, 'finish', h.key(), advisor);
      }
    }
    h.clock.set('2026-11-24T01:00:00Z');
    close('2', '3');
    for (let i = 0; i < 3; i++) issue('repair');
    const withComplaints = issue('repair');

    const quiet = testHub();
    for (const id of ['2', '3']) quiet.store.tickets.setCounterState(id, 'closed', undefined, quiet.key(), advisor);
    for (let i = 0; i < 3; i++) quiet.store.tickets.issue({ service: 'repair', idempotencyKey: quiet.key() }, kiosk);
    const withoutComplaints = quiet.store.tickets.issue({ service: 'repair', idempotencyKey: quiet.key() }, kiosk).result;
    expect(withComplaints.ahead).toBe(withoutComplaints.ahead);
    // Three repairs ahead (~24 min): about one complaint every 20 minutes arrives meanwhile and goes first.
    expect(withComplaints.estimatedWaitMinutes! - withoutComplaints.estimatedWaitMinutes!).toBeGreaterThanOrEqual(5);
  });

  it('a counter serving only pickups does not shorten the wait for a repair', () => {
    const h2 = testHub({
      counters: [
        { id: '1', name: { 'zh-CN': '1号', 'zh-TW': '1號', en: '1' }, services: ['pickup'] },
        { id: '2', name: { 'zh-CN': '2号', 'zh-TW': '2號', en: '2' }, services: [] },
      ],
    });
    const issue2 = (service: string): Ticket => h2.store.tickets.issue({ service, idempotencyKey: h2.key() }, kiosk).result;
    issue2('repair');
    issue2('repair');
    const third = issue2('repair');
    // Both repairs ahead go through counter 2 alone: two default services (8 min) before this one.
    expect(third.estimatedWaitMinutes).toBeGreaterThanOrEqual(12);
  });

  it('the public snapshot follows every change at once, and its waits age with the clock between changes', () => {
    close('2', '3');
    serve('repair', 3, 20);
    issue('repair');
    h.store.tickets.callNext('1', h.key(), advisor); // counter 1 starts a ~20-minute repair
    const before = h.store.snapshot();
    expect(before.waits.repair!.estimatedMinutes).toBeGreaterThanOrEqual(15);
    // A change shows in the very next snapshot.
    issue('repair');
    const afterIssue = h.store.snapshot();
    expect(afterIssue.seq).toBeGreaterThan(before.seq);
    expect(afterIssue.waiting.repair).toHaveLength(1);
    // No event for 15 minutes: the repair in progress is nearly done, and the snapshot says so.
    h.clock.advance(15 * MIN);
    const later = h.store.snapshot();
    expect(later.seq).toBe(afterIssue.seq);
    expect(later.waits.repair!.estimatedMinutes!).toBeLessThan(afterIssue.waits.repair!.estimatedMinutes! - 5);
  });
});
