/**
 * What public clients (lounge displays, phone tracking pages) may see of each change: numbers,
 * counters, masked plates, surname and title. Never a phone number, a full plate or a token.
 * Pure, in shared/ so the hub projects its events and staff pages keep their public state alike.
 */
import type { HubEvent, PublicJob, PublicTicket, StaffEvent, Ticket, Job } from './protocol.ts';

/** The job as a lounge screen may show it: masked plate, surname and title, no phone, no token. */
export function publicJob(job: Job, withToken = false): PublicJob {
  return {
    ...(withToken ? { trackingToken: job.trackingToken } : {}),
    publicId: job.publicId,
    maskedPlate: job.maskedPlate,
    model: job.model,
    customer: job.customer,
    services: job.services,
    stage: job.stage,
    stageStartedAt: job.stageStartedAt,
    promisedAt: job.promisedAt,
    estimatedReadyAt: job.estimatedReadyAt,
    overdue: job.overdue,
    wash: job.wash,
    additionalWorkPending: job.additionalWorkPending,
    history: job.history,
  };
}

export function publicTicket(ticket: Ticket): PublicTicket {
  const { number, service, status, issuedAt, calledAt, counterId } = ticket;
  return { number, service, status, issuedAt, calledAt, counterId };
}

export function toPublicEvent(event: StaffEvent): HubEvent {
  switch (event.type) {
    case 'ticket.issued':
    case 'ticket.called':
    case 'ticket.recalled':
    case 'ticket.serving':
    case 'ticket.finished':
    case 'ticket.no_show':
    case 'ticket.transferred':
    case 'ticket.cancelled':
    case 'ticket.parked':
    case 'ticket.resumed':
      return {
        seq: event.seq,
        at: event.at,
        type: event.type,
        ticket: publicTicket(event.ticket),
        waits: event.waits,
        ...(event.position === undefined ? {} : { position: event.position }),
      };
    case 'job.created':
    case 'job.updated':
      return { seq: event.seq, at: event.at, type: event.type, job: publicJob(event.job) };
    case 'counter.state':
      return { seq: event.seq, at: event.at, type: 'counter.state', counter: event.counter };
    case 'settings.updated':
      return { seq: event.seq, at: event.at, type: 'settings.updated' };
    default:
      // Alerts, and event types of older schema versions, have no public view.
      return { seq: event.seq, at: event.at, type: 'private' };
  }
}

/**
 * One push window's events as a lean screen gets them: every service's waits once, on the last
 * ticket event, since applying the frame replaces the earlier ones' at once. Most of a ticket
 * event is its waits (six services: about 600 of 800 bytes), and parsing frames is most of what
 * a screen's socket costs (bench/README.md). The events are not changed; a copy is.
 */
export function leanFrame(events: readonly HubEvent[]): HubEvent[] {
  const last = events.findLastIndex((e) => 'waits' in e);
  return events.map((event, i) => {
    if (i === last || !('waits' in event)) return event;
    const { waits: _superseded, ...lean } = event;
    return lean;
  });
}
