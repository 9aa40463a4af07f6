/** The protocol: Alerts. */
import { z } from 'zod';

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
