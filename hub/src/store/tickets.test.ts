import { beforeEach, describe, expect, it } from 'vitest';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const issue = (service: string, extra: { plate?: string; phone?: string; appointmentCode?: string; notifyConsent?: boolean } = {}) => {
  h.clock.advance(1000);
  return h.store.tickets.issue({ service, idempotencyKey: h.key(), ...extra }, kiosk).result;
};
const callNext = (counter: string, actor = advisor) => h.store.tickets.callNext(counter, h.key(), actor);
const act = (id: number, action: 'recall' | 'start' | 'finish' | 'no-show' | 'cancel') => h.store.tickets.act(id, action, h.key(), advisor);

describe('issuing', () => {
  it('numbers per service prefix and counts people ahead', () => {
    const [a1, a2, b1] = [issue('maintenance'), issue('maintenance'), issue('repair')];
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect([a1.ahead, a2.ahead, b1.ahead]).toEqual([0, 1, 2]);
    expect(a1.trackingToken).toMatch(/^[0-9a-f]{32}$/);
    expect(a1.trackingToken).not.toBe(a2.trackingToken);
  });

  it('returns the same ticket for a repeated idempotency key and stores nothing new', () => {
    const first = h.store.tickets.issue({ service: 'repair', plate: '粤B12345', idempotencyKey: 'same-key-1' }, kiosk);
    const seq = h.store.lastSeq();
    const again = h.store.tickets.issue({ service: 'repair', plate: '粤B12345', idempotencyKey: 'same-key-1' }, kiosk);
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual([]);
    expect(again.result).toEqual(first.result);
    expect(h.store.lastSeq()).toBe(seq);
    expect(h.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
  });

  it('refuses a reused key with a different request, changing nothing', () => {
    h.store.tickets.issue({ service: 'repair', idempotencyKey: 'same-key-2' }, kiosk);
    expect(() => h.store.tickets.issue({ service: 'pickup', idempotencyKey: 'same-key-2' }, kiosk)).toThrow(/already used for a different request/);
    expect(h.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
  });

  it('rejects an unknown service and changes nothing', () => {
    expect(() => h.store.tickets.issue({ service: 'teleport', idempotencyKey: h.key() }, kiosk)).toThrow(/unknown service "teleport"/);
    expect(h.store.lastSeq()).toBe(0);
    expect(h.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('restarts numbering at opening time, not at midnight', () => {
    h.clock.set('2026-11-24T15:00:00Z'); // 23:00 local
    expect(issue('maintenance').number).toBe('A001');
    h.clock.set('2026-11-24T23:30:00Z'); // 07:30 next morning: still yesterday's business day
    expect(issue('maintenance').number).toBe('A002');
    h.clock.set('2026-11-25T00:01:00Z'); // 08:01: a new day
    const fresh = issue('maintenance');
    expect([fresh.number, fresh.businessDay]).toEqual(['A001', '2026-11-25']);
  });

  it('continues numbering after the database is closed and reopened', () => {
    issue('maintenance');
    issue('maintenance');
    h.reopen();
    expect(issue('maintenance').number).toBe('A003');
  });

  it('makes an on-time appointment check-in an appointment ticket, once', () => {
    const appointment = h.store.createAppointment({ service: 'maintenance', scheduledAt: '2026-11-24T01:10:00Z', idempotencyKey: h.key() }, advisor).result;
    const walkin = issue('maintenance');
    const checkin = issue('maintenance', { appointmentCode: appointment.code });
    expect(checkin.ticketClass).toBe('appointment');
    expect(checkin.ahead).toBe(0);
    expect(walkin.ticketClass).toBe('walkin');
    expect(() => issue('maintenance', { appointmentCode: appointment.code })).toThrow(/already checked in/);
    expect(() => issue('maintenance', { appointmentCode: 'NOSUCH123' })).toThrow(/no appointment NOSUCH123/);
  });

  it('records who issued it in the audit log', () => {
    issue('pickup');
    expect(h.db.prepare('SELECT actor, action FROM audit_log').get()).toEqual({ actor: 'device:1:kiosk 1', action: 'ticket.issue' });
  });
});

describe('calling and the lifecycle', () => {
  it('calls complaints first, then in order, finishing what the counter served', () => {
    const a1 = issue('maintenance');
    const b1 = issue('repair');
    const h1 = issue('complaint');
    const first = callNext('1');
    expect(first.result?.number).toBe(h1.number);
    expect(first.events.map((e) => e.type)).toEqual(['ticket.called']);
    act(h1.id, 'start');
    const second = callNext('1');
    expect(second.result?.number).toBe(a1.number);
    expect(second.events.map((e) => e.type)).toEqual(['ticket.finished', 'ticket.called']);
    act(a1.id, 'start');
    expect(h.store.tickets.callNext('2', h.key(), { ...advisor, id: 2 }).result?.number).toBe(b1.number);
    expect(h.store.tickets.callNext('3', h.key(), { ...advisor, id: 3 }).result).toBeNull();
  });

  it('never gives one ticket to two counters; an advisor holding a ticket elsewhere is told where', () => {
    issue('maintenance');
    issue('maintenance');
    expect(callNext('1').result?.number).toBe('A001');
    act(1, 'start');
    // The same advisor calls at another counter: refused, naming the counter and the ticket.
    const seq = h.store.lastSeq();
    expect(() => callNext('2')).toThrow(expect.objectContaining({ status: 409, code: 'held_elsewhere', message: expect.stringMatching(/A001.*counter 1/) }));
    expect(h.store.tickets.get(1).status).toBe('serving');
    expect(h.store.lastSeq()).toBe(seq);
    expect(h.store.tickets.callNext('3', h.key(), { ...advisor, id: 2 }).result?.number).toBe('A002');
  });

  it('never records a ticket that was never started as served: call next needs an outcome for it', () => {
    const a1 = issue('maintenance');
    const a2 = issue('maintenance');
    const a3 = issue('maintenance');
    const a4 = issue('maintenance');
    callNext('1'); // A001 called, never started
    const seq = h.store.lastSeq();
    expect(() => callNext('1')).toThrow(expect.objectContaining({ status: 409, code: 'held_not_started', message: expect.stringMatching(/A001/) }));
    expect(h.store.lastSeq()).toBe(seq);
    expect(h.store.tickets.get(a1.id).status).toBe('called');

    // No-show: A001 recorded as no-show, A002 called.
    const noShow = h.store.tickets.callNext('1', h.key(), advisor, 'no_show');
    expect(noShow.events.map((e) => e.type)).toEqual(['ticket.no_show', 'ticket.called']);
    expect(h.store.tickets.get(a1.id).status).toBe('no_show');
    // Back to the queue: A002 waits again in its place (by issue time); A003 is called now.
    const back = h.store.tickets.callNext('1', h.key(), advisor, 'requeue');
    expect(back.events.map((e) => e.type)).toEqual(['ticket.requeued', 'ticket.called']);
    expect(back.result?.number).toBe(a3.number);
    expect(h.store.tickets.get(a2.id)).toMatchObject({ status: 'waiting', ahead: 0 });
    // Served (the advisor says so): recorded as done, with the advisor's word in the audit log; A002 is next.
    const served = h.store.tickets.callNext('1', h.key(), advisor, 'served');
    expect(served.events.map((e) => e.type)).toEqual(['ticket.finished', 'ticket.called']);
    expect(h.store.tickets.get(a3.id).status).toBe('done');
    expect(served.result?.number).toBe(a2.number);
    expect(h.db.prepare(`SELECT detail FROM audit_log WHERE action = 'ticket.call-next' ORDER BY id DESC LIMIT 1`).pluck().get()).toMatch(
      /"heldOutcome":"served"/,
    );
    expect(a4.status).toBe('waiting');
  });

  it('walks a ticket through start and finish, and refuses illegal transitions', () => {
    const t = issue('repair');
    expect(() => act(t.id, 'start')).toThrow(/cannot start a ticket that is waiting/);
    callNext('1');
    expect(act(t.id, 'start').result.status).toBe('serving');
    expect(act(t.id, 'finish').result.status).toBe('done');
    const seq = h.store.lastSeq();
    expect(() => act(t.id, 'recall')).toThrow(/cannot recall a ticket that is done/);
    expect(h.store.lastSeq()).toBe(seq);
  });

  it('recalls with a pause, and marks no-show only after enough calls and time', () => {
    const t = issue('repair');
    callNext('1');
    expect(() => act(t.id, 'recall')).toThrow(/recall again after 5 s/);
    h.clock.advance(6000);
    expect(act(t.id, 'recall').events[0]!.type).toBe('ticket.recalled');
    h.clock.advance(6000);
    expect(() => act(t.id, 'no-show')).toThrow(/needs at least 3 calls/);
    expect(act(t.id, 'recall').result.calls).toBe(3);
    expect(() => act(t.id, 'no-show')).toThrow(/wait 30 s/);
    h.clock.advance(30_000);
    expect(act(t.id, 'no-show').result.status).toBe('no_show');
  });

  it('transfers to another service keeping the place by issue time', () => {
    const early = issue('maintenance');
    issue('repair');
    callNext('1'); // calls A001
    const moved = h.store.tickets.transfer(early.id, { service: 'repair', idempotencyKey: h.key() }, advisor).result;
    expect(moved).toMatchObject({ status: 'waiting', service: 'repair', number: 'A001', ahead: 0 });
    expect(h.store.snapshot().waiting.repair).toEqual(['A001', 'B001']);
  });

  it('transfers to one counter: only that counter calls it', () => {
    const t = issue('maintenance');
    h.store.tickets.transfer(t.id, { counterId: '3', idempotencyKey: h.key() }, advisor);
    expect(callNext('1').result).toBeNull();
    expect(callNext('3').result?.number).toBe(t.number);
  });

  it('cancels a waiting ticket', () => {
    const t = issue('enquiry');
    expect(act(t.id, 'cancel').result.status).toBe('cancelled');
    expect(h.store.snapshot().waiting.enquiry).toEqual([]);
  });

  it('does not call from a paused counter, and counts it back only after its usual pause', () => {
    issue('repair');
    issue('repair');
    const before = h.store.tickets.waits().repair!.estimatedMinutes!;
    h.store.tickets.setCounterState('2', 'paused', 'break', h.key(), advisor);
    h.store.tickets.setCounterState('3', 'closed', undefined, h.key(), advisor);
    expect(() => callNext('2')).toThrow(/counter 2 is paused/);
    expect(h.store.tickets.waits().repair!.estimatedMinutes).toBeGreaterThan(before);
    h.store.tickets.setCounterState('1', 'closed', undefined, h.key(), advisor);
    // Only the paused counter is left: it is back after a usual break, so there is a wait, not none.
    expect(h.store.tickets.waits().repair!.estimatedMinutes).toBeGreaterThan(before);
    h.store.tickets.setCounterState('2', 'closed', undefined, h.key(), advisor);
    expect(h.store.tickets.waits().repair!.estimatedMinutes).toBeNull();
  });

  it('estimates from recent service durations', () => {
    // Two repairs of 20 minutes each at counter 1 teach the hub how long a repair takes.
    for (let i = 0; i < 2; i++) {
      const t = issue('repair');
      callNext('1');
      h.clock.advance(20 * 60_000);
      act(t.id, 'finish');
    }
    for (const id of ['2', '3']) h.store.tickets.setCounterState(id, 'closed', undefined, h.key(), advisor);
    issue('repair');
    const third = issue('repair');
    expect(third.ahead).toBe(1);
    // Two samples move the estimate well away from the 8-minute default, and the range holds them.
    expect(third.estimatedWaitMinutes).toBeGreaterThan(12);
    expect(third.estimatedWaitRange!.low).toBeLessThanOrEqual(20);
    expect(third.estimatedWaitRange!.high).toBeGreaterThanOrEqual(20);
  });
});

describe('offline number blocks', () => {
  it('reconciles an offline ticket whose request the hub had already answered online: the printed number is the one called', () => {
    h.store.tickets.reserveBlocks(10, h.key(), kiosk);
    // The hub committed A011 but its answer reached the kiosk too late; the kiosk printed A001 offline with the same key.
    const online = h.store.tickets.issue({ service: 'maintenance', plate: '粤B12345', idempotencyKey: 'slow-reply-1' }, kiosk).result;
    expect(online.number).toBe('A011');
    const offline = { number: 'A001', service: 'maintenance', plate: '粤B12345', issuedAt: h.clock.now().toISOString(), idempotencyKey: 'slow-reply-1' };
    const sync = h.store.tickets.syncOffline({ tickets: [offline] }, kiosk);
    expect(sync.results[0]).toMatchObject({ ok: true, ticket: { number: 'A001', status: 'waiting', origin: 'offline' } });
    // The car's arrival (registered by the online ticket) now names the printed one.
    expect(sync.events.map((e) => e.type)).toEqual(['ticket.void', 'ticket.issued', 'arrival.updated']);
    expect(h.store.tickets.get(online.id)).toMatchObject({ status: 'void' });
    expect(h.db.prepare('SELECT closed_reason FROM tickets WHERE id = ?').pluck().get(online.id)).toMatch(/A001/);
    expect(h.store.snapshot().waiting.maintenance).toEqual(['A001']);
    expect(callNext('1').result?.number).toBe('A001');
    const audit = h.db.prepare(`SELECT action, target FROM audit_log WHERE action = 'ticket.reconcile'`).all();
    expect(audit).toEqual([{ action: 'ticket.reconcile', target: 'A001' }]);
    // Sent again (the kiosk did not hear the answer): nothing changes.
    const again = h.store.tickets.syncOffline({ tickets: [offline] }, kiosk);
    expect(again.results[0]).toMatchObject({ ok: true, ticket: { number: 'A001' } });
    expect(again.events).toEqual([]);
    expect(h.store.tickets.today().filter((t) => t.status !== 'void')).toHaveLength(1);
  });

  it('registers the arrival of an offline ticket with a plate as an online one does, from the time it was issued', () => {
    h.store.tickets.reserveBlocks(10, h.key(), kiosk);
    const issuedAt = h.clock.now().toISOString();
    h.clock.advance(25 * 60_000); // the hub was down 25 minutes
    const offline = (number: string, service: string, plate?: string) => ({
      number,
      service,
      issuedAt,
      ...(plate ? { plate } : {}),
      idempotencyKey: `offline-${number}`,
    });
    const sync = h.store.syncOffline(
      {
        tickets: [
          offline('A001', 'maintenance', '粤B10001'),
          offline('F001', 'pickup', '粤B10002'), // collects a car: does not drive in
          offline('H001', 'complaint', '粤B10003'),
          { ...offline('B001', 'repair'), phone: '13812345678', notifyConsent: true, language: 'en' as const },
        ],
      },
      kiosk,
    );
    expect(sync.results.map((r) => r.ok)).toEqual([true, true, true, true]);
    const arrivals = h.store.arrivals.open();
    expect(arrivals.map((a) => [a.plate, a.source, a.arrivedAt])).toEqual([['粤B10001', 'kiosk', issuedAt]]);
    expect(arrivals[0]!.ticketId).toBe(sync.results[0]!.ok ? sync.results[0]!.ticket.id : -1);
    expect(sync.events.map((e) => e.type)).toContain('arrival.registered');
    // The car has been in the drive since it was issued: the dwell rule sees 25 minutes.
    h.store.evaluateAlerts();
    expect(h.store.alerts.list({ openOnly: true }).map((a) => a.kind)).toEqual(expect.arrayContaining(['preinspection_dwell', 'complaint_case']));
    // A complaint taken offline opens its case like one taken online.
    expect(h.store.cases.openCases()).toHaveLength(1);
    expect(h.db.prepare(`SELECT phone, language FROM tickets WHERE number = 'B001'`).get()).toEqual({ phone: '13812345678', language: 'en' });
  });

  it('moves the arrival to the offline ticket when it replaces one the hub had answered online', () => {
    h.store.tickets.reserveBlocks(10, h.key(), kiosk);
    const online = h.store.tickets.issue({ service: 'maintenance', plate: '粤B12345', idempotencyKey: 'slow-reply-2' }, kiosk).result;
    const offline = { number: 'A001', service: 'maintenance', plate: '粤B12345', issuedAt: h.clock.now().toISOString(), idempotencyKey: 'slow-reply-2' };
    const synced = h.store.tickets.syncOffline({ tickets: [offline] }, kiosk).results[0]!;
    const arrivals = h.store.arrivals.open();
    expect(arrivals).toHaveLength(1);
    expect(arrivals[0]!.ticketId).not.toBe(online.id);
    expect(arrivals[0]!.ticketId).toBe(synced.ok ? synced.ticket.id : -1);
  });

  it('raises a desk alert naming every offline number it refuses', () => {
    h.store.tickets.reserveBlocks(10, h.key(), kiosk);
    const outside = { number: 'A050', service: 'maintenance', issuedAt: h.clock.now().toISOString(), idempotencyKey: 'outside-block' };
    const sync = h.store.syncOffline({ tickets: [outside] }, kiosk);
    expect(sync.results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/A050/) });
    const alerts = h.store.alerts.list({ openOnly: true });
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'offline_ticket_refused', audience: 'desk', subject: expect.objectContaining({ number: 'A050' }) }),
    ]);
    expect(sync.events.map((e) => e.type)).toEqual(['alert.raised']);
  });

  it('reserves numbers the hub then skips, and takes offline tickets from them exactly once', () => {
    const blocks = h.store.tickets.reserveBlocks(10, h.key(), kiosk).result;
    const a = blocks.find((b) => b.prefix === 'A')!;
    expect([a.first, a.last]).toEqual([1, 10]);
    expect(issue('maintenance').number).toBe('A011');
    const offline = { number: 'A003', service: 'maintenance', issuedAt: h.clock.now().toISOString(), idempotencyKey: 'offline-a003' };
    const first = h.store.tickets.syncOffline({ tickets: [offline] }, kiosk).results[0]!;
    expect(first).toMatchObject({ ok: true, ticket: { number: 'A003', origin: 'offline', status: 'waiting' } });
    const again = h.store.tickets.syncOffline({ tickets: [offline] }, kiosk).results[0]!;
    expect(again).toMatchObject({ ok: true, ticket: { id: (first as { ticket: { id: number } }).ticket.id } });
    expect(h.db.prepare(`SELECT COUNT(*) FROM tickets WHERE number = 'A003'`).pluck().get()).toBe(1);
  });

  it('refuses offline numbers outside the kiosk block, or of another kiosk, or with a wrong prefix', () => {
    h.store.tickets.reserveBlocks(10, h.key(), kiosk);
    const at = h.clock.now().toISOString();
    const results = h.store.tickets.syncOffline(
      {
        tickets: [
          { number: 'A050', service: 'maintenance', issuedAt: at, idempotencyKey: h.key() },
          { number: 'B002', service: 'maintenance', issuedAt: at, idempotencyKey: h.key() },
        ],
      },
      kiosk,
    ).results;
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    const other = h.store.tickets.syncOffline(
      { tickets: [{ number: 'A002', service: 'maintenance', issuedAt: at, idempotencyKey: h.key() }] },
      { ...kiosk, id: 2 },
    );
    expect(other.results[0]).toMatchObject({ ok: false, error: expect.stringContaining('not in a block reserved by this kiosk') });
    expect(h.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
  });

  it('only lets kiosks reserve blocks', () => {
    expect(() => h.store.tickets.reserveBlocks(10, h.key(), advisor)).toThrow(/only an enrolled kiosk/);
  });
});

