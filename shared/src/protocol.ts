/**
 * The one protocol of the product: every request body, response and pushed event that crosses
 * a process boundary, as zod schemas with their TypeScript types. Hub, station and pages all
 * import from here (STYLE.md practice 1).
 */
import { z } from 'zod';
import { isValidPhone, isValidPlate, normalizePhone, normalizePlate } from './plate.ts';
import { LANGUAGES } from './i18n.ts';
import { ServiceId } from './services.ts';

export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'an idempotency key is 8–64 letters, digits, - or _');

export const Plate = z
  .string()
  .max(16, 'a plate has at most 16 characters')
  .transform(normalizePlate)
  .refine(isValidPlate, 'not a valid plate (e.g. 粤B12345, or 粤BD12345 for new-energy)');

export const Phone = z
  .string()
  .max(20, 'a phone number has at most 20 characters')
  .transform(normalizePhone)
  .refine(isValidPhone, 'not a valid mobile number (11 digits starting with 1)');

export const IssueTicketRequest = z.strictObject({
  service: ServiceId,
  plate: Plate.optional(),
  phone: Phone.optional(),
  idempotencyKey: IdempotencyKey,
});
export type IssueTicketRequest = z.infer<typeof IssueTicketRequest>;

export const TicketStatus = z.enum(['waiting', 'called', 'done']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** What anyone may see of a ticket: no plate, no phone. */
export const PublicTicket = z.object({
  number: z.string(),
  service: ServiceId,
  status: TicketStatus,
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  counterId: z.string().nullable(),
});
export type PublicTicket = z.infer<typeof PublicTicket>;

/** The ticket as staff and the issuing kiosk see it. */
export const Ticket = PublicTicket.extend({
  id: z.number().int(),
  businessDay: z.string(),
  plate: z.string().nullable(),
  phone: z.string().nullable(),
  /** Waiting tickets that will be called before this one. */
  ahead: z.number().int().nonnegative(),
  /** Unguessable token for the phone tracking page (128 bits, hex). */
  trackingToken: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;

export const CallNextRequest = z.strictObject({
  idempotencyKey: IdempotencyKey.optional(),
});
export type CallNextRequest = z.infer<typeof CallNextRequest>;

/** What the kiosk page asks its station: a ticket, printed in the customer's language. */
export const StationTicketRequest = IssueTicketRequest.extend({
  language: z.enum(LANGUAGES).default('zh-CN'),
});
export type StationTicketRequest = z.infer<typeof StationTicketRequest>;

export const PrintOutcome = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), fault: z.string(), message: z.string() }),
]);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export interface StationTicketResult {
  ticket: Ticket;
  print: PrintOutcome;
}

export const CounterIdParam = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a counter id is 1–16 letters, digits or dashes');
export const CounterPath = z.strictObject({ counterId: CounterIdParam });

export const RecentCall = z.object({
  number: z.string(),
  service: ServiceId,
  counterId: z.string(),
  calledAt: z.string(),
});
export type RecentCall = z.infer<typeof RecentCall>;

/** The public queue: what a lounge display needs to draw itself from nothing. */
export const QueueSnapshot = z.object({
  seq: z.number().int().nonnegative(),
  businessDay: z.string(),
  /** Waiting tickets in calling order, per service id. */
  waiting: z.record(z.string(), z.array(z.string())),
  /** Most recent first. */
  recentCalls: z.array(RecentCall),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const HubEvent = z.discriminatedUnion('type', [
  z.object({ seq: z.number().int().positive(), type: z.literal('ticket.issued'), at: z.string(), ticket: PublicTicket }),
  z.object({ seq: z.number().int().positive(), type: z.literal('ticket.called'), at: z.string(), ticket: PublicTicket }),
  z.object({ seq: z.number().int().positive(), type: z.literal('ticket.done'), at: z.string(), ticket: PublicTicket }),
]);
export type HubEvent = z.infer<typeof HubEvent>;

export const SyncRequest = z.strictObject({ lastSeq: z.number().int().nonnegative().optional() });
export type SyncRequest = z.infer<typeof SyncRequest>;

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: string };

export type SyncResult = Ack<{ snapshot: QueueSnapshot }>;

export interface ServerToClientEvents {
  /** Every committed change, in `seq` order. */
  event: (event: HubEvent) => void;
}

export interface ClientToServerEvents {
  /** Asks for the current public state; the answer replaces whatever the client held. */
  sync: (request: SyncRequest, ack: (result: SyncResult) => void) => void;
}

/** Body of every 4xx/5xx answer of the HTTP API. */
export interface ApiError {
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
}

const RECENT_CALLS_KEPT = 10;

/**
 * Applies one pushed event to a snapshot. Returns `null` when the event does not follow the
 * snapshot (a gap): the caller must then ask for a fresh snapshot instead of patching.
 */
export function applyEvent(snapshot: QueueSnapshot, event: HubEvent): QueueSnapshot | null {
  if (event.seq <= snapshot.seq) return snapshot;
  if (event.seq !== snapshot.seq + 1) return null;
  const { ticket } = event;
  const waiting = { ...snapshot.waiting };
  const list = waiting[ticket.service] ?? [];
  switch (event.type) {
    case 'ticket.issued':
      waiting[ticket.service] = list.includes(ticket.number) ? list : [...list, ticket.number];
      return { ...snapshot, seq: event.seq, waiting };
    case 'ticket.called': {
      waiting[ticket.service] = list.filter((n) => n !== ticket.number);
      const call: RecentCall = {
        number: ticket.number,
        service: ticket.service,
        counterId: ticket.counterId ?? '',
        calledAt: ticket.calledAt ?? event.at,
      };
      return { ...snapshot, seq: event.seq, waiting, recentCalls: [call, ...snapshot.recentCalls].slice(0, RECENT_CALLS_KEPT) };
    }
    case 'ticket.done':
      return { ...snapshot, seq: event.seq };
  }
}

export { RECENT_CALLS_KEPT };
