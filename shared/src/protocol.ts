/**
 * The one protocol of the product: every request body, response and pushed event that crosses
 * a process boundary, as zod schemas with their TypeScript types. Hub, station and pages all
 * import from here (STYLE.md practice 1), and the hub's OpenAPI document is generated from
 * these same schemas.
 */
import { z } from 'zod';
import type { HeadStarts } from './calling-order.ts';
import { LANGUAGES } from './i18n.ts';
import { isValidPhone, isValidPlate, normalizePhone, normalizePlate } from './plate.ts';
import { ServiceId } from './services.ts';
import { TICKET_STATUSES } from './ticket-lifecycle.ts';

// ─── Building blocks ─────────────────────────────────────────────────────────────────────

export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an idempotency key is 8–64 letters, digits, - or _');

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

/** NUL and other control characters (tab, newline and carriage return are fine). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Half of a UTF-16 surrogate pair on its own: not a character, breaks storage and display. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text a person typed or a device reported: at most `max` characters, no control characters, whole Unicode. */
export function text(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !CONTROL_CHARACTER.test(s), 'control characters (such as NUL) are not allowed')
    .refine((s) => !LONE_SURROGATE.test(s), 'broken Unicode (a lone surrogate) is not allowed');
}

export const CounterIdParam = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a counter id is 1–16 letters, digits or dashes');
export const CounterPath = z.strictObject({ counterId: CounterIdParam });
export const IdPath = z.strictObject({ id: z.coerce.number().int().positive('id must be a positive whole number') });
export const TokenPath = z.strictObject({ token: z.string().regex(/^[0-9a-f]{32}$/, 'a tracking token is 32 hex digits') });

const Timestamp = z.iso.datetime({ offset: true, error: 'a timestamp is an ISO 8601 date-time, e.g. 2026-11-24T09:30:00+08:00' });
const AppointmentCode = z.string().regex(/^[A-Z0-9]{6,16}$/, 'an appointment code is 6–16 capital letters or digits');

/** Mutating requests carry an idempotency key: a retry gets the first answer, never a second change. */
const Command = { idempotencyKey: IdempotencyKey };

// ─── Tickets ────────────────────────────────────────────────────────────────────────────

/**
 * `expired`: still open when its business day closed (never counted as served);
 * `void`: a duplicate closed when a kiosk's offline ticket for the same request was reconciled.
 */
/** Statuses and allowed actions are defined once, in ticket-lifecycle.ts. */
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

// ─── Counters ───────────────────────────────────────────────────────────────────────────

export const CounterState = z.enum(['open', 'paused', 'closed']);
export const CounterStateRequest = z.strictObject({
  state: CounterState,
  reason: z.enum(['break', 'phone', 'test_drive', 'other']).optional(),
  ...Command,
});
export const CounterStatus = z.object({
  counterId: z.string(),
  state: CounterState,
  reason: z.string().nullable(),
  since: z.string(),
  /** The ticket it holds (called or serving), if any. */
  ticketNumber: z.string().nullable(),
  /** Calls the next ticket by itself this many seconds after the advisor finishes. */
  autoCall: z.boolean(),
  graceSeconds: z.number().int(),
  /** When a pending automatic call will happen (cancellable until then). */
  pendingCallAt: z.string().nullable(),
});
export type CounterStatus = z.infer<typeof CounterStatus>;

// ─── Appointments ───────────────────────────────────────────────────────────────────────

export const CreateAppointmentRequest = z.strictObject({
  service: ServiceId,
  scheduledAt: Timestamp,
  plate: Plate.optional(),
  phone: Phone.optional(),
  customerName: text(40).min(1).optional(),
  note: text(200).optional(),
  /** The customer agreed to the confirmation and reminder on `phone`; recorded with time and source. */
  notifyConsent: z.boolean().optional(),
  /** The language the customer chose at booking; their messages use it (else the store's). */
  language: CustomerLanguage.optional(),
  /** The DMS's own code, if it has one; otherwise the hub makes one. */
  code: AppointmentCode.optional(),
  ...Command,
});
export type CreateAppointmentRequest = z.infer<typeof CreateAppointmentRequest>;
/** Moves an appointment to another slot (and optionally another service); capacity is checked again. */
export const MoveAppointmentRequest = z.strictObject({ scheduledAt: Timestamp, service: ServiceId.optional(), ...Command });
export const CancelAppointmentRequest = z.strictObject({ reason: text(100).optional(), ...Command });

