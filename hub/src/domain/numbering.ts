/**
 * Ticket numbering: a prefix letter per service and a sequence that restarts every business
 * day at the store's opening time, in the store's time zone. Pure: no clock, no storage.
 */
import { localDateTime } from '../../../shared/src/time.ts';

function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The business day (`YYYY-MM-DD`) an instant belongs to. Before opening time it still belongs
 * to the previous day, so a ticket at 07:59 in a store opening at 08:00 continues yesterday's
 * sequence instead of starting the new one.
 */
export function businessDay(at: Date, timeZone: string, openingTime: string): string {
  const local = localDateTime(at, timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (local.minutes < parseClock(openingTime)) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** `A` + 7 → `A007`; grows past three digits rather than wrapping (no duplicate in a day). */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${prefix}${String(sequence).padStart(3, '0')}`;
}
