/**
 * Which waiting ticket a counter calls next, and how many are ahead of a ticket. Pure.
 *
 * Rules (DESIGN.md §3, issue #3): complaints first, then appointment check-ins within their
 * window, then walk-ins; first come, first served within a class; a counter calls only the
 * services it serves, and a ticket transferred to a counter only there.
 *
 * Ageing: each class has a head start in minutes, and tickets are ordered by
 * `issuedAt − headStart(class)`. A complaint therefore goes before every walk-in that arrived
 * less than its head start earlier, which in a service drive means "first"; but no ticket is
 * ever overtaken by one issued more than the largest head start after it, so however long a
 * stream of higher-class tickets, a ticket's wait is bounded by the work that arrived before
 * `issuedAt + maxHeadStart`.
 */

import { CLASS_RANK, DEFAULT_HEAD_STARTS, callingOrder, effectiveTime, type HeadStarts, type TicketClass } from '../../../shared/src/calling-order.ts';

export { CLASS_RANK, DEFAULT_HEAD_STARTS, callingOrder, effectiveTime, type HeadStarts, type TicketClass };

export interface WaitingTicket {
  id: number;
  number: string;
  service: string;
  ticketClass: TicketClass;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** Set when transferred to one counter: only that counter may call it. */
  targetCounterId?: string | null;
}

export interface CounterScope {
  id: string;
  /** Service ids the counter calls; empty means all. */
  services: readonly string[];
}

export function counterCanCall(counter: CounterScope, ticket: Pick<WaitingTicket, 'service' | 'targetCounterId'>): boolean {
  if (ticket.targetCounterId) return ticket.targetCounterId === counter.id;
  return counter.services.length === 0 || counter.services.includes(ticket.service);
}

export function pickNext(waiting: readonly WaitingTicket[], counter: CounterScope, headStarts: HeadStarts = DEFAULT_HEAD_STARTS): WaitingTicket | undefined {
  const order = callingOrder(headStarts);
  let best: WaitingTicket | undefined;
  for (const ticket of waiting) {
    if (!counterCanCall(counter, ticket)) continue;
    if (!best || order(ticket, best) < 0) best = ticket;
  }
  return best;
}

/**
 * People ahead of a ticket: waiting tickets that come before it in calling order and that a
 * counter able to call this ticket could also call.
 */
export function ticketsAhead(
  ticket: WaitingTicket,
  waiting: readonly WaitingTicket[],
  counters: readonly CounterScope[],
  headStarts: HeadStarts = DEFAULT_HEAD_STARTS,
): WaitingTicket[] {
  const order = callingOrder(headStarts);
  const able = counters.filter((c) => counterCanCall(c, ticket));
  return waiting.filter((other) => other.id !== ticket.id && order(other, ticket) < 0 && able.some((c) => counterCanCall(c, other)));
}

/**
 * People ahead of every waiting ticket at once, in O(n log n + n·k) for k distinct
 * (service, target counter) kinds — `ticketsAhead(t).length` for each t without its O(n²).
 */
export function aheadCounts(
  waiting: readonly WaitingTicket[],
  counters: readonly CounterScope[],
  headStarts: HeadStarts = DEFAULT_HEAD_STARTS,
): Map<number, number> {
  const kindOf = (t: WaitingTicket): string => `${t.service}\u0000${t.targetCounterId ?? ''}`;
  const sample = new Map<string, WaitingTicket>();
  for (const t of waiting) if (!sample.has(kindOf(t))) sample.set(kindOf(t), t);
  // For each kind: the kinds whose tickets a counter able to call it could also call.
  const competitors = new Map<string, string[]>();
  for (const [kind, t] of sample) {
    const able = counters.filter((c) => counterCanCall(c, t));
    competitors.set(
      kind,
      [...sample].filter(([, o]) => able.some((c) => counterCanCall(c, o))).map(([k]) => k),
    );
  }
  const sorted = [...waiting].sort(callingOrder(headStarts));
  const seen = new Map<string, number>();
  const result = new Map<number, number>();
  for (const t of sorted) {
    const kind = kindOf(t);
    result.set(
      t.id,
      competitors.get(kind)!.reduce((sum, k) => sum + (seen.get(k) ?? 0), 0),
    );
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
  }
  return result;
}

export function countAhead(
  ticket: WaitingTicket,
  waiting: readonly WaitingTicket[],
  counters: readonly CounterScope[],
  headStarts: HeadStarts = DEFAULT_HEAD_STARTS,
): number {
  return ticketsAhead(ticket, waiting, counters, headStarts).length;
}

/** Appointment window: a check-in counts as an appointment from `early` before to `late` after. */
export function classify(
  input: { priority: boolean; appointmentAt?: number | null; issuedAt: number },
  window: { earlyMinutes: number; lateMinutes: number },
): TicketClass {
  if (input.priority) return 'priority';
  if (input.appointmentAt != null) {
    const from = input.appointmentAt - window.earlyMinutes * 60_000;
    const to = input.appointmentAt + window.lateMinutes * 60_000;
    if (input.issuedAt >= from && input.issuedAt <= to) return 'appointment';
  }
  return 'walkin';
}
