/**
 * The hub's state as one object: tickets, jobs, alerts, staff and devices, appointments, and
 * the public views (snapshot, missed events, tracking) built from them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Appointment, HubEvent, PublicJob, QueueSnapshot, StaffEvent, StaffSnapshot, SurveyRequest } from '../../../shared/src/protocol.ts';
import { RECENT_CALLS_KEPT } from '../../../shared/src/protocol.ts';
import { StoreConfig } from '../../../shared/src/services.ts';
import { validationError } from '../../../shared/src/validation.ts';
import { describeActor, type Actor } from '../auth.ts';
import type { Db } from '../db/database.ts';
import { localClock } from '../../../shared/src/time.ts';
import { dayStats, type DayStats } from '../domain/day-stats.ts';
import { AlertStore } from './alerts.ts';
import { AuthStore } from './auth-store.ts';
import { HubError, StoreContext, systemClock, type Clock, type Outcome } from './context.ts';
import { JobStore, publicJob } from './jobs.ts';
import { publicTicket, toPublicEvent } from './projection.ts';
import { TicketStore } from './tickets.ts';

/** A client this far behind gets a snapshot instead of the events it missed. */
const MAX_REPLAY = 500;

export type SyncAnswer = { mode: 'events'; events: HubEvent[] } | { mode: 'snapshot'; snapshot: QueueSnapshot };

export type TrackView =
  | { kind: 'job'; job: PublicJob }
  | { kind: 'ticket'; ticket: ReturnType<typeof publicTicket> & { ahead: number; estimatedWaitMinutes: number | null } };

export class HubStore {
  readonly ctx: StoreContext;
  readonly tickets: TicketStore;
  readonly jobs: JobStore;
  readonly alerts: AlertStore;
  readonly auth: AuthStore;

  constructor(db: Db, config: StoreConfig, clock: Clock = systemClock) {
    this.ctx = new StoreContext(db, config, clock);
    this.tickets = new TicketStore(this.ctx);
    this.jobs = new JobStore(this.ctx);
    this.alerts = new AlertStore(this.ctx);
    this.auth = new AuthStore(this.ctx);
  }

  get hubId(): string {
    return this.ctx.hubId;
  }

  lastSeq(): number {
    return this.ctx.lastSeq();
  }

  /** The public state, read in one transaction so `seq` matches what it shows. */
  snapshot(): QueueSnapshot {
    return this.ctx.db.transaction(
      (): QueueSnapshot => ({
        seq: this.ctx.lastSeq(),
        hubId: this.ctx.hubId,
        businessDay: this.ctx.businessDay(),
        waiting: this.tickets.waitingNumbers(),
        waits: this.tickets.waits(),
        recentCalls: this.tickets.recentCalls(RECENT_CALLS_KEPT),
        jobs: this.jobs.list().map((j) => publicJob(j)),
      }),
    )();
  }

  staffSnapshot(): StaffSnapshot {
    return this.ctx.db.transaction(
      (): StaffSnapshot => ({
        queue: this.snapshot(),
        tickets: this.tickets.today(),
        jobs: this.jobs.list(true),
        alerts: this.alerts.list({ openOnly: true }),
        counters: this.tickets.counterStatuses(),
      }),
    )();
  }

  /** What a (re)connecting public client needs: the events it missed, or a fresh snapshot. */
  sync(lastSeq: number | undefined, hubId: string | undefined): SyncAnswer {
    return this.ctx.db.transaction((): SyncAnswer => {
      const current = this.ctx.lastSeq();
      if (lastSeq !== undefined && hubId === this.ctx.hubId && lastSeq <= current && current - lastSeq <= MAX_REPLAY) {
        return { mode: 'events', events: this.ctx.eventsSince(lastSeq, MAX_REPLAY).map(toPublicEvent) };
      }
      return { mode: 'snapshot', snapshot: this.snapshot() };
    })();
  }

  staffEventsSince(seq: number): StaffEvent[] {
    return this.ctx.eventsSince(seq, MAX_REPLAY);
  }

  /** Runs the alert rules against the current state. */
  evaluateAlerts(): Outcome<{ raised: number; resolved: number }> {
    return this.alerts.evaluate({
      waitingFirstCall: this.tickets.waitingFirstCall(),
      idleCounters: this.tickets.idleCounters(),
      inPreinspection: this.jobs.inPreinspection(),
    });
  }

