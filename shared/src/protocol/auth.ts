/** The protocol: Auth. */
import { z } from 'zod';
import { Command, Plate, text } from './building-blocks.ts';

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
