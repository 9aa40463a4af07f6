import { describe, expect, it } from 'vitest';
import { countAhead, pickNext, type WaitingTicket } from './queue.ts';

const t = (id: number, service: string, issuedAt: number, priority = false): WaitingTicket => ({
  id,
  number: `${service[0]!.toUpperCase()}${id}`,
  service,
  priority,
  issuedAt,
});

const everything = { services: [] as string[] };

describe('pickNext', () => {
  it('calls the earliest ticket first', () => {
    const waiting = [t(2, 'repair', 200), t(1, 'maintenance', 100), t(3, 'repair', 300)];
    expect(pickNext(waiting, everything)?.id).toBe(1);
  });

  it('calls complaints before everyone, however late they came', () => {
    const waiting = [t(1, 'maintenance', 100), t(2, 'complaint', 900, true)];
    expect(pickNext(waiting, everything)?.id).toBe(2);
  });

  it('only calls services the counter serves', () => {
    const waiting = [t(1, 'maintenance', 100), t(2, 'pickup', 200)];
    expect(pickNext(waiting, { services: ['pickup'] })?.id).toBe(2);
    expect(pickNext(waiting, { services: ['warranty'] })).toBeUndefined();
  });

  it('breaks exact ties by id so the order is total', () => {
    expect(pickNext([t(5, 'repair', 100), t(4, 'repair', 100)], everything)?.id).toBe(4);
  });

  it('returns undefined for an empty queue', () => {
    expect(pickNext([], everything)).toBeUndefined();
  });
});

describe('countAhead', () => {
  it('counts earlier tickets and every priority ticket', () => {
    const waiting = [t(1, 'maintenance', 100), t(2, 'repair', 200), t(3, 'complaint', 400, true), t(4, 'repair', 300)];
    expect(countAhead(waiting[3]!, waiting, [everything])).toBe(3);
    expect(countAhead(waiting[2]!, waiting, [everything])).toBe(0);
  });

  it('ignores tickets no counter able to serve this one would call', () => {
    const waiting = [t(1, 'pickup', 100), t(2, 'repair', 200)];
    const counters = [{ services: ['pickup'] }, { services: ['repair'] }];
    expect(countAhead(waiting[1]!, waiting, counters)).toBe(0);
  });
});