  /** The phone tracking page: a job's progress, or a ticket's place in the queue. */
  track(token: string): TrackView | null {
    const job = this.jobs.findByToken(token);
    if (job) return { kind: 'job', job: publicJob(job) };
    const ticket = this.tickets.findByToken(token);
    if (!ticket) return null;
    const jobOfTicket = this.jobs.findByTicket(ticket.id);
    if (jobOfTicket) return { kind: 'job', job: publicJob(jobOfTicket) };
    return { kind: 'ticket', ticket: { ...publicTicket(ticket), ahead: ticket.ahead, estimatedWaitMinutes: ticket.estimatedWaitMinutes } };
  }

  // ─── Appointments ─────────────────────────────────────────────────────────────────────

  createAppointment(
    input: { service: string; scheduledAt: string; plate?: string; phone?: string; customerName?: string; code?: string; idempotencyKey: string },
    actor: Actor,
  ): Outcome<Appointment> {
    const { idempotencyKey, ...asked } = input;
    if (!this.ctx.config.services.some((s) => s.id === input.service)) {
      throw new HubError(400, 'unknown_service', `service: unknown service "${input.service}"`);
    }
    return this.ctx.command({ action: 'appointment.create', actor, idempotencyKey, request: asked }, () => {
      const code = input.code ?? randomBytes(5).toString('hex').toUpperCase();
      if (this.ctx.db.prepare('SELECT id FROM appointments WHERE code = ?').get(code)) {
        throw new HubError(409, 'code_taken', `code: appointment code ${code} already exists`);
      }
      const row = this.ctx.db
        .prepare(
          `INSERT INTO appointments (code, service, scheduled_at, plate, phone, customer_name, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(code, input.service, new Date(input.scheduledAt).toISOString(), input.plate ?? null, input.phone ?? null, input.customerName ?? null, this.ctx.nowIso()) as AppointmentRow;
      return toAppointment(row);
    });
  }

  appointmentsOn(day: string): Appointment[] {
    // Appointments are stored in UTC; a business day spans local opening to opening.
    return (this.ctx.db.prepare('SELECT * FROM appointments ORDER BY scheduled_at').all() as AppointmentRow[])
      .filter((r) => this.ctx.businessDay(new Date(r.scheduled_at)) === day)
      .map(toAppointment);
  }

  /** Replaces the store's settings (validated whole); every part uses them from the next request. */
  updateSettings(input: unknown, idempotencyKey: string, actor: Actor): Outcome<StoreConfig> {
    const parsed = StoreConfig.safeParse(input);
    if (!parsed.success) {
      const invalid = validationError(parsed.error, 'settings');
      throw new HubError(400, 'invalid_settings', invalid.message, invalid.issues);
    }
    const next = parsed.data;
    return this.ctx.command({ action: 'settings.update', actor, idempotencyKey, request: next }, (emit) => {
      this.ctx.db
        .prepare(
          `INSERT INTO settings (id, config, updated_at, updated_by) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(JSON.stringify(next), this.ctx.nowIso(), describeActor(actor));
      this.ctx.config = next;
      emit({ type: 'settings.updated', at: this.ctx.nowIso() });
      return next;
    });
  }

  /** Records a satisfaction survey for a ticket (scanned QR) or a vehicle (plate) of the last days. */
  submitSurvey(request: SurveyRequest, actor: Actor): Outcome<{ id: number }> {
    const { idempotencyKey, ...asked } = request;
    return this.ctx.command({ action: 'survey.submit', actor, idempotencyKey, request: asked }, () => {
      let ticketId: number | null = null;
      let jobId: number | null = null;
      if (request.ticketToken) {
        const ticket = this.ctx.db.prepare('SELECT id FROM tickets WHERE tracking_token = ?').get(request.ticketToken) as { id: number } | undefined;
        if (!ticket) throw new HubError(404, 'unknown_ticket', 'ticketToken: this QR code is not one of our tickets');
        ticketId = ticket.id;
        jobId = (this.ctx.db.prepare('SELECT id FROM jobs WHERE ticket_id = ? ORDER BY id DESC').get(ticketId) as { id: number } | undefined)?.id ?? null;
      } else if (request.plate) {
        const job = this.ctx.db.prepare('SELECT id, ticket_id FROM jobs WHERE plate = ? ORDER BY id DESC').get(request.plate) as
          | { id: number; ticket_id: number | null }
          | undefined;
        if (!job) throw new HubError(404, 'unknown_plate', `plate: no visit of ${request.plate} on record`);
        jobId = job.id;
        ticketId = job.ticket_id;
      }
      const row = this.ctx.db
        .prepare(
          `INSERT INTO surveys (business_day, ticket_id, job_id, overall, advisor, speed, lounge, comment, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          this.ctx.businessDay(),
          ticketId,
          jobId,
          request.scores.overall,
          request.scores.advisor,
          request.scores.speed,
          request.scores.lounge,
          request.comment ?? null,
          this.ctx.nowIso(),
        ) as { id: number };
      return { id: row.id };
    });
  }

  /** The figures of one business day: arrivals, waits, greeting rate, alerts. */
  dayStats(day: string): DayStats {
    return this.statsBetween(day, day);
  }

  /** The same figures over a date range (inclusive), plus one row per day. */
  rangeStats(from: string, to: string): { from: string; to: string; total: DayStats; days: ({ day: string } & DayStats)[] } {
    const days: ({ day: string } & DayStats)[] = [];
    for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      days.push({ day, ...this.statsBetween(day, day) });
    }
    return { from, to, total: this.statsBetween(from, to), days };
  }

  private statsBetween(from: string, to: string): DayStats {
    const rows = this.ctx.db
      .prepare(
        `SELECT t.service, t.issued_at, t.first_called_at, t.status, s.name AS advisor
         FROM tickets t LEFT JOIN staff s ON s.id = t.staff_id WHERE t.business_day BETWEEN ? AND ?`,
      )
      .all(from, to) as { service: string; issued_at: string; first_called_at: string | null; status: string; advisor: string | null }[];
    const delivered = this.ctx.db.prepare(`SELECT delivered_at, promised_at FROM jobs WHERE delivered_at IS NOT NULL`).all() as {
      delivered_at: string;
      promised_at: string;
    }[];
    const surveys = this.ctx.db
      .prepare('SELECT COUNT(*) AS n, AVG(overall) AS overall, AVG(advisor) AS advisor, AVG(speed) AS speed, AVG(lounge) AS lounge FROM surveys WHERE business_day BETWEEN ? AND ?')
      .get(from, to) as { n: number; overall: number | null; advisor: number | null; speed: number | null; lounge: number | null };
    return dayStats({
      satisfaction: surveys.n ? { responses: surveys.n, overall: surveys.overall!, advisor: surveys.advisor!, speed: surveys.speed!, lounge: surveys.lounge! } : null,
      tickets: rows.map((r) => ({
        service: r.service,
        issuedAt: Date.parse(r.issued_at),
        firstCalledAt: r.first_called_at ? Date.parse(r.first_called_at) : null,
        status: r.status,
        advisor: r.advisor,
      })),
      deliveries: delivered
        .filter((j) => {
          const day = this.ctx.businessDay(new Date(j.delivered_at));
          return day >= from && day <= to;
        })
        .map((j) => ({ deliveredAt: Date.parse(j.delivered_at), promisedAt: Date.parse(j.promised_at) })),
      greetingLimitSeconds: this.ctx.config.alerts.greetingLimitSeconds,
      alerts: this.alerts.countsByKind(from, to),
      localHour: (at) => localClock(new Date(at), this.ctx.config.timeZone).slice(0, 2),
    });
  }

  /** Online copy of the database to `file` while the hub keeps running (SQLite backup API). */
  async backup(file: string): Promise<{ file: string; pages: number }> {
    mkdirSync(dirname(file), { recursive: true });
    const result = await this.ctx.db.backup(file);
    return { file, pages: result.totalPages };
  }
}

interface AppointmentRow {
  id: number;
  code: string;
  service: string;
  scheduled_at: string;
  plate: string | null;
  phone: string | null;
  customer_name: string | null;
  checked_in_ticket_id: number | null;
}

function toAppointment(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    code: r.code,
    service: r.service,
    scheduledAt: r.scheduled_at,
    plate: r.plate,
    phone: r.phone,
    customerName: r.customer_name,
    checkedInTicketId: r.checked_in_ticket_id,
  };
}
