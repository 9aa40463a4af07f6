/**
 * Which waiting ticket a counter calls next. Pure: works on plain values.
 *
 * Rules (DESIGN.md §3): complaints (priority services) first; first come, first served within
 * a class; a counter only calls the services it is configured for.
 */

export interface WaitingTicket {
  id: number;
  number: string;
  service: string;
  priority: boolean;
  /** Epoch milliseconds. */
  issuedAt: number;
}

export interface CounterScope {
  /** Service ids the counter calls; empty means all. */
  services: readonly string[];
}

export function servesService(counter: CounterScope, service: string): boolean {
  return counter.services.length === 0 || counter.services.includes(service);
}

/** Total order of calling: priority class first, then issue time, then id as a tie-break. */
export function callingOrder(a: WaitingTicket, b: WaitingTicket): number {
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  if (a.issuedAt !== b.issuedAt) return a.issuedAt - b.issuedAt;
  return a.id - b.id;
}

export function pickNext(waiting: readonly WaitingTicket[], counter: CounterScope): WaitingTicket | undefined {
  let best: WaitingTicket | undefined;
  for (const ticket of waiting) {
    if (!servesService(counter, ticket.service)) continue;
    if (!best || callingOrder(ticket, best) < 0) best = ticket;
  }
  return best;
}

/**
 * People ahead of a ticket: waiting tickets that a counter able to call this ticket would
 * call first.
 */
export function countAhead(
  ticket: WaitingTicket,
  waiting: readonly WaitingTicket[],
  counters: readonly CounterScope[],
): number {
  const able = counters.filter((c) => servesService(c, ticket.service));
  return waiting.filter(
    (other) => other.id !== ticket.id && callingOrder(other, ticket) < 0 && able.some((c) => servesService(c, other.service)),
  ).length;
}
