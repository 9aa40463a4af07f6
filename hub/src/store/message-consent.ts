/**
 * Who may get a customer message, read inside the transaction that causes it: only a customer
 * who agreed (notify_consent_at, migration 7), in the language they used at the kiosk
 * (migration 11), else the store's.
 */
import type { Db } from '../db/database.ts';
import type { Language } from '../../../shared/src/i18n.ts';

export interface ConsentedTicket {
  id: number;
  number: string;
  plate: string | null;
  phone: string;
  language: Language;
}

/** A ticket's customer, when they gave a phone and agreed to messages. */
export function consentedTicket(db: Db, ticketId: number, storeLanguage: Language): ConsentedTicket | null {
  const row = db.prepare('SELECT id, number, plate, phone, notify_consent_at, language FROM tickets WHERE id = ?').get(ticketId) as
    { id: number; number: string; plate: string | null; phone: string | null; notify_consent_at: string | null; language: Language | null } | undefined;
  if (!row?.phone || !row.notify_consent_at) return null;
  return { id: row.id, number: row.number, plate: row.plate, phone: row.phone, language: row.language ?? storeLanguage };
}

/**
 * The job's own consented phone, else that of the ticket it came from (consent covers the
 * visit); in the language of the ticket the job came from, else the store's.
 */
export function consentedJobPhone(db: Db, jobId: number, storeLanguage: Language): { phone: string; language: Language } | null {
  const row = db
    .prepare('SELECT j.phone, j.notify_consent_at, j.ticket_id, t.language FROM jobs j LEFT JOIN tickets t ON t.id = j.ticket_id WHERE j.id = ?')
    .get(jobId) as { phone: string | null; notify_consent_at: string | null; ticket_id: number | null; language: Language | null } | undefined;
  if (!row) return null;
  const language = row.language ?? storeLanguage;
  if (row.phone && row.notify_consent_at) return { phone: row.phone, language };
  const ticket = row.ticket_id !== null ? consentedTicket(db, row.ticket_id, storeLanguage) : null;
  return ticket ? { phone: ticket.phone, language } : null;
}