describe('events and sync', () => {
  it('gives every change a strictly increasing seq', () => {
    const first = issue('maintenance');
    issue('repair');
    callNext('1');
    act(first.id, 'start');
    callNext('1');
    const seqs = h.store.staffEventsSince(0).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(h.store.snapshot().seq).toBe(seqs.at(-1));
  });

  it('replays missed events to a client of this hub, a snapshot to anyone else', () => {
    issue('maintenance');
    const { seq, hubId } = h.store.snapshot();
    issue('repair');
    callNext('2');
    const missed = h.store.sync(seq, hubId);
    expect(missed.mode).toBe('events');
    if (missed.mode === 'events') expect(missed.events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called']);
    expect(h.store.sync(seq, 'another-hub').mode).toBe('snapshot');
    expect(h.store.sync(undefined, undefined).mode).toBe('snapshot');
    expect(h.store.sync(seq + 100, hubId).mode).toBe('snapshot');
  });

  it('never puts a phone number or full plate in public data', () => {
    issue('maintenance', { plate: '粤B12345', phone: '13812345678', notifyConsent: true });
    callNext('2');
    const sync = h.store.sync(0, h.store.hubId);
    const everything = JSON.stringify([h.store.snapshot(), sync]);
    expect(everything).not.toContain('粤B12345');
    expect(everything).not.toContain('13812345678');
  });
});
