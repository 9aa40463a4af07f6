import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aheadCounts,
  classify,
  countAhead,
  DEFAULT_HEAD_STARTS,
  pickNext,
  ticketsAhead,
  type CounterScope,
  type TicketClass,
  type WaitingTicket,
} from './queue.ts';

const MIN = 60_000;
let nextId = 1;
const t = (service: string, issuedAt: number, ticketClass: TicketClass = 'walkin', extra: Partial<WaitingTicket> = {}): WaitingTicket => {
  const id = nextId++;
  return { id, number: `${service[0]!.toUpperCase()}${id}`, service, ticketClass, issuedAt, ...extra };
};
const everything: CounterScope = { id: '1', services: [] };

describe('pickNext', () => {
  it('calls the earliest ticket first within a class', () => {
    const a = t('maintenance', 1 * MIN);
    const b = t('repair', 2 * MIN);
    expect(pickNext([b, a], everything)?.id).toBe(a.id);
  });

  it('calls a complaint before walk-ins who came before it, within its head start', () => {
    const walkin = t('maintenance', 0);
    const complaint = t('complaint', 20 * MIN, 'priority');
    expect(pickNext([walkin, complaint], everything)?.id).toBe(complaint.id);
  });

  it('calls an appointment before walk-ins, but after complaints', () => {
    const walkin = t('maintenance', 0);
    const appointment = t('maintenance', 5 * MIN, 'appointment');
    const complaint = t('complaint', 5 * MIN, 'priority');
    expect(pickNext([walkin, appointment], everything)?.id).toBe(appointment.id);
    expect(pickNext([walkin, appointment, complaint], everything)?.id).toBe(complaint.id);
  });

  it('ages: a walk-in waiting longer than the head start goes before a new complaint', () => {
    const walkin = t('maintenance', 0);
    const complaint = t('complaint', 31 * MIN, 'priority');
    expect(pickNext([walkin, complaint], everything)?.id).toBe(walkin.id);
  });

  it('only calls services the counter serves, and transferred tickets only at their counter', () => {
    const pickup = t('pickup', 0);
    const pinned = t('repair', -MIN, 'walkin', { targetCounterId: '2' });
    expect(pickNext([pickup, pinned], { id: '1', services: ['pickup', 'repair'] })?.id).toBe(pickup.id);
    expect(pickNext([pickup, pinned], { id: '2', services: ['warranty'] })?.id).toBe(pinned.id);
    expect(pickNext([pickup], { id: '3', services: ['warranty'] })).toBeUndefined();
  });

  it('returns undefined for an empty queue', () => {
    expect(pickNext([], everything)).toBeUndefined();
  });
});

describe('countAhead', () => {
  it('counts tickets that go first and that the same counters could call', () => {
    const a = t('maintenance', 0);
    const b = t('repair', MIN);
    const c = t('repair', 2 * MIN);
    expect(countAhead(c, [a, b, c], [everything])).toBe(2);
    expect(countAhead(c, [a, b, c], [{ id: '1', services: ['repair'] }])).toBe(1);
  });
});

describe('classify', () => {
  const window = { earlyMinutes: 30, lateMinutes: 15 };
  it('makes an on-time appointment check-in an appointment, a late or early one a walk-in', () => {
    const at = 100 * MIN;
    expect(classify({ priority: false, appointmentAt: at, issuedAt: at - 30 * MIN }, window)).toBe('appointment');
    expect(classify({ priority: false, appointmentAt: at, issuedAt: at + 15 * MIN }, window)).toBe('appointment');
    expect(classify({ priority: false, appointmentAt: at, issuedAt: at + 16 * MIN }, window)).toBe('walkin');
    expect(classify({ priority: false, appointmentAt: at, issuedAt: at - 31 * MIN }, window)).toBe('walkin');
    expect(classify({ priority: true, appointmentAt: at, issuedAt: at }, window)).toBe('priority');
  });
});

// ─── Properties over random arrival streams ──────────────────────────────────────────────

