/** The client keeps the hub's calling order when it applies pushed ticket events. */
import { describe, expect, it } from 'vitest';
import { applyEvent, HubEvent, type PublicTicket, type QueueSnapshot } from './protocol.ts';

const ticket = (number: string, patch: Partial<PublicTicket> = {}): PublicTicket => ({
  number,
  service: 'maintenance',
  status: 'waiting',
  issuedAt: '2026-11-24T02:00:00.000Z',
  calledAt: null,
  counterId: null,
  ...patch,
});
const snapshot = (waiting: Record<string, string[]>): QueueSnapshot => ({
  seq: 10,
  hubId: 'h1',
  businessDay: '2026-11-24',
  waiting,
  waits: {},
  recentCalls: [],
  jobs: [],
});
const event = (type: 'ticket.issued' | 'ticket.transferred', t: PublicTicket, position?: number): HubEvent =>
  HubEvent.parse({ seq: 11, at: '2026-11-24T02:00:00.000Z', type, ticket: t, waits: {}, ...(position === undefined ? {} : { position }) });

describe('applyEvent keeps the hub calling order', () => {
  it('puts an appointment check-in where the hub placed it, ahead of earlier walk-ins', () => {
    const next = applyEvent(snapshot({ maintenance: ['A001', 'A002', 'A003'] }), event('ticket.issued', ticket('A004'), 1));
    expect(next?.waiting.maintenance).toEqual(['A001', 'A004', 'A002', 'A003']);
  });

  it('puts a ticket transferred back to waiting at its place by issue time, not at the end', () => {
    const moved = ticket('A001', { service: 'repair' });
    const next = applyEvent(snapshot({ maintenance: ['A001', 'A002'], repair: ['B001', 'B002'] }), event('ticket.transferred', moved, 0));
    expect(next?.waiting).toEqual({ maintenance: ['A002'], repair: ['A001', 'B001', 'B002'] });
  });

  it('appends when the event names no position (an older hub), and clamps a position past the end', () => {
    expect(applyEvent(snapshot({ maintenance: ['A001'] }), event('ticket.issued', ticket('A002')))?.waiting.maintenance).toEqual(['A001', 'A002']);
    expect(applyEvent(snapshot({ maintenance: ['A001'] }), event('ticket.issued', ticket('A002'), 7))?.waiting.maintenance).toEqual(['A001', 'A002']);
  });

  it('refuses a negative or fractional position in a pushed event', () => {
    expect(HubEvent.safeParse({ seq: 11, at: 'x', type: 'ticket.issued', ticket: ticket('A002'), waits: {}, position: -1 }).success).toBe(false);
    expect(HubEvent.safeParse({ seq: 11, at: 'x', type: 'ticket.issued', ticket: ticket('A002'), waits: {}, position: 0.5 }).success).toBe(false);
  });
});
