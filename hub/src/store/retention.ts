/**
 * Retention of customer data (个人信息保护法). Rows older than the store's retention setting
 * (default 90 days) lose their phone numbers and have plates and names masked — in tickets,
 * jobs, appointments, vehicle arrivals, messages, the event log and the audit log — and stored idempotency replies are
 * deleted. Figures keep working: they never read these fields. Runs at start-up and daily.
 *
 * The database runs with `secure_delete` (database.ts) and the WAL is checkpointed after a run,
 * so what was removed is overwritten in the file, not merely unlinked.
 */
import type { Actor } from '../auth.ts';
import { NAME_PLACEHOLDER, retainedPlate, scrubJson } from '../domain/scrub.ts';
import type { Outcome, StoreContext } from './context.ts';

const retention: Actor = { kind: 'system', name: 'retention' };

export interface RetentionResult {
  tickets: number;
  jobs: number;
  appointments: number;
  arrivals: number;
  cases: number;
  events: number;
  audit: number;
  idempotency: number;
  messages: number;
}

/** A cheap SQL pre-filter: JSON text that may hold a phone, a plate or a name. */
const MAY_HOLD = (column: string): string => ['"phone":"', '"plate":"', '"surname":"', '"customer'].map((k) => `${column} LIKE '%${k}%'`).join(' OR ');

/** Only the texts that scrubbing changes (masked plates stay as they are: a second run finds nothing). */
function changed(rows: { id: number; text: string }[]): { id: number; scrubbed: string }[] {
  return rows.map((r) => ({ id: r.id, scrubbed: scrubJson(r.text)! })).filter((r, i) => r.scrubbed !== rows[i]!.text);
}

