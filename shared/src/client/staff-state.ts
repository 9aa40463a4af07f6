/**
 * A staff console's state kept by applying the hub's staff events in `seq` order (issue #17
 * item 3), as displays already do with public events: a snapshot only on (re)connect, after a
 * gap, on a new business day, after a settings change, or for an event this page does not know.
 * Pure; no DOM, no socket.
 *
 * What an event does not carry is not guessed: a ticket's `ahead` and estimate are as of that
 * ticket's last event, so consoles order waiting tickets with the hub's calling order
 * (calling-order.ts) rather than by `ahead`.
 */
import { applyEvent, TicketEventType, type StaffEvent, type StaffSnapshot } from '../protocol.ts';

const KNOWN: ReadonlySet<string> = new Set([
  ...TicketEventType.options,
  'job.created',
  'job.updated',
  'counter.state',
  'alert.raised',
  'alert.acknowledged',
  'alert.resolved',
  'settings.updated',
  'arrival.registered',
  'arrival.updated',
  'appointment.booked',
  'appointment.updated',
  'case.opened',
  'case.updated',
]);
import { toPublicEvent } from '../projection.ts';

const upsert = <T>(list: readonly T[], item: T, same: (a: T) => boolean): T[] => {
  const at = list.findIndex(same);
  if (at < 0) return [...list, item];
  const next = list.slice();
  next[at] = item;
  return next;
};

/** The state after one event, or `null` when the console must ask for a fresh snapshot. */
export function applyStaffEvent(snapshot: StaffSnapshot, event: StaffEvent): StaffSnapshot | null {
  if (event.seq <= snapshot.queue.seq) return snapshot; // already applied (a replay after a reconnect)
  if (event.seq !== snapshot.queue.seq + 1) return null; // a gap: something was missed
  if (!KNOWN.has(event.type)) return null; // an event type this page does not know
  const queue = applyEvent(snapshot.queue, toPublicEvent(event));
  if (!queue) return null;
  const next: StaffSnapshot = { ...snapshot, queue };
  switch (event.type) {
    case 'job.created':
    case 'job.updated':
      next.jobs = upsert(snapshot.jobs, event.job, (j) => j.id === event.job.id);
      return next;
    case 'counter.state':
      next.counters = upsert(snapshot.counters, event.counter, (c) => c.counterId === event.counter.counterId);
      return next;
    case 'alert.raised':
    case 'alert.acknowledged':
    case 'alert.resolved': {
      // The console lists open alerts: those whose cause still holds.
      const others = snapshot.alerts.filter((a) => a.id !== event.alert.id);
      next.alerts = event.alert.resolvedAt ? others : upsert(snapshot.alerts, event.alert, (a) => a.id === event.alert.id);
      return next;
    }
    case 'settings.updated':
      return null; // services, counters or the calling order may have changed
    case 'case.opened':
    case 'case.updated': {
      // The console lists cases not yet closed.
      const others = (snapshot.cases ?? []).filter((c) => c.id !== event.case.id);
      next.cases = event.case.status === 'closed' ? others : upsert(snapshot.cases ?? [], event.case, (c) => c.id === event.case.id);
      return next;
    }
    case 'arrival.registered':
    case 'arrival.updated':
      return null; // the bay view is built by the hub (bays, queue, dwell): a fresh snapshot
    case 'appointment.booked':
    case 'appointment.updated':
      return next; // appointments are not part of a console's live state
    default:
      if (event.ticket.businessDay !== snapshot.queue.businessDay) return null; // a new day
      next.tickets = upsert(snapshot.tickets, event.ticket, (t) => t.id === event.ticket.id);
      next.counters = withHeldTicket(snapshot.counters, event.ticket);
      return next;
  }
}

/** The number each counter holds follows the ticket events (the hub sends no counter event for a call). */
function withHeldTicket(counters: StaffSnapshot['counters'], ticket: Extract<StaffEvent, { ticket: unknown }>['ticket']): StaffSnapshot['counters'] {
  const held = (ticket.status === 'called' || ticket.status === 'serving') && ticket.counterId ? ticket.counterId : null;
  let changed = false;
  const next = counters.map((c) => {
    const ticketNumber = c.counterId === held ? ticket.number : c.ticketNumber === ticket.number ? null : c.ticketNumber;
    if (ticketNumber === c.ticketNumber) return c;
    changed = true;
    return { ...c, ticketNumber };
  });
  return changed ? next : counters;
}