/** booked → arrived (checked in), cancelled, or no_show (not arrived by the end of the late window). */
export const AppointmentStatus = z.enum(['booked', 'arrived', 'cancelled', 'no_show']);
export const Appointment = z.object({
  id: z.number().int(),
  code: z.string(),
  service: z.string(),
  scheduledAt: z.string(),
  plate: z.string().nullable(),
  phone: z.string().nullable(),
  customerName: z.string().nullable(),
  checkedInTicketId: z.number().int().nullable(),
  /** Absent from older hubs. */
  note: z.string().nullable().optional(),
  status: AppointmentStatus.optional(),
  source: z.string().optional(),
  arrivedAt: z.string().nullable().optional(),
  cancelledAt: z.string().nullable().optional(),
  remindedAt: z.string().nullable().optional(),
  /** When the customer agreed to messages on the phone (null: none will be sent). */
  notifyConsentAt: z.string().nullable().optional(),
  language: CustomerLanguage.nullable().optional(),
});
export type Appointment = z.infer<typeof Appointment>;

export const SlotsQuery = z.strictObject({
  date: z.iso.date({ error: 'date is YYYY-MM-DD' }).optional(),
  service: ServiceId,
  /** A wanted time: the answer then proposes the nearest least-loaded slots with room. */
  at: Timestamp.optional(),
});
export const SlotView = z.object({ start: z.string(), load: z.number().int(), capacity: z.number().int(), state: z.enum(['free', 'busy', 'full']) });
export const SlotsAnswer = z.object({ day: z.string(), service: z.string(), slots: z.array(SlotView), proposals: z.array(z.string()) });
export type SlotsAnswer = z.infer<typeof SlotsAnswer>;

/** A DMS/OEM export, base64 of its bytes (UTF-8 or GB18030); `commit: false` previews only. */
export const ImportAppointmentsRequest = z.strictObject({
  csv: z.string().max(2_000_000, 'at most about 1.5 MB'),
  commit: z.boolean(),
  ...Command,
});
export const ImportAnswer = z.object({
  encoding: z.enum(['utf-8', 'gb18030']),
  rows: z.array(
    z.object({
      row: z.number().int(),
      service: z.string(),
      scheduledAt: z.string(),
      plate: z.string().nullable(),
      customerName: z.string().nullable(),
      status: z.enum(['new', 'duplicate']),
      /** The DMS booked it past this store's slot capacity: imported all the same, shown to the manager. */
      overCapacity: z.boolean(),
    }),
  ),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  created: z.number().int(),
});
export type ImportAnswer = z.infer<typeof ImportAnswer>;

/** The day's appointment figures (预约率, on-time arrival, no-shows). */
export const AppointmentFigures = z.object({
  day: z.string(),
  booked: z.number().int(),
  arrived: z.number().int(),
  onTime: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  /** Vehicles and tickets that arrived today; the share is appointment arrivals among them. */
  arrivals: z.number().int(),
  appointmentShare: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});
export type AppointmentFigures = z.infer<typeof AppointmentFigures>;

// ─── Jobs (vehicle progress) ────────────────────────────────────────────────────────────

export const JobStage = z.enum(['reception', 'waiting', 'repair', 'parts', 'qc', 'wash', 'ready', 'delivered']);
export type JobStage = z.infer<typeof JobStage>;

export const CustomerTitle = z.enum(['先生', '女士', 'Mr', 'Ms']);
export type CustomerTitle = z.infer<typeof CustomerTitle>;

export const CreateJobRequest = z.strictObject({
  ticketId: z.number().int().positive().optional(),
  plate: Plate,
  model: text(40).min(1),
  /** Family name only (严守客户秘密): shown to the public as e.g. 王先生. */
  surname: text(10).min(1),
  title: CustomerTitle,
  phone: Phone.optional(),
  /** The customer agreed to progress messages on `phone`; a phone is stored only with it. */
  notifyConsent: z.boolean().optional(),
  services: z.array(ServiceId).min(1).max(10),
  promisedAt: Timestamp,
  wash: z.boolean(),
  bay: text(16).min(1).optional(),
  ...Command,
});
export type CreateJobRequest = z.infer<typeof CreateJobRequest>;

