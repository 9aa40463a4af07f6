/**
 * Everything a scanner reads is untrusted (DESIGN.md §5): it is length-limited, restricted to
 * printable ASCII, and must match one of the codes the product prints or is given — an
 * appointment code, a ticket QR (tracking link), a job card. Anything else is rejected with a
 * reason and changes nothing. Pure.
 */
import { z } from 'zod';

export const MAX_SCAN_LENGTH = 256;

const AppointmentCode = z.string().regex(/^[A-Z0-9]{6,16}$/);

export type ScannedCode =
  { kind: 'appointment'; code: string } | { kind: 'ticket'; token: string } | { kind: 'job'; jobId: number } | { kind: 'rejected'; reason: string };

export function classifyScan(raw: unknown): ScannedCode {
  if (typeof raw !== 'string') return { kind: 'rejected', reason: 'not text' };
  if (raw.length === 0) return { kind: 'rejected', reason: 'empty' };
  if (raw.length > MAX_SCAN_LENGTH) return { kind: 'rejected', reason: `longer than ${MAX_SCAN_LENGTH} characters` };
  if (/[^\x20-\x7e]/.test(raw)) return { kind: 'rejected', reason: 'contains control or non-ASCII characters' };
  const text = raw.trim();
  const ticket = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/t\/([0-9a-f]{32})$/.exec(text);
  if (ticket) return { kind: 'ticket', token: ticket[2]! };
  const job = /^J0*(\d{1,9})$/.exec(text);
  if (job) return { kind: 'job', jobId: Number(job[1]) };
  const appointment = /^(?:APPT:)?([A-Z0-9]{6,16})$/.exec(text);
  if (appointment && AppointmentCode.safeParse(appointment[1]).success) return { kind: 'appointment', code: appointment[1]! };
  return { kind: 'rejected', reason: 'not a ticket, job card or appointment code' };
}
