/** The protocol: Building blocks. */
import { z } from 'zod';
import { isValidPhone, isValidPlate, normalizePhone, normalizePlate } from '../plate.ts';

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

export const Timestamp = z.iso.datetime({ offset: true, error: 'a timestamp is an ISO 8601 date-time, e.g. 2026-11-24T09:30:00+08:00' });
export const AppointmentCode = z.string().regex(/^[A-Z0-9]{6,16}$/, 'an appointment code is 6–16 capital letters or digits');

/** Mutating requests carry an idempotency key: a retry gets the first answer, never a second change. */
export const Command = { idempotencyKey: IdempotencyKey };
