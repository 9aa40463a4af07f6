import { beforeEach, describe, expect, it } from 'vitest';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const issue = (service = 'repair') => {
  h.clock.advance(1000);
  return h.store.tickets.issue({ service, idempotencyKey: h.key() }, kiosk).result;
};
const wang = { ...advisor, id: 2, name: 'Wang' };

describe('calling a chosen ticket', () => {
  it('calls it out of order, announces it like any call, and keeps the reason in the audit log', () => {
    issue();
    const standing = issue('pickup');
    const outcome = h.store.tickets.callChosen('1', standing.id, 'customer at the counter with keys', h.key(), advisor);
    expect(outcome.result).toMatchObject({ number: standing.number, status: 'called', counterId: '1' });
    expect(outcome.events.map((e) => e.type)).toEqual(['ticket.called']);
    const audit = h.db.prepare(`SELECT detail FROM audit_log WHERE action = 'ticket.call-chosen'`).pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ ticketId: standing.id, reason: 'customer at the counter with keys' });
  });

  it('refuses a ticket that is not waiting', () => {
    const t = issue();
    h.store.tickets.callNext('2', h.key(), wang);
    expect(() => h.store.tickets.callChosen('1', t.id, 'again please', h.key(), advisor)).toThrow(/is called, not waiting/);
  });
});

describe('park and resume', () => {
  it('parks the ticket being served, frees the advisor, and resumes it later with its history', () => {
    const first = issue();
    const second = issue();
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.act(first.id, 'start', h.key(), advisor);
    expect(h.store.tickets.act(first.id, 'park', h.key(), advisor).result.status).toBe('parked');
    // Parked is not held: the advisor serves someone else meanwhile.
    expect(h.store.tickets.callNext('1', h.key(), advisor).result?.number).toBe(second.number);
    expect(h.store.tickets.get(first.id).status).toBe('parked');
    expect(() => h.store.tickets.resume(first.id, '1', h.key(), advisor)).toThrow(/finish or park B002 before resuming B001/);
    h.store.tickets.act(second.id, 'finish', h.key(), advisor);
    const resumed = h.store.tickets.resume(first.id, '1', h.key(), advisor);
    expect(resumed.result).toMatchObject({ status: 'serving', counterId: '1' });
    const history = h.store
      .staffEventsSince(0)
      .filter((e) => 'ticket' in e && e.ticket.id === first.id)
      .map((e) => e.type);
    expect(history).toEqual(['ticket.issued', 'ticket.called', 'ticket.serving', 'ticket.parked', 'ticket.resumed']);
  });

  it('only parks a ticket being served', () => {
    const t = issue();
    expect(() => h.store.tickets.act(t.id, 'park', h.key(), advisor)).toThrow(/cannot park a ticket that is waiting/);
  });
});

describe('auto-call', () => {
  it('is off by default; when on, calls the next after the grace period', () => {
    const a = issue();
    const b = issue();
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.act(a.id, 'finish', h.key(), advisor);
    expect(h.store.tickets.counterState('1').pendingCallAt).toBeNull();
    h.store.tickets.setAutoCall('1', true, 10, h.key(), advisor);
    h.store.tickets.callNext('1', h.key(), advisor); // calls b
    const finished = h.store.tickets.act(b.id, 'finish', h.key(), advisor);
    expect(finished.events.map((e) => e.type)).toEqual(['ticket.finished', 'counter.state']);
    const c = issue();
    h.clock.advance(8_000);
    expect(h.store.tickets.runDueAutoCalls()).toEqual([]);
    h.clock.advance(3_000);
    const [auto] = h.store.tickets.runDueAutoCalls();
    expect(auto!.result).toMatchObject({ number: c.number, status: 'called', counterId: '1' });
    expect(h.store.tickets.counterState('1').pendingCallAt).toBeNull();
  });

  it('can be cancelled before it fires', () => {
    const a = issue();
    issue();
    h.store.tickets.setAutoCall('1', true, 10, h.key(), advisor);
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.act(a.id, 'finish', h.key(), advisor);
    h.store.tickets.cancelAutoCall('1', h.key(), advisor);
    h.clock.advance(60_000);
    expect(h.store.tickets.runDueAutoCalls()).toEqual([]);
    expect(() => h.store.tickets.cancelAutoCall('1', h.key(), advisor)).toThrow(/no automatic call pending/);
  });

  it('is dropped when the counter pauses', () => {
    const a = issue();
    issue();
    h.store.tickets.setAutoCall('1', true, 5, h.key(), advisor);
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.act(a.id, 'finish', h.key(), advisor);
    h.store.tickets.setCounterState('1', 'paused', 'phone', h.key(), advisor);
    h.clock.advance(60_000);
    expect(h.store.tickets.runDueAutoCalls()).toEqual([]);
    expect(h.store.tickets.counterState('1')).toMatchObject({ state: 'paused', reason: 'phone', pendingCallAt: null });
  });
});
