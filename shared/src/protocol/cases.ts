/** The protocol: Complaint cases (issue #16 §3). */
import { z } from 'zod';
import { Command, Phone, Plate, Timestamp, text } from './building-blocks.ts';

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
