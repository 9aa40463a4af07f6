/**
 * The outbox's table (issue #15): rows in `messages` as they are queued, picked up when due, and
 * settled by the dispatcher (sent only on the provider's success, retried later, or failed). A
 * message's `dedupe_key` names its cause, so one cause queues one row however often it recurs.
 */
import { randomUUID } from 'node:crypto';
import type { MessageType } from '../notify/policy.ts';
import type { StoreContext } from './context.ts';

export type MessageStatus = 'queued' | 'sent' | 'failed';

export interface MessageRow {
  id: string;
  dedupe_key: string;
  type: MessageType;
  audience: 'customer' | 'staff';
  phone: string | null;
  ticket_id: number | null;
  job_id: number | null;
  ticket_number: string | null;
  text: string;
  link: string | null;
  params: string;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  channel: string | null;
  created_at: string;
  sent_at: string | null;
}

/** What staff see of a message: never the phone or the text's link token. */
export interface MessageStatusView {
  id: string;
  type: MessageType;
  status: MessageStatus;
  attempts: number;
  /** The provider's reason for the last failure (or why it waits: quiet_hours, rate_limited). */
  lastError: string | null;
  channel: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

export interface NewMessage {
  dedupeKey: string;
  type: MessageType;
  audience: 'customer' | 'staff';
  phone: string | null;
  ticketId?: number | null;
  jobId?: number | null;
  appointmentId?: number | null;
  ticketNumber?: string | null;
  text: string;
  link?: string | null;
  params?: Record<string, string>;
}

export class MessageQueue {
  constructor(private readonly ctx: StoreContext) {}

  private get db() {
    return this.ctx.db;
  }

  /** Queues a message once per cause: a second with the same dedupe key changes nothing. */
  insert(m: NewMessage): void {
    const now = this.ctx.nowIso();
    const statement = this.db.prepare(
      `INSERT INTO messages (id, dedupe_key, type, audience, phone, ticket_id, job_id, appointment_id, ticket_number, text, link, params, status,
                             next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)
         ON CONFLICT (dedupe_key) DO NOTHING`,
    );
    statement.run(
      randomUUID(),
      m.dedupeKey,
      m.type,
      m.audience,
      m.phone,
      m.ticketId ?? null,
      m.jobId ?? null,
      m.appointmentId ?? null,
      m.ticketNumber ?? null,
      m.text,
      m.link ?? null,
      JSON.stringify(m.params ?? {}),
      now,
      now,
    );
  }

  /** Queues a test message, its own cause (`test:<id>`); returns its id. */
  insertTest(target: { audience: 'customer'; phone: string } | { audience: 'staff' }, text: string): string {
    const id = randomUUID();
    const now = this.ctx.nowIso();
    this.db
      .prepare(
        `INSERT INTO messages (id, dedupe_key, type, audience, phone, text, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      )
      .run(
        id,
        `test:${id}`,
        target.audience === 'customer' ? 'customer.test' : 'staff.test',
        target.audience,
        target.audience === 'customer' ? target.phone : null,
        text,
        now,
        now,
      );
    return id;
  }

  due(limit = 20): MessageRow[] {
    return this.db
      .prepare(`SELECT * FROM messages WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?`)
      .all(this.ctx.nowIso(), limit) as MessageRow[];
  }

  /** When messages to this phone went out in the last hour (rate limit). */
  sentToPhone(phone: string): number[] {
    const since = new Date(this.ctx.now().getTime() - 3_600_000).toISOString();
    return (this.db.prepare(`SELECT sent_at FROM messages WHERE phone = ? AND status = 'sent' AND sent_at > ?`).all(phone, since) as { sent_at: string }[]).map(
      (r) => Date.parse(r.sent_at),
    );
  }

  /** Only after the provider answered 2xx (or errcode 0): a message is never marked sent on hope. */
  markSent(id: string, channel: string): void {
    this.db
      .prepare(`UPDATE messages SET status = 'sent', sent_at = ?, channel = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND status = 'queued'`)
      .run(this.ctx.nowIso(), channel, id);
  }

  /** Tried and refused (attempt counted), or held by policy (not counted); tried again at `at`. */
  retryAt(id: string, at: Date, reason: string, attempted: boolean, channel: string | null): void {
    this.db
      .prepare(
        `UPDATE messages SET next_attempt_at = ?, last_error = ?, attempts = attempts + ?, channel = COALESCE(?, channel) WHERE id = ? AND status = 'queued'`,
      )
      .run(at.toISOString(), reason, attempted ? 1 : 0, channel, id);
  }

  markFailed(id: string, reason: string): void {
    this.db.prepare(`UPDATE messages SET status = 'failed', last_error = ? WHERE id = ? AND status = 'queued'`).run(reason, id);
  }

  get(id: string): MessageRow | null {
    return (this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined) ?? null;
  }

  /** Messages about a job (and the ticket it came from), oldest first, for the desk. */
  forJob(jobId: number): MessageStatusView[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM messages WHERE job_id = @job
            OR (ticket_id IS NOT NULL AND ticket_id = (SELECT ticket_id FROM jobs WHERE id = @job))
         ORDER BY created_at, rowid`,
      )
      .all({ job: jobId }) as MessageRow[];
    return rows.map(toStatusView);
  }
}

export function toStatusView(r: MessageRow): MessageStatusView {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    channel: r.channel,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.status === 'queued' ? r.next_attempt_at : null,
  };
}
