/**
 * Staff consoles keep their state by applying staff events (issue #17 item 3): a busy stretch of
 * real store operations, applied event by event to the snapshot taken before it, gives what a
 * fresh snapshot taken after it shows — tickets, jobs, open alerts, counters and the public
 * queue — except the per-ticket `ahead` and estimates that no event carries for other tickets.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { applyStaffEvent } from '../../../shared/src/client/staff-state.ts';
import { ticketOrder } from '../../../shared/src/calling-order.ts';
import type { StaffEvent, StaffSnapshot, Ticket } from '../../../shared/src/protocol.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const comparable = (s: StaffSnapshot) => ({
  ...s,
  queue: { ...s.queue, waits: undefined, jobs: [...s.queue.jobs].sort((a, b) => a.publicId.localeCompare(b.publicId)) },
  tickets: s.tickets.map(({ ahead: _a, estimatedWaitMinutes: _e, estimatedWaitRange: _r, ...t }) => t),
  // An open alert's figures (how many wait) follow the state without events: consoles count live.
  alerts: [...s.alerts].sort((a, b) => a.id - b.id).map(({ subject: _figures, ...a }) => a),
  jobs: s.jobs.map((j) => ({ ...j, overdue: undefined, estimatedReadyAt: undefined })),
});

function replay(from: StaffSnapshot, events: StaffEvent[]): StaffSnapshot {
  let state = from;
  for (const event of events) {
    const next = applyStaffEvent(state, event);
    if (!next) throw new Error(`asked for a snapshot at ${event.type} ${event.seq}`);
    state = next;
  }
  return state;
}

describe('staff events applied to a staff snapshot', () => {
  it('after a busy stretch, equal what a fresh snapshot shows', () => {
    for (let i = 0; i < 6; i++) h.store.tickets.issue({ service: i % 2 ? 'repair' : 'maintenance', idempotencyKey: h.key() }, kiosk);
    const before = h.store.staffSnapshot();
    const seq = before.queue.seq;

    const complaint = h.store.tickets.issue({ service: 'complaint', idempotencyKey: h.key() }, kiosk).result;
    h.clock.advance(70_000);
    const greeting = h.store.evaluateAlerts().events.find((e) => e.type === 'alert.raised')!; // tickets waiting past the limit
    h.store.alerts.acknowledge((greeting as Extract<StaffEvent, { alert: unknown }>).alert.id, h.key(), advisor);
    const first = h.store.tickets.callNext('1', h.key(), advisor).result!;
    expect(first.id).toBe(complaint.id); // the complaint's head start puts it first
    h.store.tickets.act(first.id, 'start', h.key(), advisor);
    h.store.tickets.setCounterState('2', 'paused', 'break', h.key(), advisor);
    h.clock.advance(5_000);
    h.store.tickets.act(first.id, 'finish', h.key(), advisor);
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.evaluateAlerts(); // the called ticket's alert resolves
    h.store.tickets.issue({ service: 'pickup', idempotencyKey: h.key() }, kiosk);

    const events = h.store.staffEventsSince(seq);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['alert.raised', 'alert.acknowledged', 'counter.state', 'case.opened']));
    const applied = replay(before, events);
    const fresh = h.store.staffSnapshot();
    expect(comparable(applied)).toEqual(comparable(fresh));
    // Ordered with the hub's calling order, the console's waiting list is the hub's.
    const waiting = (s: StaffSnapshot): string[] =>
      s.tickets
        .filter((t: Ticket) => t.status === 'waiting')
        .sort(ticketOrder(s.headStarts))
        .map((t) => t.number);
    expect(waiting(applied)).toEqual(waiting(fresh));
    expect(waiting(fresh)).toEqual(
      [...fresh.tickets]
        .filter((t) => t.status === 'waiting')
        .sort((a, b) => a.ahead - b.ahead)
        .map((t) => t.number),
    );
  });

  it('follows a vehicle through the workshop; its arrival in the drive asks for a fresh bay view', () => {
    const job = h.store.jobs.create(
      {
        plate: '粤B12345',
        model: '凯美瑞',
        surname: '王',
        title: '先生',
        services: ['repair'],
        promisedAt: '2026-11-24T08:00:00Z',
        wash: false,
        idempotencyKey: h.key(),
      },
      advisor,
    ).result;
    const arrived = h.store.staffEventsSince(0).find((e) => e.type === 'arrival.registered')!;
    expect(applyStaffEvent(h.store.staffSnapshot(), { ...arrived, seq: h.store.lastSeq() + 1 })).toBeNull();
    h.store.jobs.move(job.id, 'waiting', h.key(), advisor);
    const before = h.store.staffSnapshot();
    h.clock.advance(60_000);
    h.store.jobs.move(job.id, 'repair', h.key(), advisor);
    h.clock.advance(60_000);
    h.store.jobs.move(job.id, 'qc', h.key(), advisor);
    const events = h.store.staffEventsSince(before.queue.seq);
    expect(events.map((e) => e.type)).toEqual(['job.updated', 'job.updated']);
    expect(comparable(replay(before, events))).toEqual(comparable(h.store.staffSnapshot()));
  });

  it('asks for a snapshot after a gap, a settings change, a new business day or an unknown event', () => {
    const before = h.store.staffSnapshot();
    h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
    h.store.tickets.issue({ service: 'repair', idempotencyKey: h.key() }, kiosk);
    const [a, b] = h.store.staffEventsSince(before.queue.seq);
    expect(applyStaffEvent(before, b!)).toBeNull(); // a gap
    const afterA = applyStaffEvent(before, a!)!;
    expect(applyStaffEvent(afterA, a!)).toBe(afterA); // a replayed event changes nothing
    expect(applyStaffEvent(afterA, { seq: b!.seq, at: b!.at, type: 'settings.updated' })).toBeNull();
    expect(applyStaffEvent(afterA, { ...b!, type: 'arrival.registered' } as unknown as StaffEvent)).toBeNull();
    const tomorrow = { ...b!, ticket: { ...(b as Extract<StaffEvent, { ticket: Ticket }>).ticket, businessDay: '2026-11-25' } } as StaffEvent;
    expect(applyStaffEvent(afterA, tomorrow)).toBeNull();
  });
});
