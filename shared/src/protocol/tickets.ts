/** The protocol: Tickets. */
import { z } from 'zod';
import { LANGUAGES } from '../i18n.ts';
import { ServiceId } from '../services.ts';
import { TICKET_STATUSES } from '../ticket-lifecycle.ts';
import { AppointmentCode, Command, CounterIdParam, Phone, Plate, Timestamp, text } from './building-blocks.ts';

/**
 * `expired`: still open when its business day closed (never counted as served);
 * `void`: a duplicate closed when a kiosk's offline ticket for the same request was reconciled.
 * Statuses and allowed actions are defined once, in ticket-lifecycle.ts.
 */
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TicketClass = z.enum(['priority', 'appointment', 'walkin']);

/** The language a customer chose (kiosk, booking): their messages are written in it. */
export const CustomerLanguage = z.enum(LANGUAGES);

export const IssueTicketRequest = z
  .strictObject({
    /** Optional only for an appointment check-in, which takes the appointment's service. */
    service: ServiceId.optional(),
    plate: Plate.optional(),
    phone: Phone.optional(),
    /**
     * The customer agreed to be messaged about this visit on `phone` (asked next to the phone
     * field). A phone is stored only with this consent.
     */
    notifyConsent: z.boolean().optional(),
    /** The language the customer used at the kiosk; messages about this visit use it. */
    language: CustomerLanguage.optional(),
    /** Scanned from the appointment QR; makes the ticket an appointment check-in when on time. */
    appointmentCode: AppointmentCode.optional(),
    ...Command,
  })
  .refine((r) => r.service !== undefined || r.appointmentCode !== undefined, { path: ['service'], message: 'choose a service (or scan an appointment)' });
export type IssueTicketRequest = z.infer<typeof IssueTicketRequest>;

/** Whole minutes: the real wait falls inside for about 8 tickets in 10. */
export const WaitRange = z.object({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() });
export type WaitRange = z.infer<typeof WaitRange>;

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
  ticketClass: TicketClass,
  plate: z.string().nullable(),
  phone: z.string().nullable(),
  calls: z.number().int(),
  firstCalledAt: z.string().nullable(),
  servingAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  targetCounterId: z.string().nullable(),
  origin: z.enum(['online', 'offline']),
  /** Waiting tickets that will be called before this one. */
  ahead: z.number().int().nonnegative(),
  /** Minutes until it is likely called; null when no open counter can call it. */
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  /** The 80 % range around it, in whole minutes (README "Wait estimates"); absent from older hubs. */
  estimatedWaitRange: WaitRange.nullable().optional(),
  /** Unguessable token for the phone tracking page (128 bits, hex). */
  trackingToken: z.string(),
  /** Only in the answer to an appointment check-in: how the kiosk may greet the customer (王先生/女士), never a full name. */
  greeting: z.string().nullable().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** A manager's minutes per service for wait estimates; null returns a service to what the hub learned. */
export const ServiceDurationsRequest = z.strictObject({
  minutes: z.record(ServiceId, z.number().min(1, 'at least 1 minute').max(240, 'at most 240 minutes').nullable()),
  ...Command,
});
export const ServiceDuration = z.object({
  service: z.string(),
  /** Median minutes learned from history (recent days and this time of day weigh more). */
  learnedMinutes: z.number(),
  /** Weighted count of finished services behind it; 0 means the default is used. */
  samples: z.number(),
  overrideMinutes: z.number().nullable(),
  /** What estimates use now: the override if set, else the learned median. */
  usedMinutes: z.number(),
});

/**
 * What became of the ticket the counter still holds when it was called but never started:
 * the advisor says so in one tap (`served`, `no_show`, or back to the queue). Without it the
 * hub refuses the call rather than guess.
 */
export const HeldOutcome = z.enum(['served', 'no_show', 'requeue']);
export type HeldOutcome = z.infer<typeof HeldOutcome>;
export const CallNextRequest = z.strictObject({ heldOutcome: HeldOutcome.optional(), ...Command });
export const TicketCommandRequest = z.strictObject({ ...Command });
export const TransferRequest = z
  .strictObject({ service: ServiceId.optional(), counterId: CounterIdParam.optional(), ...Command })
  .refine((r) => r.service !== undefined || r.counterId !== undefined, 'name a service or a counterId to transfer to');
export type TransferRequest = z.infer<typeof TransferRequest>;

export const TicketActionPath = z.strictObject({
  id: z.coerce.number().int().positive('id must be a positive whole number'),
  action: z.enum(['recall', 'start', 'finish', 'no-show', 'cancel', 'park']),
});
/** The actions `POST /api/tickets/:id/:action` takes. */
export type TicketPathAction = z.infer<typeof TicketActionPath>['action'];

/** Calls one waiting ticket out of order (the customer is standing at the counter). */
export const CallChosenRequest = z.strictObject({
  ticketId: z.number().int().positive(),
  reason: text(200).trim().min(2, 'reason: say why this ticket goes out of order'),
  heldOutcome: HeldOutcome.optional(),
  ...Command,
});
export const ResumeRequest = z.strictObject({ counterId: CounterIdParam, ...Command });
export const AutoCallRequest = z.strictObject({
  enabled: z.boolean(),
  graceSeconds: z.number().int().min(0).max(120).default(10),
  ...Command,
});

/** A ticket a kiosk issued from its reserved number block while the hub was unreachable. */
export const OfflineTicket = z.strictObject({
  number: z.string().regex(/^[A-Z]\d{3,5}$/, 'an offline ticket number is a prefix letter and 3–5 digits'),
  service: ServiceId,
  issuedAt: Timestamp,
  plate: Plate.optional(),
  phone: Phone.optional(),
  notifyConsent: z.boolean().optional(),
  language: CustomerLanguage.optional(),
  ...Command,
});
export const OfflineSyncRequest = z.strictObject({ tickets: z.array(OfflineTicket).min(1).max(500) });
export type OfflineSyncRequest = z.infer<typeof OfflineSyncRequest>;

export const NumberBlockRequest = z.strictObject({ size: z.number().int().min(5).max(200).default(20), ...Command });
export const NumberBlock = z.object({ businessDay: z.string(), prefix: z.string(), first: z.number().int(), last: z.number().int() });
export type NumberBlock = z.infer<typeof NumberBlock>;