export const MoveJobRequest = z.strictObject({ to: JobStage, ...Command });
/** One item of additional work (增项): what, and parts plus labour in yuan (to the fen). */
export const AdditionalWorkItem = z.strictObject({
  description: text(60).min(1),
  priceYuan: z
    .number()
    .nonnegative()
    .max(1_000_000)
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'a price has at most two decimals (fen)'),
});
export type AdditionalWorkItem = z.infer<typeof AdditionalWorkItem>;

/** Items for the customer to approve one by one (phone page or desk); a note alone is the older form the advisor relays. */
export const AdditionalWorkRequest = z
  .strictObject({ items: z.array(AdditionalWorkItem).min(1).max(10).optional(), note: text(200).min(1).optional(), ...Command })
  .refine((r) => r.items !== undefined || r.note !== undefined, { path: ['items'], message: 'add at least one item' });
export type AdditionalWorkRequest = z.infer<typeof AdditionalWorkRequest>;
export const AdditionalWorkAnswer = z.strictObject({ approved: z.boolean(), ...Command });

export const ItemApproval = z.strictObject({ itemIndex: z.number().int().min(0).max(9), approved: z.boolean() });
export type ItemApproval = z.infer<typeof ItemApproval>;
/** The customer's answer on the phone page: every item, approved or declined, and the language it was shown in. */
export const PhoneWorkAnswer = z.strictObject({
  approvals: z.array(ItemApproval).min(1).max(10),
  language: z.enum(['zh-CN', 'zh-TW', 'en']).optional(),
  ...Command,
});
/** An answer given at the desk, in person or by phone call, recorded by the advisor. */
export const DeskWorkAnswer = z.strictObject({ approvals: z.array(ItemApproval).min(1).max(10), source: z.enum(['in_person', 'phone_call']), ...Command });
export const WorkPath = z.strictObject({
  id: z.coerce.number().int().positive('id must be a positive whole number'),
  workId: z.coerce.number().int().positive('workId must be a positive whole number'),
});
export const TrackWorkPath = z.strictObject({
  token: z.string().regex(/^[0-9a-f]{32}$/, 'a tracking token is 32 hex digits'),
  workId: z.coerce.number().int().positive('workId must be a positive whole number'),
});

/** Additional work and its answer, as the customer's phone page and the staff consoles show it. */
export const AdditionalWork = z.object({
  id: z.number().int(),
  items: z.array(z.object({ description: z.string(), priceYuan: z.number() })),
  note: z.string().nullable(),
  totalYuan: z.number(),
  status: z.enum(['pending', 'answered']),
  createdAt: z.string(),
  answer: z.array(z.object({ itemIndex: z.number().int(), approved: z.boolean() })).nullable(),
  answeredAt: z.string().nullable(),
  answerSource: z.enum(['phone', 'in_person', 'phone_call']).nullable(),
  /** Ids of its photos, oldest first (absent from older hubs). */
  photos: z.array(z.number().int()).optional(),
});
export type AdditionalWork = z.infer<typeof AdditionalWork>;

/** At most this many photos per additional work, each at most this many bytes (a phone photo downscaled by the page). */
export const WORK_PHOTO_LIMITS = { count: 4, bytes: 700_000 } as const;
/** A photo of additional work, taken on the workshop tablet or uploaded at the desk. */
export const AddWorkPhotoRequest = z.strictObject({
  contentType: z.enum(['image/jpeg', 'image/png']),
  /** The image, base64; the hub checks its size and that it is the image it says it is. */
  dataBase64: z.string().min(1).max(1_000_000),
  ...Command,
});
export const WorkPhotoPath = z.strictObject({
  id: z.coerce.number().int().positive('id must be a positive whole number'),
  workId: z.coerce.number().int().positive('workId must be a positive whole number'),
  photoId: z.coerce.number().int().positive('photoId must be a positive whole number'),
});
export const TrackWorkPhotoPath = z.strictObject({
  token: z.string().regex(/^[0-9a-f]{32}$/, 'a tracking token is 32 hex digits'),
  workId: z.coerce.number().int().positive('workId must be a positive whole number'),
  photoId: z.coerce.number().int().positive('photoId must be a positive whole number'),
});

