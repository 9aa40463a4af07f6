/** The protocol: Queue views and pushed events. */
import { z } from 'zod';
import type { HeadStarts } from '../calling-order.ts';
import { ServiceId } from '../services.ts';
import { Alert } from './alerts.ts';
import { Appointment } from './appointments.ts';
import { ComplaintCase } from './cases.ts';
import { CounterStatus } from './counters.ts';
import { Arrival, BayView } from './drive.ts';
import { Job, PublicJob } from './jobs.ts';
import { PublicTicket, Ticket, WaitRange } from './tickets.ts';

export const RecentCall = z.object({
  number: z.string(),
  service: ServiceId,
  counterId: z.string(),
  calledAt: z.string(),
});
export type RecentCall = z.infer<typeof RecentCall>;

export const ServiceWait = z.object({
  waiting: z.number().int(),
  estimatedMinutes: z.number().int().nullable(),
  /** The 80 % range of a new ticket's wait; absent from older hubs. */
  range: WaitRange.nullable().optional(),
});
export type ServiceWait = z.infer<typeof ServiceWait>;

/** The public state: what a lounge display needs to draw itself from nothing. */
export const QueueSnapshot = z.object({
  seq: z.number().int().nonnegative(),
  /** Identifies the hub's database: a client from another one must take a snapshot. */
  hubId: z.string(),
  businessDay: z.string(),
  /** Waiting tickets in calling order, per service id. */
  waiting: z.record(z.string(), z.array(z.string())),
  waits: z.record(z.string(), ServiceWait),
  /** Most recent first. */
  recentCalls: z.array(RecentCall),
  /** Vehicles in the shop, masked. */
  jobs: z.array(PublicJob),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

const EventBase = { seq: z.number().int().positive(), at: z.string() };
export const TicketEventType = z.enum([
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.serving',
  'ticket.finished',
  'ticket.no_show',
  'ticket.transferred',
  'ticket.cancelled',
  'ticket.parked',
  'ticket.resumed',
  'ticket.requeued',
  'ticket.expired',
  'ticket.void',
]);
export type TicketEventType = z.infer<typeof TicketEventType>;

/**
 * Where a waiting ticket stands among its service's waiting tickets in the hub's calling order
 * (0 = called first), so clients insert it there rather than at the end: head starts put an
 * appointment ahead of earlier walk-ins, and a transferred ticket keeps its issue time.
 */
const WaitingPosition = z.number().int().nonnegative().optional();

/** Events as pushed to public clients (displays, phones): projections only. */
export const HubEvent = z.discriminatedUnion('type', [
  z.object({
    ...EventBase,
    type: TicketEventType,
    ticket: PublicTicket,
    /** Every service's wait after this change; left out in a lean frame when a later event of the frame carries them. */
    waits: z.record(z.string(), ServiceWait).optional(),
    position: WaitingPosition,
  }),
  z.object({ ...EventBase, type: z.enum(['job.created', 'job.updated']), job: PublicJob }),
  z.object({ ...EventBase, type: z.literal('counter.state'), counter: CounterStatus }),
  /** A change public clients have no view of (an alert, a login); keeps `seq` contiguous. */
  z.object({ ...EventBase, type: z.literal('private') }),
  /** The store's settings changed: clients reload `GET /api/store`. */
  z.object({ ...EventBase, type: z.literal('settings.updated') }),
]);
export type HubEvent = z.infer<typeof HubEvent>;

/** Events as pushed to staff clients: full records. */
export const StaffEvent = z.discriminatedUnion('type', [
  z.object({ ...EventBase, type: TicketEventType, ticket: Ticket, waits: z.record(z.string(), ServiceWait), position: WaitingPosition }),
  z.object({ ...EventBase, type: z.enum(['job.created', 'job.updated']), job: Job }),
  z.object({ ...EventBase, type: z.literal('counter.state'), counter: CounterStatus }),
  z.object({ ...EventBase, type: z.enum(['alert.raised', 'alert.acknowledged', 'alert.resolved']), alert: Alert }),
  z.object({ ...EventBase, type: z.literal('settings.updated') }),
  z.object({ ...EventBase, type: z.enum(['arrival.registered', 'arrival.updated']), arrival: Arrival }),
  z.object({ ...EventBase, type: z.enum(['appointment.booked', 'appointment.updated']), appointment: Appointment }),
  z.object({ ...EventBase, type: z.enum(['case.opened', 'case.updated']), case: ComplaintCase }),
]);
export type StaffEvent = z.infer<typeof StaffEvent>;

export const SyncRequest = z.strictObject({
  lastSeq: z.number().int().nonnegative().optional(),
  hubId: z.string().max(64).optional(),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: string };

/** Missed events when the hub still has them all, otherwise a snapshot to replace state with. */
export type SyncResult = Ack<{ mode: 'events'; events: HubEvent[] } | { mode: 'snapshot'; snapshot: QueueSnapshot }>;

export interface ServerToClientEvents {
  /**
   * Every committed change, in `seq` order (public projection), to a client that opened its
   * socket with `auth: {push: 'lean'}` or `{push: 'batched'}`: at most one frame per push window,
   * holding every change since the last (hub/src/push-window.ts). A lean frame carries `waits`
   * on its last ticket event only (projection.ts `leanFrame`): they replace the earlier ones'
   * on the screen anyway. `batched` (pages loaded before lean frames) gets every event whole.
   */
  events: (events: HubEvent[]) => void;
  /** The same, one change per message, to a page loaded before batching (still open across a hub upgrade). */
  event: (event: HubEvent) => void;
  /** The same changes with full records, to staff clients only. */
  'staff-event': (event: StaffEvent) => void;
  /** To the kiosk that issued a ticket: print it again (the desk asked). */
  reprint: (ticket: Ticket) => void;
  /** The token this socket was opened with no longer holds: no more staff data reaches it. */
  'session-ended': (info: { reason: SessionEndReason }) => void;
  /** To a phone tracking page (socket opened with `auth: {track: token}`): its ticket or vehicle, or the queue, changed; reload. */
  'track-changed': () => void;
}

/** Why a token stopped working; the page shows "signed out" with this reason. */
export type SessionEndReason = 'signed_out' | 'expired' | 'deactivated' | 'revoked';

/** Everything a staff console draws itself from (desk, workshop board, manager). */
export interface StaffSnapshot {
  queue: QueueSnapshot;
  tickets: Ticket[];
  jobs: Job[];
  alerts: Alert[];
  counters: CounterStatus[];
  /** The queue's head starts, so a console orders waiting tickets as the hub calls them (calling-order.ts). */
  headStarts: HeadStarts;
  /** The pre-inspection bays and the vehicles in the drive (absent from older hubs). */
  bays?: BayView;
  /** Complaint cases not yet closed (absent from older hubs). */
  cases?: ComplaintCase[];
}

export interface ClientToServerEvents {
  /** Asks for what was missed since `lastSeq`, or the current state. */
  sync: (request: SyncRequest, ack: (result: SyncResult) => void) => void;
  /** Staff only: the full current state, replacing whatever the console held. */
  'staff-sync': (request: Record<string, never>, ack: (result: Ack<{ snapshot: StaffSnapshot }>) => void) => void;
}

/** Body of every 4xx/5xx answer of the HTTP API. */
export interface ApiError {
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
}
