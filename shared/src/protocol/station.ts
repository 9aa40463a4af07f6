/** The protocol: Station (kiosk). */
import { z } from 'zod';
import { LANGUAGES } from '../i18n.ts';
import { IssueTicketRequest, Ticket } from './tickets.ts';

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
