import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAD_STARTS, type WaitingTicket } from './queue.ts';
import { estimateWait, estimateWaits, shownMinutes, type CounterNow, type QueueModel } from './wait-estimate.ts';

const NOW = Date.parse('2026-11-24T01:00:00Z');
const MIN = 60;
let ids = 0;
const ticket = (service: string, minutesAgo = 0, ticketClass: WaitingTicket['ticketClass'] = 'walkin'): WaitingTicket => ({
  id: ++ids,
  number: `X${ids}`,
  service,
  ticketClass,
  issuedAt: NOW - minutesAgo * 60_000,
});
const open = (id: string, services: string[] = []): CounterNow => ({ id, services, state: 'open', busy: null });

/** Durations known well (many samples), so the range reflects service times, not ignorance. */
const known = { median: 0, sigma: 0.3, weight: 200 };
function model(waiting: WaitingTicket[], counters: CounterNow[], extra: Partial<QueueModel> = {}): QueueModel {
  return {
    now: NOW,
    waiting,
    counters,
    durations: { repair: { ...known, median: 18 * MIN }, pickup: { ...known, median: 6 * MIN }, complaint: { ...known, median: 15 * MIN } },
    fallback: { median: 8 * MIN, sigma: 0.55, weight: 0 },
    headStarts: DEFAULT_HEAD_STARTS,
    ...extra,
  };
}
const minutes = (seconds: number | undefined): number => (seconds ?? NaN) / 60;

describe('estimateWait', () => {
  it('hands the tickets ahead to whichever counter frees up first', () => {
    const waiting = [ticket('repair', 3), ticket('repair', 2), ticket('repair', 1)];
    const self = ticket('repair');
    // Two idle counters take the first two repairs; the third goes to whichever frees first (~18 min),
    // and this ticket to the next one free after that (~18 min as well, the other counter).
    const estimate = estimateWait(self, model([...waiting, self], [open('1'), open('2')]))!;
    expect(minutes(estimate.seconds)).toBeGreaterThan(14);
    expect(minutes(estimate.seconds)).toBeLessThan(24);
    expect(estimate.low).toBeLessThanOrEqual(estimate.seconds);
    expect(estimate.high).toBeGreaterThanOrEqual(estimate.seconds);
    // Nobody ahead and a counter free: called at once.
    const first = ticket('repair');
    expect(estimateWait(first, model([first], [open('1')]))!.seconds).toBe(0);
  });

  it('gives the same answer for the same queue (seeded), so the screen and the ticket agree', () => {
    const waiting = [ticket('repair', 2), ticket('pickup', 1)];
    const self = ticket('repair');
    const queue = model([...waiting, self], [open('1')]);
    expect(estimateWait(self, queue)).toEqual(estimateWait(self, queue));
  });

  it('adds what is left of a service in progress, and more than nothing when it overruns', () => {
    const self = ticket('pickup');
    const busy = (elapsedMinutes: number): CounterNow => ({ ...open('1'), busy: { service: 'repair', elapsedSeconds: elapsedMinutes * MIN } });
    const early = estimateWait(self, model([self], [busy(2)]))!;
    const late = estimateWait(self, model([self], [busy(60)]))!;
    expect(minutes(early.seconds)).toBeGreaterThan(12);
    expect(minutes(early.seconds)).toBeLessThan(20);
    expect(late.seconds).toBeGreaterThan(0);
    expect(late.seconds).toBeLessThan(early.seconds);
  });

  it('cold start: a service with no model uses the default with a wider range', () => {
    const waiting = [ticket('enquiry', 2), ticket('enquiry', 1)];
    const self = ticket('enquiry');
    const cold = estimateWait(self, model([...waiting, self], [open('1')]))!;
    // Two enquiries of ~8 min each (the default) before this one.
    expect(minutes(cold.seconds)).toBeGreaterThan(12);
    expect(minutes(cold.seconds)).toBeLessThan(22);
    const learned = estimateWait(self, model([...waiting, self], [open('1')], { durations: { enquiry: { median: 8 * MIN, sigma: 0.3, weight: 200 } } }))!;
    expect(cold.high - cold.low).toBeGreaterThan(learned.high - learned.low);
  });

  it('a paused counter comes back after the usual length of its pause; a closed one never', () => {
    const self = ticket('repair');
    const paused: CounterNow = { ...open('1'), state: 'paused', pause: { elapsedSeconds: 5 * MIN, usualSeconds: 15 * MIN } };
    const estimate = estimateWait(self, model([self], [paused]))!;
    expect(minutes(estimate.seconds)).toBeGreaterThan(6);
    expect(minutes(estimate.seconds)).toBeLessThan(14);
    expect(estimate.low).toBeGreaterThan(0);
    expect(estimateWait(self, model([self], [{ ...paused, state: 'closed' }]))).toBeNull();
    // With another counter open, the paused one still helps with the tickets ahead.
    const ahead = [ticket('repair', 3), ticket('repair', 2)];
    const withPaused = estimateWait(self, model([...ahead, self], [open('2'), paused]))!;
    const alone = estimateWait(self, model([...ahead, self], [open('2')]))!;
    expect(withPaused.seconds).toBeLessThan(alone.seconds);
  });

  it('priority arrivals: complaints likely to arrive soon overtake a waiting walk-in, not a complaint', () => {
    const ahead = [ticket('repair', 2)];
    const self = ticket('repair');
    const counters = [open('1')];
    const quiet = estimateWait(self, model([...ahead, self], counters))!;
    // One complaint every 10 minutes: during this ticket's 30-minute window about three arrive.
    const overtaking = [{ service: 'complaint', ticketClass: 'priority' as const, perMinute: 0.1 }];
    const busy = estimateWait(self, model([...ahead, self], counters, { overtaking }))!;
    expect(minutes(busy.seconds) - minutes(quiet.seconds)).toBeGreaterThan(10);
    // A waiting complaint is ahead of the walk-ins at once.
    const complaint = ticket('complaint', 0, 'priority');
    const asComplaint = estimateWait(complaint, model([...ahead, self, complaint], counters, { overtaking }))!;
    expect(asComplaint.seconds).toBe(0);
  });

  it('a counter serving only some services takes only those tickets', () => {
    const ahead = [ticket('repair', 3), ticket('repair', 2)];
    const self = ticket('repair');
    const both = estimateWait(self, model([...ahead, self], [open('1'), open('2')]))!;
    const pickupOnly = estimateWait(self, model([...ahead, self], [open('1', ['pickup']), open('2')]))!;
    // Alone at counter 2, this repair waits for both repairs ahead (~36 min), not one (~18).
    expect(minutes(both.seconds)).toBeLessThan(24);
    expect(minutes(pickupOnly.seconds)).toBeGreaterThan(30);
    // Pickups ahead are shared with the pickup counter, so a repair at counter 2 waits for fewer of them.
    const pickups = [ticket('pickup', 4), ticket('pickup', 3), ticket('pickup', 2)];
    const self2 = ticket('repair');
    const withPickups = estimateWait(self2, model([...pickups, self2], [open('1', ['pickup']), open('2')]))!;
    const counter2Alone = estimateWait(self2, model([...pickups, self2], [open('2')]))!;
    expect(minutes(counter2Alone.seconds)).toBeGreaterThan(15);
    expect(minutes(withPickups.seconds)).toBeLessThan(12);
    // Nobody open may call it: no estimate.
    expect(estimateWait(self2, model([self2], [open('1', ['pickup'])]))).toBeNull();
  });

  it("an advisor's slow pace lengthens the wait behind their counter", () => {
    const ahead = [ticket('repair', 2)];
    const self = ticket('repair');
    const usual = estimateWait(self, model([...ahead, self], [open('1')]))!;
    const slow = estimateWait(self, model([...ahead, self], [{ ...open('1'), pace: 1.5 }]))!;
    expect(slow.seconds / usual.seconds).toBeGreaterThan(1.3);
  });
});