export const StageSpan = z.object({ stage: JobStage, startedAt: z.string(), endedAt: z.string().nullable() });

/** What a lounge screen or the phone tracking page may show of a job. */
export const PublicJob = z.object({
  trackingToken: z.string().optional(),
  publicId: z.string(),
  maskedPlate: z.string(),
  model: z.string(),
  customer: z.string(),
  services: z.array(z.string()),
  stage: JobStage,
  stageStartedAt: z.string(),
  promisedAt: z.string(),
  estimatedReadyAt: z.string(),
  overdue: z.boolean(),
  wash: z.boolean(),
  additionalWorkPending: z.boolean(),
  history: z.array(StageSpan),
});
export type PublicJob = z.infer<typeof PublicJob>;

export const Job = PublicJob.extend({
  id: z.number().int(),
  ticketId: z.number().int().nullable(),
  plate: z.string(),
  surname: z.string(),
  title: z.string(),
  phone: z.string().nullable(),
  bay: z.string().nullable(),
  additionalWorkNote: z.string().nullable(),
  trackingToken: z.string(),
  createdAt: z.string(),
  /** Priced additional work and the customer's answers (absent from older hubs). */
  additionalWork: z.array(AdditionalWork).optional(),
});
export type Job = z.infer<typeof Job>;

// ─── Arrivals and pre-inspection bays (预检区, issue #16 §2) ─────────────────────────────

export const BayId = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a bay is 1–16 letters, digits or dashes, e.g. P1');
/** Where a vehicle's arrival was registered: the kiosk (plate), the desk, the guard's tablet, a job, an appointment. */
export const ArrivalSource = z.enum(['kiosk', 'desk', 'guard', 'job', 'appointment']);
export type ArrivalSource = z.infer<typeof ArrivalSource>;
/** inspected: its job moved on or staff finished pre-inspection; left: drove away; day_closed: still open at day close. */
export const ArrivalLeftReason = z.enum(['inspected', 'left', 'day_closed']);

export const Arrival = z.object({
  id: z.number().int(),
  businessDay: z.string(),
  plate: z.string(),
  maskedPlate: z.string(),
  bay: z.string().nullable(),
  source: ArrivalSource,
  arrivedAt: z.string(),
  ticketId: z.number().int().nullable(),
  jobId: z.number().int().nullable(),
  leftAt: z.string().nullable(),
  leftReason: ArrivalLeftReason.nullable(),
});
export type Arrival = z.infer<typeof Arrival>;

export const RegisterArrivalRequest = z.strictObject({
  plate: Plate,
  /** Omitted: the vehicle waits in the drive for a free bay. */
  bay: BayId.optional(),
  source: z.enum(['desk', 'guard']).default('desk'),
  ...Command,
});
export type RegisterArrivalRequest = z.infer<typeof RegisterArrivalRequest>;
export const ArrivalBayRequest = z.strictObject({ bay: BayId.nullable(), ...Command });
export const ReleaseArrivalRequest = z.strictObject({ reason: z.enum(['inspected', 'left']), ...Command });

export const BayVehicle = Arrival.extend({ dwellMinutes: z.number().int().nonnegative() });
export type BayVehicle = z.infer<typeof BayVehicle>;
/** The pre-inspection area now: each configured bay with its vehicle, and the vehicles waiting for one. */
export const BayView = z.object({
  bays: z.array(z.object({ bay: z.string(), vehicle: BayVehicle.nullable() })),
  waiting: z.array(BayVehicle),
  /** Vehicles arrived and not yet past pre-inspection (the ≥ limit rule counts these). */
  count: z.number().int().nonnegative(),
  congestionLimit: z.number().int(),
  dwellLimitMinutes: z.number().int(),
});
export type BayView = z.infer<typeof BayView>;

// ─── Complaint cases (issue #16 §3) ─────────────────────────────────────────────────────

