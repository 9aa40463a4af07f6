/**
 * The hub's calling order, pure and shared so staff pages order waiting tickets exactly as the
 * hub will call them. Each class has a head start in minutes and tickets are ordered by
 * `issuedAt − headStart(class)`, then class, issue time and id (see hub/src/domain/queue.ts).
 */

export type TicketClass = 'priority' | 'appointment' | 'walkin';

export const CLASS_RANK: Record<TicketClass, number> = { priority: 0, appointment: 1, walkin: 2 };

export interface HeadStarts {
  priority: number;
  appointment: number;
  walkin: number;
}

/** Minutes of head start per class; the defaults give complaints 30 min, appointments 15. */
export const DEFAULT_HEAD_STARTS: HeadStarts = { priority: 30, appointment: 15, walkin: 0 };

/** What the order needs of a ticket. */
export interface Orderable {
  id: number;
  ticketClass: TicketClass;
  /** Epoch milliseconds. */
  issuedAt: number;
}

export function effectiveTime(ticket: Orderable, headStarts: HeadStarts): number {
  return ticket.issuedAt - headStarts[ticket.ticketClass] * 60_000;
}

/** Total calling order: effective time, then class, then issue time, then id. */
export function callingOrder(headStarts: HeadStarts): (a: Orderable, b: Orderable) => number {
  return (a, b) =>
    effectiveTime(a, headStarts) - effectiveTime(b, headStarts) ||
    CLASS_RANK[a.ticketClass] - CLASS_RANK[b.ticketClass] ||
    a.issuedAt - b.issuedAt ||
    a.id - b.id;
}

/** The same order for tickets as the API gives them (ISO issue times). */
export function ticketOrder(
  headStarts: HeadStarts,
): (a: { id: number; ticketClass: TicketClass; issuedAt: string }, b: { id: number; ticketClass: TicketClass; issuedAt: string }) => number {
  const order = callingOrder(headStarts);
  return (a, b) => order({ ...a, issuedAt: Date.parse(a.issuedAt) }, { ...b, issuedAt: Date.parse(b.issuedAt) });
}
