/**
 * The hub's queue state in SQLite. Every change is one transaction that also appends to the
 * event log, so what is pushed to clients is exactly what was committed, in `seq` order.
 * Callers broadcast the returned events only after the method returned (i.e. committed).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { HubEvent, IssueTicketRequest, PublicTicket, QueueSnapshot, RecentCall, Ticket } from '../../shared/src/protocol.ts';
import { RECENT_CALLS_KEPT } from '../../shared/src/protocol.ts';
import type { ServiceConfig, StoreConfig } from '../../shared/src/services.ts';
import type { Db } from './db/database.ts';
import { businessDay, formatTicketNumber } from './domain/numbering.ts';
import { countAhead, pickNext, type WaitingTicket } from './domain/queue.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** An expected refusal: carries the HTTP status and a message meant for the person asking. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Outcome<T> {
  result: T;
  /** True when an idempotency key matched an earlier request: nothing was changed. */
  replayed: boolean;
  /** Committed events to push, in order. */
  events: HubEvent[];
}

interface TicketRow {
  id: number;
  business_day: string;
  service: string;
  number: string;
  plate: string | null;
  phone: string | null;
  priority: number;
  status: 'waiting' | 'called' | 'done';
  issued_at: string;
  called_at: string | null;
  counter_id: string | null;
  tracking_token: string;
}

type EventBody = HubEvent extends infer E ? (E extends HubEvent ? Omit<E, 'seq'> : never) : never;

export class QueueStore {
  constructor(
    private readonly db: Db,
    private readonly config: StoreConfig,
    private readonly clock: Clock = systemClock,
    private readonly newToken: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  currentBusinessDay(): string {
    return businessDay(this.clock.now(), this.config.timeZone, this.config.openingTime);
  }

  issueTicket(request: IssueTicketRequest): Outcome<Ticket> {
    const service = this.service(request.service);
    const requestHash = hashOf({ service: request.service, plate: request.plate ?? null, phone: request.phone ?? null });
    return this.db.transaction((): Outcome<Ticket> => {
      const earlier = this.idempotentAnswer('issue-ticket', request.idempotencyKey, requestHash);
      if (earlier) return { result: earlier.response as Ticket, replayed: true, events: [] };

      const now = this.clock.now();
      const day = businessDay(now, this.config.timeZone, this.config.openingTime);
      const sequence = this.nextSequence(day, service.prefix);
      const row = this.db
        .prepare(
          `INSERT INTO tickets (business_day, service, number, plate, phone, priority, status, issued_at, tracking_token)
           VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?) RETURNING *`,
        )
        .get(
          day,
          service.id,
          formatTicketNumber(service.prefix, sequence),
          request.plate ?? null,
          request.phone ?? null,
          service.priority ? 1 : 0,
          now.toISOString(),
          this.newToken(),
        ) as TicketRow;
      const ticket = this.toTicket(row);
      const events = [this.appendEvent({ type: 'ticket.issued', at: row.issued_at, ticket: toPublic(ticket) })];
      this.rememberAnswer('issue-ticket', request.idempotencyKey, requestHash, 201, ticket);
      return { result: ticket, replayed: false, events };
    })();
  }

  /** Calls the next ticket for a counter; the ticket it called before is finished. */
  callNext(counterId: string, idempotencyKey?: string): Outcome<Ticket | null> {
    const counter = this.config.counters.find((c) => c.id === counterId);
    if (!counter) throw new HubError(404, 'unknown_counter', `counter ${counterId} does not exist`);
    const requestHash = hashOf({ counterId });
    return this.db.transaction((): Outcome<Ticket | null> => {
      if (idempotencyKey) {
        const earlier = this.idempotentAnswer('call-next', idempotencyKey, requestHash);
        if (earlier) return { result: earlier.response as Ticket | null, replayed: true, events: [] };
      }
      const now = this.clock.now().toISOString();
      const events: HubEvent[] = [];
      const finished = this.db
        .prepare(`UPDATE tickets SET status = 'done' WHERE counter_id = ? AND status = 'called' RETURNING *`)
        .all(counterId) as TicketRow[];
      for (const row of finished) {
        events.push(this.appendEvent({ type: 'ticket.done', at: now, ticket: toPublic(this.toTicket(row)) }));
      }
      const next = pickNext(this.waitingTickets(), counter);
      let ticket: Ticket | null = null;
      if (next) {
        const row = this.db
          .prepare(`UPDATE tickets SET status = 'called', called_at = ?, counter_id = ? WHERE id = ? RETURNING *`)
          .get(now, counterId, next.id) as TicketRow;
        ticket = this.toTicket(row);
        events.push(this.appendEvent({ type: 'ticket.called', at: now, ticket: toPublic(ticket) }));
      }
      if (idempotencyKey) this.rememberAnswer('call-next', idempotencyKey, requestHash, ticket ? 200 : 204, ticket);
      return { result: ticket, replayed: false, events };
    })();
  }

  /** The public queue as of the latest event, read in one transaction so `seq` matches. */
  snapshot(): QueueSnapshot {
    return this.db.transaction((): QueueSnapshot => {
      const day = this.currentBusinessDay();
      const waiting: Record<string, string[]> = {};
      for (const s of this.config.services) waiting[s.id] = [];
      const ordered = [...this.waitingTickets()].sort((a, b) => a.issuedAt - b.issuedAt || a.id - b.id);
      for (const t of ordered) (waiting[t.service] ??= []).push(t.number);
      const recentCalls = (
        this.db
          .prepare(
            `SELECT * FROM tickets WHERE business_day = ? AND called_at IS NOT NULL
             ORDER BY called_at DESC, id DESC LIMIT ?`,
          )
          .all(day, RECENT_CALLS_KEPT) as TicketRow[]
      ).map(
        (r): RecentCall => ({ number: r.number, service: r.service, counterId: r.counter_id ?? '', calledAt: r.called_at ?? '' }),
      );
      return { seq: this.lastSeq(), businessDay: day, waiting, recentCalls };
    })();
  }

  lastSeq(): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM events').get() as { seq: number | null };
    return row.seq ?? 0;
  }