export const OpenCaseRequest = z.strictObject({
  /** What the customer complains about; a case opened from the kiosk starts without one. */
  topic: text(200).min(1),
  ticketId: z.number().int().positive().optional(),
  jobId: z.number().int().positive().optional(),
  plate: Plate.optional(),
  /** Surname and title, e.g. 王先生. */
  customer: text(20).min(1).optional(),
  phone: Phone.optional(),
  owner: text(40).min(1).optional(),
  promisedReplyAt: Timestamp.optional(),
  ...Command,
});
export type OpenCaseRequest = z.infer<typeof OpenCaseRequest>;
/** `contact: true` records the first (or a later) contact with the customer. */
export const CaseNoteRequest = z.strictObject({ text: text(500).min(1), contact: z.boolean().default(false), ...Command });
export const AssignCaseRequest = z.strictObject({ owner: text(40).min(1), promisedReplyAt: Timestamp.optional(), ...Command });
export const CloseCaseRequest = z.strictObject({ resolution: text(500).min(1), ...Command });

export const ComplaintCase = z.object({
  id: z.number().int(),
  businessDay: z.string(),
  ticketId: z.number().int().nullable(),
  jobId: z.number().int().nullable(),
  /** Masked: a case list may be read in the store's open spaces. */
  maskedPlate: z.string().nullable(),
  customer: z.string().nullable(),
  maskedPhone: z.string().nullable(),
  topic: z.string().nullable(),
  owner: z.string().nullable(),
  promisedReplyAt: z.string(),
  /** Past the promised reply time without a contact. */
  replyOverdue: z.boolean(),
  status: z.enum(['open', 'contacted', 'closed']),
  openedAt: z.string(),
  openedBy: z.string(),
  firstContactAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  notes: z.array(z.object({ at: z.string(), author: z.string(), kind: z.enum(['note', 'contact', 'close']), text: z.string() })),
});
export type ComplaintCase = z.infer<typeof ComplaintCase>;

export const CaseFigures = z.object({
  from: z.string(),
  to: z.string(),
  opened: z.number().int(),
  /** Still open now (any day). */
  open: z.number().int(),
  closed: z.number().int(),
  /** Median minutes from opening to the first contact, and to closing, of the range's cases. */
  firstContactMedianMinutes: z.number().nullable(),
  closeMedianMinutes: z.number().nullable(),
  /** Cases whose first contact came after the promised reply time (or has not come and is late). */
  repliedLate: z.number().int(),
});
export type CaseFigures = z.infer<typeof CaseFigures>;

// ─── Alerts ─────────────────────────────────────────────────────────────────────────────

