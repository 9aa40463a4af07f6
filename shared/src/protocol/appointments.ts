/** The protocol: Appointments. */
import { z } from 'zod';
import { ServiceId } from '../services.ts';
import { AppointmentCode, Command, Phone, Plate, Timestamp, text } from './building-blocks.ts';
import { CustomerLanguage } from './tickets.ts';

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
  /** The day's load per local hour against what its slots can take (all services). */
  loadByHour: z.array(z.object({ hour: z.string(), booked: z.number().int(), capacity: z.number().int() })),
});
export type AppointmentFigures = z.infer<typeof AppointmentFigures>;