const arrivals = fc.array(
  fc.record({
    gapSeconds: fc.integer({ min: 0, max: 600 }),
    ticketClass: fc.constantFrom<TicketClass>('priority', 'appointment', 'walkin', 'walkin', 'walkin'),
  }),
  { minLength: 1, maxLength: 60 },
);

/** All tickets wait together; a counter calls them one by one. Returns the calling order. */
function callAll(stream: { gapSeconds: number; ticketClass: TicketClass }[]): WaitingTicket[] {
  let at = 0;
  const waiting = stream.map((a, i) => {
    at += a.gapSeconds * 1000;
    return { id: i + 1, number: `N${i + 1}`, service: 'repair', ticketClass: a.ticketClass, issuedAt: at };
  });
  const order: WaitingTicket[] = [];
  const left = [...waiting];
  while (left.length) {
    const next = pickNext(left, everything)!;
    order.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return order;
}

describe('calling order properties', () => {
  it('is first come, first served within a class', () => {
    fc.assert(
      fc.property(arrivals, (stream) => {
        const order = callAll(stream);
        for (const cls of ['priority', 'appointment', 'walkin'] as const) {
          const times = order.filter((x) => x.ticketClass === cls).map((x) => x.issuedAt);
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts a higher class first when it arrived no later', () => {
    const rank = { priority: 0, appointment: 1, walkin: 2 };
    fc.assert(
      fc.property(arrivals, (stream) => {
        const order = callAll(stream);
        order.forEach((x, i) =>
          order.slice(i + 1).forEach((y) => {
            // y was called after x: y must not be of a higher class that arrived no later than x.
            expect(rank[y.ticketClass] < rank[x.ticketClass] && y.issuedAt <= x.issuedAt).toBe(false);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('bounds every wait: no ticket is overtaken by one issued more than the largest head start after it', () => {
    const bound = Math.max(...Object.values(DEFAULT_HEAD_STARTS)) * MIN;
    fc.assert(
      fc.property(arrivals, (stream) => {
        const order = callAll(stream);
        order.forEach((x, i) =>
          order.slice(0, i).forEach((before) => {
            expect(before.issuedAt - x.issuedAt).toBeLessThanOrEqual(bound);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('starves nobody behind an endless stream of complaints', () => {
    // One walk-in, then a complaint every minute for five hours: the walk-in is called once
    // it has waited the complaints' head start, however many complaints still come.
    const walkin: WaitingTicket = { id: 0, number: 'A1', service: 'repair', ticketClass: 'walkin', issuedAt: 0 };
    const complaints = Array.from({ length: 300 }, (_, i) => t('repair', (i + 1) * MIN, 'priority'));
    const left = [walkin, ...complaints];
    let calls = 0;
    while (pickNext(left, everything) !== walkin) {
      left.splice(left.indexOf(pickNext(left, everything)!), 1);
      calls += 1;
    }
    expect(calls).toBe(DEFAULT_HEAD_STARTS.priority);
  });
});

describe('aheadCounts', () => {
  it('agrees with ticketsAhead for every ticket, whatever the counters serve or the transfers', () => {
    const services = ['maintenance', 'repair', 'pickup'];
    const ticket = fc.record({
      service: fc.constantFrom(...services),
      issuedAt: fc.integer({ min: 0, max: 120 * MIN }),
      ticketClass: fc.constantFrom<TicketClass>('priority', 'appointment', 'walkin'),
      target: fc.constantFrom<string | null>(null, null, null, '1', '2'),
    });
    const scope = fc.subarray(services);
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 40 }), fc.tuple(scope, scope, scope), (list, scopes) => {
        const waiting = list.map((x, i) => ({
          id: i + 1,
          number: `N${i}`,
          service: x.service,
          issuedAt: x.issuedAt,
          ticketClass: x.ticketClass,
          targetCounterId: x.target,
        }));
        const counters: CounterScope[] = scopes.map((services, i) => ({ id: String(i + 1), services }));
        const fast = aheadCounts(waiting, counters, DEFAULT_HEAD_STARTS);
        for (const w of waiting) expect(fast.get(w.id)).toBe(ticketsAhead(w, waiting, counters, DEFAULT_HEAD_STARTS).length);
      }),
      { numRuns: 300 },
    );
  });
});
