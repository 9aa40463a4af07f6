import { describe, expect, it } from 'vitest';
import { leanFrame } from './projection.ts';
import { applyEvent, HubEvent, type PublicTicket, type QueueSnapshot, type ServiceWait } from './protocol.ts';

const ticket = (number: string, patch: Partial<PublicTicket> = {}): PublicTicket => ({
  number,
  service: 'maintenance',
  status: 'waiting',
  issuedAt: '2026-12-01T02:00:00.000Z',
  calledAt: null,
  counterId: null,
  ...patch,
});
/** The default store's six services, as a real event carries them. */
const waits = (waiting: number): Record<string, ServiceWait> =>
  Object.fromEntries(
    ['maintenance', 'repair', 'bodypaint', 'warranty', 'accident', 'pickup'].map((s, i) => [
      s,
      { waiting: i === 0 ? waiting : 0, estimatedMinutes: 8, range: { low: 5, high: 12 } },
    ]),
  );
const at = (second: number): string => `2026-12-01T02:00:${String(second).padStart(2, '0')}.000Z`;
const empty: QueueSnapshot = { seq: 10, hubId: 'h1', businessDay: '2026-12-01', waiting: { maintenance: [] }, waits: {}, recentCalls: [], jobs: [] };

/** A busy push window: two issues, a counter pausing, a finish and a call. */
const frame: HubEvent[] = [
  { seq: 11, at: at(1), type: 'ticket.issued', ticket: ticket('A001'), waits: waits(1) },
  { seq: 12, at: at(2), type: 'ticket.issued', ticket: ticket('A002'), waits: waits(2), position: 1 },
  {
    seq: 13,
    at: at(3),
    type: 'counter.state',
    counter: { counterId: '2', state: 'paused', reason: 'break', since: at(3), ticketNumber: null, autoCall: false, graceSeconds: 0, pendingCallAt: null },
  },
  { seq: 14, at: at(4), type: 'ticket.called', ticket: ticket('A001', { status: 'called', calledAt: at(4), counterId: '1' }), waits: waits(1) },
  { seq: 15, at: at(5), type: 'private' },
];

const applyAll = (events: readonly HubEvent[]): QueueSnapshot => events.reduce((s, e) => applyEvent(s, e)!, empty);

describe('a lean frame (one push window to a screen)', () => {
  it('carries the waits once, on the last ticket event: the earlier ones are replaced within the frame anyway', () => {
    const lean = leanFrame(frame);
    expect(lean.map((e) => 'waits' in e)).toEqual([false, false, false, true, false]);
    expect(lean.map((e) => e.seq)).toEqual([11, 12, 13, 14, 15]);
    expect(lean[1]).toEqual({ seq: 12, at: at(2), type: 'ticket.issued', ticket: ticket('A002'), position: 1 });
    expect(lean[3]).toBe(frame[3]);
    expect('waits' in frame[0]!).toBe(true); // the hub's events are not changed
    expect(JSON.stringify(lean).length).toBeLessThan(0.65 * JSON.stringify(frame).length);
  });

  it('leaves the screen in the same state as the full frame, and a frame of one event whole', () => {
    expect(applyAll(leanFrame(frame))).toEqual(applyAll(frame));
    expect(leanFrame([frame[0]!])).toEqual([frame[0]]);
  });

  it('parses without waits, and a ticket event without them keeps the waits the screen has', () => {
    const [first, second] = leanFrame(frame).map((e) => HubEvent.parse(e));
    const before = applyEvent(empty, { ...frame[0]!, seq: 11 })!;
    const after = applyEvent(before, { ...second!, seq: 12 })!;
    expect(first!.type).toBe('ticket.issued');
    expect(after.waiting.maintenance).toEqual(['A001', 'A002']);
    expect(after.waits).toEqual(waits(1));
  });
});