describe('shownMinutes', () => {
  it('never shows 0 with people ahead, and rounds long ranges to fives', () => {
    expect(shownMinutes({ seconds: 10, low: 0, high: 40 }, 2)).toEqual({ minutes: 1, low: 1, high: 2 });
    expect(shownMinutes({ seconds: 0, low: 0, high: 0 }, 0)).toEqual({ minutes: 0, low: 0, high: 0 });
    expect(shownMinutes({ seconds: 29 * 60, low: 23 * 60, high: 33 * 60 }, 4)).toEqual({ minutes: 29, low: 25, high: 35 });
    expect(shownMinutes({ seconds: 7 * 60, low: 4.6 * 60, high: 10.2 * 60 }, 1)).toEqual({ minutes: 7, low: 5, high: 10 });
  });
});

describe('estimateWaits (the whole queue at once)', () => {
  it("agrees with each ticket's own estimate, so the staff list and the ticket tell the same story", () => {
    const waiting = Array.from({ length: 14 }, (_, i) => ticket(i % 3 === 0 ? 'pickup' : 'repair', 30 - i * 2));
    const counters = [open('1'), open('2', ['pickup']), open('3')];
    const queue = model(waiting, counters);
    const all = estimateWaits(queue);
    expect(all.size).toBe(waiting.length);
    for (const t of waiting) {
      const alone = estimateWait(t, queue)!;
      const joint = all.get(t.id)!;
      // Different random draws: the medians agree within sampling noise, not to the second.
      expect(Math.abs(joint.seconds - alone.seconds)).toBeLessThanOrEqual(Math.max(90, alone.seconds * 0.15));
    }
    // Later in the queue never waits less.
    const seconds = waiting.filter((t) => t.service === 'repair').map((t) => all.get(t.id)!.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
  });

  it('a probe (a would-be new ticket) takes no counter time: two probes of one service wait alike', () => {
    const waiting = [ticket('repair', 5), ticket('repair', 4)];
    const probeA = { ...ticket('repair'), id: 1_000_001 };
    const probeB = { ...ticket('repair'), id: 1_000_002 };
    const all = estimateWaits(model(waiting, [open('1')]), [probeA, probeB]);
    expect(all.get(probeA.id)!.seconds).toBeGreaterThan(30 * MIN);
    expect(all.get(probeB.id)).toEqual(all.get(probeA.id));
  });

  it('no counter may call it: no estimate for that ticket, the others still get one', () => {
    const pickup = ticket('pickup', 2);
    const repair = ticket('repair', 1);
    const all = estimateWaits(model([pickup, repair], [open('1', ['repair'])]));
    expect(all.get(pickup.id)).toBeNull();
    expect(all.get(repair.id)!.seconds).toBe(0);
  });
});
