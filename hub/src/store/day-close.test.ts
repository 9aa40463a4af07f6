/** The business day closes at the store's opening time (Asia/Shanghai 08:00 = 00:00Z by default). */
import { beforeEach, describe, expect, it } from 'vitest';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub(); // 2026-11-24 09:00 local
});

const issue = (service = 'maintenance') => {
  h.clock.advance(1000);
  return h.store.tickets.issue({ service, idempotencyKey: h.key() }, kiosk).result;
};
const advisor2 = { ...advisor, id: 2, name: 'Wang' };
const advisor3 = { ...advisor, id: 3, name: 'Zhao' };

/** Yesterday evening: one ticket in each open state, one served. */
function leaveTicketsOpenAtClose() {
  const served = issue();
  const called = issue();
  const serving = issue();
  const parked = issue();
  const waiting = issue();
  h.store.tickets.callNext('1', h.key(), advisor);
  h.store.tickets.act(served.id, 'start', h.key(), advisor);
  h.store.tickets.act(served.id, 'finish', h.key(), advisor);
  h.store.tickets.callNext('1', h.key(), advisor); // called, never started
  h.store.tickets.callNext('2', h.key(), advisor2);
  h.store.tickets.act(serving.id, 'start', h.key(), advisor2);
  h.store.tickets.callNext('3', h.key(), advisor3);
  h.store.tickets.act(parked.id, 'start', h.key(), advisor3);
  h.store.tickets.act(parked.id, 'park', h.key(), advisor3);
  h.clock.advance(120_000);
  h.store.evaluateAlerts(); // the waiting ticket raises a greeting alert
  return { served, called, serving, parked, waiting };
}

describe('closing a business day', () => {
  it('expires every ticket left open, frees the counters, resolves the alerts, and keeps yesterday’s figures', () => {
    const t = leaveTicketsOpenAtClose();
    const statsBefore = h.store.dayStats('2026-11-24');
    expect(h.store.alerts.list({ openOnly: true }).length).toBeGreaterThan(0);

    h.clock.set('2026-11-25T00:00:30Z'); // 08:00:30 local, the next business day
    const closed = h.store.closeEarlierDays();
    expect(closed.result.expired).toBe(4);
    expect(closed.events.filter((e) => e.type === 'ticket.expired').map((e) => ('ticket' in e ? e.ticket.number : ''))).toEqual(
      [t.called, t.serving, t.parked, t.waiting].map((x) => x.number),
    );

    for (const open of [t.called, t.serving, t.parked, t.waiting]) expect(h.store.tickets.get(open.id).status).toBe('expired');
    expect(h.store.tickets.get(t.served.id).status).toBe('done');
    expect(h.store.tickets.counterStatuses().map((c) => c.ticketNumber)).toEqual([null, null, null]);
    expect(h.store.alerts.list({ openOnly: true })).toEqual([]);
    // Nothing of yesterday counted as served, and yesterday's figures are intact.
    const statsAfter = h.store.dayStats('2026-11-24');
    expect(statsAfter.served).toBe(1);
    expect(statsAfter.expired).toBe(4);
    expect({ ...statsAfter, expired: 0 }).toEqual({ ...statsBefore, expired: 0 });
    // A second run finds nothing.
    expect(h.store.closeEarlierDays().result.expired).toBe(0);
  });

  it('never lets a ticket of yesterday be finished as served by today’s first call', () => {
    const t = leaveTicketsOpenAtClose();
    h.clock.set('2026-11-25T00:05:00Z');
    // Even before the close has run, today's queue, counters and calls ignore yesterday.
    expect(h.store.snapshot().waiting.maintenance).toEqual([]);
    expect(h.store.tickets.counterStatuses().map((c) => c.ticketNumber)).toEqual([null, null, null]);
    const today = issue();
    const call = h.store.tickets.callNext('1', h.key(), advisor);
    expect(call.result?.number).toBe(today.number);
    expect(call.events.map((e) => e.type)).toEqual(['ticket.called']);
    expect(h.store.tickets.get(t.called.id).status).not.toBe('done');
  });

  it('closes on start-up when the hub was down across the boundary', () => {
    const t = leaveTicketsOpenAtClose();
    h.clock.set('2026-11-26T03:00:00Z'); // down for more than a day
    h.reopen();
    h.store.startUp();
    expect(h.store.tickets.get(t.waiting.id).status).toBe('expired');
    expect(h.db.prepare(`SELECT COUNT(*) FROM tickets WHERE status IN ('waiting', 'called', 'serving', 'parked')`).pluck().get()).toBe(0);
    expect(h.db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'day.close'`).pluck().get()).toBe(1);
  });
});