export function applyRetention(ctx: StoreContext): Outcome<RetentionResult> {
  const days = ctx.config.privacy.retentionDays;
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const cutoffIso = cutoff.toISOString();
  const cutoffDay = ctx.businessDay(cutoff);
  const db = ctx.db;
  const nowIso = now.toISOString();
  const stale = {
    tickets: db
      .prepare(`SELECT id, plate FROM tickets WHERE business_day < ? AND anonymized_at IS NULL AND (phone IS NOT NULL OR plate IS NOT NULL)`)
      .all(cutoffDay) as { id: number; plate: string | null }[],
    jobs: db.prepare(`SELECT id, plate FROM jobs WHERE business_day < ? AND anonymized_at IS NULL`).all(cutoffDay) as { id: number; plate: string }[],
    appointments: db.prepare(`SELECT id, plate FROM appointments WHERE scheduled_at < ? AND anonymized_at IS NULL`).all(cutoffIso) as {
      id: number;
      plate: string | null;
    }[],
    arrivals: db.prepare(`SELECT id, plate FROM arrivals WHERE business_day < ? AND anonymized_at IS NULL`).all(cutoffDay) as { id: number; plate: string }[],
    cases: db.prepare(`SELECT id, plate FROM complaint_cases WHERE business_day < ? AND anonymized_at IS NULL`).all(cutoffDay) as {
      id: number;
      plate: string | null;
    }[],
    events: changed(
      db.prepare(`SELECT seq AS id, payload AS text FROM events WHERE at < ? AND (${MAY_HOLD('payload')})`).all(cutoffIso) as { id: number; text: string }[],
    ),
    audit: changed(
      db.prepare(`SELECT id, detail AS text FROM audit_log WHERE at < ? AND (${MAY_HOLD('detail')})`).all(cutoffIso) as { id: number; text: string }[],
    ),
    idempotency: db.prepare(`SELECT COUNT(*) FROM idempotency_keys WHERE created_at < ?`).pluck().get(cutoffIso) as number,
    // Message texts carry masked plates only; the phone goes.
    messages:
      (db.prepare(`SELECT COUNT(*) FROM messages WHERE created_at < ? AND phone IS NOT NULL`).pluck().get(cutoffIso) as number) +
      (db.prepare(`SELECT COUNT(*) FROM additional_work WHERE answered_at < ? AND user_agent IS NOT NULL`).pluck().get(cutoffIso) as number) +
      (db.prepare(`SELECT COUNT(*) FROM additional_work_photos WHERE created_at < ?`).pluck().get(cutoffIso) as number),
  };
  const nothing = Object.values(stale).every((v) => (Array.isArray(v) ? v.length === 0 : v === 0));
  if (nothing)
    return {
      result: { tickets: 0, jobs: 0, appointments: 0, arrivals: 0, cases: 0, events: 0, audit: 0, idempotency: 0, messages: 0 },
      replayed: false,
      events: [],
    };
  const outcome = ctx.command({ action: 'privacy.retention', actor: retention, request: { before: cutoffIso, retentionDays: days } }, () => {
    const ticket = db.prepare('UPDATE tickets SET phone = NULL, plate = ?, anonymized_at = ? WHERE id = ?');
    for (const t of stale.tickets) ticket.run(t.plate === null ? null : retainedPlate(t.plate), nowIso, t.id);
    const job = db.prepare('UPDATE jobs SET phone = NULL, plate = ?, surname = ?, anonymized_at = ? WHERE id = ?');
    for (const j of stale.jobs) job.run(retainedPlate(j.plate), NAME_PLACEHOLDER, nowIso, j.id);
    // A booking note is free text a customer may have dictated: it goes with the names.
    const appointment = db.prepare('UPDATE appointments SET phone = NULL, plate = ?, customer_name = NULL, note = NULL, anonymized_at = ? WHERE id = ?');
    for (const a of stale.appointments) appointment.run(a.plate === null ? null : retainedPlate(a.plate), nowIso, a.id);
    const arrival = db.prepare('UPDATE arrivals SET plate = ?, anonymized_at = ? WHERE id = ?');
    for (const a of stale.arrivals) arrival.run(retainedPlate(a.plate), nowIso, a.id);
    // A case keeps its dates and status for the figures; who complained, and what they said, goes.
    const complaint = db.prepare(
      'UPDATE complaint_cases SET plate = ?, customer = NULL, phone = NULL, topic = NULL, resolution = NULL, anonymized_at = ? WHERE id = ?',
    );
    const notes = db.prepare(`UPDATE complaint_notes SET text = '' WHERE case_id = ?`);
    for (const c of stale.cases) {
      complaint.run(c.plate === null ? null : retainedPlate(c.plate), nowIso, c.id);
      notes.run(c.id);
    }
    const event = db.prepare('UPDATE events SET payload = ? WHERE seq = ?');
    for (const e of stale.events) event.run(e.scrubbed, e.id);
    const audit = db.prepare('UPDATE audit_log SET detail = ? WHERE id = ?');
    for (const a of stale.audit) audit.run(a.scrubbed, a.id);
    // A retry never comes months later: old replies (which carry phones and plates) go whole.
    db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(cutoffIso);
    db.prepare('UPDATE messages SET phone = NULL, anonymized_at = ? WHERE created_at < ? AND phone IS NOT NULL').run(nowIso, cutoffIso);
    // The phone's user agent kept with an answer on additional work goes too; the answer stays.
    db.prepare('UPDATE additional_work SET user_agent = NULL WHERE answered_at < ? AND user_agent IS NOT NULL').run(cutoffIso);
    // Photos of a car may show its plate or its owner: they go whole (the items and answer stay).
    db.prepare('DELETE FROM additional_work_photos WHERE created_at < ?').run(cutoffIso);
    return {
      tickets: stale.tickets.length,
      jobs: stale.jobs.length,
      appointments: stale.appointments.length,
      arrivals: stale.arrivals.length,
      cases: stale.cases.length,
      events: stale.events.length,
      audit: stale.audit.length,
      idempotency: stale.idempotency,
      messages: stale.messages,
    };
  });
  // Move the overwritten pages from the WAL into the file and empty the WAL.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return outcome;
}