  eventsSince(seq: number, limit = 1000): HubEvent[] {
    const rows = this.db.prepare('SELECT seq, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as {
      seq: number;
      payload: string;
    }[];
    return rows.map((r) => ({ ...(JSON.parse(r.payload) as EventBody), seq: r.seq }) as HubEvent);
  }

  private service(id: string): ServiceConfig {
    const service = this.config.services.find((s) => s.id === id);
    if (!service) {
      throw new HubError(400, 'unknown_service', `service: unknown service "${id}"; offered: ${this.config.services.map((s) => s.id).join(', ')}`);
    }
    return service;
  }

  private nextSequence(day: string, prefix: string): number {
    const row = this.db
      .prepare(
        `INSERT INTO daily_sequences (business_day, prefix, last) VALUES (?, ?, 1)
         ON CONFLICT (business_day, prefix) DO UPDATE SET last = last + 1 RETURNING last`,
      )
      .get(day, prefix) as { last: number };
    return row.last;
  }

  private waitingTickets(): WaitingTicket[] {
    const rows = this.db
      .prepare(`SELECT id, number, service, priority, issued_at FROM tickets WHERE status = 'waiting' AND business_day = ?`)
      .all(this.currentBusinessDay()) as Pick<TicketRow, 'id' | 'number' | 'service' | 'priority' | 'issued_at'>[];
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      service: r.service,
      priority: r.priority === 1,
      issuedAt: Date.parse(r.issued_at),
    }));
  }

  private toTicket(row: TicketRow): Ticket {
    let ahead = 0;
    if (row.status === 'waiting') {
      const waiting = this.waitingTickets();
      const self = waiting.find((w) => w.id === row.id);
      if (self) ahead = countAhead(self, waiting, this.config.counters);
    }
    return {
      id: row.id,
      number: row.number,
      service: row.service,
      status: row.status,
      businessDay: row.business_day,
      issuedAt: row.issued_at,
      calledAt: row.called_at,
      counterId: row.counter_id,
      plate: row.plate,
      phone: row.phone,
      ahead,
      trackingToken: row.tracking_token,
    };
  }

  private appendEvent(body: EventBody): HubEvent {
    const row = this.db
      .prepare('INSERT INTO events (type, payload, at) VALUES (?, ?, ?) RETURNING seq')
      .get(body.type, JSON.stringify(body), body.at) as { seq: number };
    return { ...body, seq: row.seq } as HubEvent;
  }

  private idempotentAnswer(scope: string, key: string, requestHash: string): { response: unknown } | undefined {
    const row = this.db.prepare('SELECT scope, request_hash, response FROM idempotency_keys WHERE key = ?').get(key) as
      | { scope: string; request_hash: string; response: string | null }
      | undefined;
    if (!row) return undefined;
    if (row.scope !== scope || row.request_hash !== requestHash) {
      throw new HubError(409, 'idempotency_conflict', 'idempotencyKey: this key was already used for a different request');
    }
    return { response: row.response === null ? null : JSON.parse(row.response) };
  }

  private rememberAnswer(scope: string, key: string, requestHash: string, status: number, response: unknown): void {
    this.db
      .prepare('INSERT INTO idempotency_keys (key, scope, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key, scope, requestHash, status, response === null ? null : JSON.stringify(response), this.clock.now().toISOString());
  }
}

export function toPublic(ticket: Ticket): PublicTicket {
  const { number, service, status, issuedAt, calledAt, counterId } = ticket;
  return { number, service, status, issuedAt, calledAt, counterId };
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
