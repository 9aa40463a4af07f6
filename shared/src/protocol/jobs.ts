/** The protocol: Jobs (vehicle progress). */
import { z } from 'zod';
import { ServiceId } from '../services.ts';
import { Command, Phone, Plate, Timestamp, text } from './building-blocks.ts';

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
