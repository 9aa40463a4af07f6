/**
 * What every part of the hub's storage shares: the database, the store's settings, the clock,
 * and the one way to change anything — `command()`, a single SQLite transaction that checks
 * the idempotency key, applies the change, appends its events to the log (strictly increasing
 * `seq`) and writes the audit record. Callers push the returned events only after it returned,
 * i.e. after the commit (STYLE.md practice 2).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StaffEvent } from '../../../shared/src/protocol.ts';
import { StoreConfig } from '../../../shared/src/services.ts';
import { describeActor, type Actor } from '../auth.ts';
import type { Db } from '../db/database.ts';
import { businessDay } from '../domain/numbering.ts';

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
    /** The fields at fault, so a page can put a sentence next to each. */
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** A phone number is kept only for a customer who agreed to be messaged on it (个人信息保护法). */
export function consentOf(request: { phone?: string; notifyConsent?: boolean }, actor: Actor, now: string): { at: string | null; source: string | null } {
  if (request.phone && request.notifyConsent !== true) {
    throw new HubError(400, 'phone_without_consent', 'phone: a phone number is kept only when the customer agrees to progress messages (notifyConsent: true)');
  }
  return request.phone ? { at: now, source: describeActor(actor) } : { at: null, source: null };
}

export interface Outcome<T> {
  result: T;
  /** True when the idempotency key matched an earlier request: nothing was changed. */
  replayed: boolean;
  /** Committed events to push, in order. */
  events: StaffEvent[];
}

/** An event before the log gave it its `seq`. */
export type EventBody = StaffEvent extends infer E ? (E extends StaffEvent ? Omit<E, 'seq'> : never) : never;

export interface CommandSpec {
  /** Names the operation, for idempotency and the audit log, e.g. `ticket.issue`. */
  action: string;
  actor: Actor;
  idempotencyKey?: string;
  /** What the request asked for; a reused key with a different request is refused. */
  request: unknown;
  target?: string;
}

/** Runs inside a command's transaction for each event it emits: what it writes commits with the change. */
export type EventHook = (event: StaffEvent, spec: CommandSpec) => void;

export class StoreContext {
  readonly hubId: string;
  private readonly eventHooks: EventHook[] = [];
  /**
   * The outermost command running now (a serial number), or null. A cache notes it on what it
   * fills or changes inside a command, so that a rollback of that command can drop it.
   */
  runningCommand: number | null = null;
  private commandSerial = 0;
  private readonly rollbackHooks: ((command: number) => void)[] = [];

  constructor(
    readonly db: Db,
    /** The store's settings now: the file's, or the ones a manager saved (they replace them). */
    public config: StoreConfig,
    readonly clock: Clock = systemClock,
    readonly randomHex: (bytes: number) => string = (bytes) => randomBytes(bytes).toString('hex'),
  ) {
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'hub_id'`).get() as { value: string } | undefined;
    if (!row) throw new Error('database has no hub_id: was it migrated?');
    this.hubId = row.value;
    const saved = db.prepare('SELECT config FROM settings WHERE id = 1').get() as { config: string } | undefined;
    if (saved) {
      const parsed = StoreConfig.safeParse(JSON.parse(saved.config));
      // Saved settings were valid when saved; if a newer hub reads them differently, keep the file's.
      if (parsed.success) this.config = parsed.data;
    }
  }

  /** The message outbox derives its messages here, in the same transaction as their cause. */
  onEvent(hook: EventHook): void {
    this.eventHooks.push(hook);
  }

  /** Called with the serial of a command that rolled back (any rollback inside it counts). */
  onRollback(hook: (command: number) => void): void {
    this.rollbackHooks.push(hook);
  }

  now(): Date {
    return this.clock.now();
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  businessDay(at: Date = this.clock.now()): string {
    return businessDay(at, this.config.timeZone, this.config.openingTime);
  }

  /**
   * Runs one change atomically. `run` returns its result and the events it caused; they are
   * appended to the log in the same transaction. A repeated idempotency key returns the
   * first result and changes nothing.
   */
  command<T>(spec: CommandSpec, run: (emit: (body: EventBody) => StaffEvent) => T): Outcome<T> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify([spec.action, spec.request]))
      .digest('hex');
    const transaction = this.db.transaction((): Outcome<T> => {
      if (spec.idempotencyKey) {
        const earlier = this.db.prepare('SELECT scope, request_hash, response FROM idempotency_keys WHERE key = ?').get(spec.idempotencyKey) as
          { scope: string; request_hash: string; response: string | null } | undefined;
        if (earlier) {
          if (earlier.scope !== spec.action || earlier.request_hash !== requestHash) {
            throw new HubError(409, 'idempotency_conflict', 'idempotencyKey: this key was already used for a different request');
          }
          return { result: (earlier.response === null ? null : JSON.parse(earlier.response)) as T, replayed: true, events: [] };
        }
      }
      const events: StaffEvent[] = [];
      const emit = (body: EventBody): StaffEvent => {
        const row = this.db.prepare('INSERT INTO events (type, payload, at) VALUES (?, ?, ?) RETURNING seq').get(body.type, JSON.stringify(body), body.at) as {
          seq: number;
        };
        const event = { ...body, seq: row.seq } as StaffEvent;
        events.push(event);
        for (const hook of this.eventHooks) hook(event, spec);
        return event;
      };
      const result = run(emit);
      this.db
        .prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
        .run(this.nowIso(), describeActor(spec.actor), spec.action, spec.target ?? null, JSON.stringify(spec.request ?? null));
      if (spec.idempotencyKey) {
        this.db
          .prepare('INSERT INTO idempotency_keys (key, scope, request_hash, status, response, created_at) VALUES (?, ?, ?, 200, ?, ?)')
          .run(spec.idempotencyKey, spec.action, requestHash, result === null || result === undefined ? null : JSON.stringify(result), this.nowIso());
      }
      return { result, replayed: false, events };
    });
    const outermost = this.runningCommand === null;
    if (outermost) this.runningCommand = ++this.commandSerial;
    const running = this.runningCommand!;
    try {
      return transaction();
    } catch (err) {
      // What was read inside it may be gone: caches filled or changed in it drop what they kept.
      for (const hook of this.rollbackHooks) hook(running);
      throw err;
    } finally {
      if (outermost) this.runningCommand = null;
    }
  }

  lastSeq(): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM events').get() as { seq: number | null };
    return row.seq ?? 0;
  }

  eventsSince(seq: number, limit: number): StaffEvent[] {
    const rows = this.db.prepare('SELECT seq, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as {
      seq: number;
      payload: string;
    }[];
    return rows.map((r) => ({ ...(JSON.parse(r.payload) as EventBody), seq: r.seq }) as StaffEvent);
  }
}
