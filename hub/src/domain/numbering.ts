/**
 * Ticket numbering: a prefix letter per service and a sequence that restarts every business
 * day at the store's opening time, in the store's time zone. Pure: no clock, no storage.
 */
export { businessDay } from '../../../shared/src/time.ts';

/** `A` + 7 → `A007`; grows past three digits rather than wrapping (no duplicate in a day). */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${prefix}${String(sequence).padStart(3, '0')}`;
}