/** Every kind of alert the hub raises; the consoles group alerts by kind. */
export const ALERT_KINDS = [
  'greeting_wait',
  'preinspection_congestion',
  'preinspection_dwell',
  'printer_fault',
  'device_fault',
  'offline_ticket_refused',
  'access_attempts',
  'complaint_case',
  'complaint_overdue',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const isAlertKind = (kind: string): kind is AlertKind => (ALERT_KINDS as readonly string[]).includes(kind);

export const Alert = z.object({
  id: z.number().int(),
  kind: z.string(),
  audience: z.enum(['desk', 'manager']),
  subject: z.record(z.string(), z.union([z.string(), z.number()])),
  businessDay: z.string(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

// ─── Auth ───────────────────────────────────────────────────────────────────────────────

export const StaffRole = z.enum(['advisor', 'workshop', 'manager', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;
export const DeviceRole = z.enum(['kiosk', 'desk', 'display', 'integration']);
export type DeviceRole = z.infer<typeof DeviceRole>;

const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4–8 digits');
export const LoginRequest = z.strictObject({ pin: Pin });
export const CreateStaffRequest = z.strictObject({ name: text(40).min(1), role: StaffRole, pin: Pin, ...Command });
export const PairingCodeRequest = z.strictObject({ name: text(40).min(1), role: DeviceRole, ...Command });
export const PairRequest = z.strictObject({ code: z.string().regex(/^\d{8}$/, 'a pairing code is 8 digits') });

/** A station's report on its scanners, call buttons and printer. */
export const DeviceHealthReport = z.strictObject({
  devices: z
    .array(
      z.strictObject({
        name: text(60).min(1),
        kind: z.enum(['scanner', 'call-button', 'printer']),
        connected: z.boolean(),
        lastSeen: z.iso.datetime({ offset: true }).nullable(),
        errors: z.number().int().nonnegative(),
        lastError: text(300).nullable(),
      }),
    )
    .max(20),
});
export type DeviceHealthReport = z.infer<typeof DeviceHealthReport>;

const Score = z.number().int().min(1, 'scores are 1 to 5').max(5, 'scores are 1 to 5');
export const SURVEY_ITEMS = ['overall', 'advisor', 'speed', 'lounge'] as const;

/** The on-site satisfaction survey (现场满意度调查), given at the kiosk before leaving. */
export const SurveyRequest = z
  .strictObject({
    /** From the scanned ticket QR. */
    ticketToken: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'ticketToken: scan the QR code on your ticket')
      .optional(),
    plate: Plate.optional(),
    scores: z.strictObject({ overall: Score, advisor: Score, speed: Score, lounge: Score }),
    comment: text(200).trim().optional(),
    ...Command,
  })
  .refine((r) => r.ticketToken !== undefined || r.plate !== undefined, { path: ['plate'], message: 'scan the ticket or enter the plate' });
export type SurveyRequest = z.infer<typeof SurveyRequest>;

// ─── Queue views and pushed events ──────────────────────────────────────────────────────

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
  z.object({ ...EventBase, type: TicketEventType, ticket: PublicTicket, waits: z.record(z.string(), ServiceWait), position: WaitingPosition }),
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
  /** Every committed change, in `seq` order (public projection). */
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

// ─── Station (kiosk) ────────────────────────────────────────────────────────────────────

/** What the kiosk page asks its station: a ticket, printed in the customer's language. */
export const StationTicketRequest = z
  .strictObject({ ...IssueTicketRequest.shape, language: z.enum(LANGUAGES).default('zh-CN') })
  .refine((r) => r.service !== undefined || r.appointmentCode !== undefined, { path: ['service'], message: 'choose a service (or scan an appointment)' });
export type StationTicketRequest = z.infer<typeof StationTicketRequest>;

export const PrintOutcome = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), fault: z.string(), message: z.string() })]);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export interface StationTicketResult {
  ticket: Ticket;
  print: PrintOutcome;
  /** Issued by the kiosk from its reserved numbers while the hub was unreachable; synced later. */
  offline?: boolean;
}
// (The station's HTTP answer is declared in shared/src/api/station.ts, of this same shape.)

// ─── Client-side state keeping ──────────────────────────────────────────────────────────

export const RECENT_CALLS_KEPT = 10;

const without = (list: readonly string[] | undefined, number: string): string[] => (list ?? []).filter((n) => n !== number);

/**
 * Applies one pushed event to a snapshot. Returns `null` when the event does not follow the
 * snapshot (a gap): the caller must then ask for a fresh snapshot instead of patching.
 */
export function applyEvent(snapshot: QueueSnapshot, event: HubEvent): QueueSnapshot | null {
  if (event.seq <= snapshot.seq) return snapshot;
  if (event.seq !== snapshot.seq + 1) return null;
  const next: QueueSnapshot = { ...snapshot, seq: event.seq };
  switch (event.type) {
    case 'private':
    case 'counter.state':
    case 'settings.updated':
      return next;
    case 'job.created':
    case 'job.updated': {
      const others = snapshot.jobs.filter((j) => j.publicId !== event.job.publicId);
      next.jobs = event.job.stage === 'delivered' ? others : [...others, event.job];
      return next;
    }
    default: {
      const { ticket } = event;
      const waiting: Record<string, string[]> = {};
      for (const [service, list] of Object.entries(snapshot.waiting)) waiting[service] = without(list, ticket.number);
      if (ticket.status === 'waiting') {
        const list = waiting[ticket.service] ?? [];
        // The hub's place for it; an event without one (an older hub) appends.
        list.splice(Math.min(event.position ?? list.length, list.length), 0, ticket.number);
        waiting[ticket.service] = list;
      }
      next.waiting = waiting;
      next.waits = event.waits;
      if (event.type === 'ticket.called' || event.type === 'ticket.recalled') {
        const call: RecentCall = {
          number: ticket.number,
          service: ticket.service,
          counterId: ticket.counterId ?? '',
          calledAt: ticket.calledAt ?? event.at,
        };
        const rest = snapshot.recentCalls.filter((c) => c.number !== ticket.number);
        next.recentCalls = [call, ...rest].slice(0, RECENT_CALLS_KEPT);
      }
      return next;
    }
  }
}
