/**
 * The hub's state as one object: tickets, jobs, alerts, staff and devices, appointments, and
 * the public views (snapshot, missed events, tracking) built from them.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AdditionalWork,
  Appointment,
  CreateAppointmentRequest,
  Job,
  HubEvent,
  OfflineSyncRequest,
  PublicJob,
  QueueSnapshot,
  StaffEvent,
  StaffSnapshot,
  SurveyRequest,
  Ticket,
} from '../../../shared/src/protocol.ts';
import { RECENT_CALLS_KEPT } from '../../../shared/src/protocol.ts';
import { StoreConfig } from '../../../shared/src/services.ts';
import { validationError } from '../../../shared/src/validation.ts';
import { describeActor, type Actor } from '../auth.ts';
import type { Db } from '../db/database.ts';
import type { DayStats } from '../domain/day-stats.ts';
import { AlertStore } from './alerts.ts';
import { AppointmentStore } from './appointments.ts';
import { ArrivalStore } from './arrivals.ts';
import { CaseStore } from './cases.ts';
import { AuthStore } from './auth-store.ts';
import { HubError, StoreContext, systemClock, type Clock, type Outcome } from './context.ts';
import { DayClose, type DayCloseResult } from './day-close.ts';
import { applyRetention, type RetentionResult } from './retention.ts';
import { StatsStore, type DriveFigures, type RangeWithDrive } from './stats.ts';
import { JobStore, publicJob } from './jobs.ts';
import { OutboxStore } from './outbox.ts';
import { maskSecrets, redactedSettings, restoreSecrets } from '../notify/secrets.ts';
import { publicTicket, toPublicEvent } from './projection.ts';
import { TicketStore, type QueueView } from './tickets.ts';

/** How long a built public snapshot stays good without events: its waits age with the clock. */
const SNAPSHOT_FRESH_MS = 5_000;

/** A client this far behind gets a snapshot instead of the events it missed. */
const MAX_REPLAY = 500;

export type SyncAnswer = { mode: 'events'; events: HubEvent[] } | { mode: 'snapshot'; snapshot: QueueSnapshot };

export type TrackView =
  | { kind: 'job'; job: PublicJob; additionalWork: AdditionalWork[] }
  | { kind: 'ticket'; ticket: ReturnType<typeof publicTicket> & Pick<Ticket, 'ahead' | 'estimatedWaitMinutes' | 'estimatedWaitRange'> };

export class HubStore {
  readonly ctx: StoreContext;
  readonly tickets: TicketStore;
  readonly jobs: JobStore;
  readonly arrivals: ArrivalStore;
  readonly appointments: AppointmentStore;
  readonly cases: CaseStore;
  readonly alerts: AlertStore;
  readonly auth: AuthStore;
  readonly outbox: OutboxStore;
  private readonly dayClose: DayClose;
  private readonly stats: StatsStore;
  private snapshotCache: { at: number; snapshot: QueueSnapshot } | null = null;

  constructor(db: Db, config: StoreConfig, clock: Clock = systemClock) {
    this.ctx = new StoreContext(db, config, clock);
    this.arrivals = new ArrivalStore(this.ctx);
    this.appointments = new AppointmentStore(this.ctx);
    this.arrivals.appointments = this.appointments;
    this.alerts = new AlertStore(this.ctx);
    this.cases = new CaseStore(this.ctx, this.alerts);
    this.tickets = new TicketStore(this.ctx, this.arrivals, this.appointments, this.cases);
    this.jobs = new JobStore(this.ctx, this.arrivals);
    this.auth = new AuthStore(this.ctx);
    this.outbox = new OutboxStore(this.ctx);
    this.outbox.appointments = this.appointments;
    this.outbox.queue = this.tickets;
    this.dayClose = new DayClose(this.ctx, this.tickets, this.alerts, this.arrivals);
    this.stats = new StatsStore(this.ctx);
  }

  /**
   * What the hub does once when it starts, before it answers anyone: close days it slept
   * through, and remove customer data past the retention setting.
   */
  startUp(): Outcome<DayCloseResult> {
    const closed = this.closeEarlierDays();
    this.applyRetention();
    return closed;
  }

  /** Removes or masks phones, plates and names older than the retention setting (daily and at start-up). */
  applyRetention(): Outcome<RetentionResult> {
    return applyRetention(this.ctx);
  }

  /** Closes earlier business days still open; cheap when there is nothing to close (run on a timer). */
  closeEarlierDays(): Outcome<DayCloseResult> {
    return this.dayClose.run();
  }

  get hubId(): string {
    return this.ctx.hubId;
  }

  lastSeq(): number {
    return this.ctx.lastSeq();
  }

  /**
   * The public state, read in one transaction so `seq` matches what it shows. Every TV, kiosk and
   * phone asks for it, so it is built once per change: kept until the next event, the next
   * business day, or SNAPSHOT_FRESH_MS (the waits age with the clock, not only with events).
   */
  snapshot(view?: QueueView): QueueSnapshot {
    return this.ctx.db.transaction((): QueueSnapshot => {
      const seq = this.ctx.lastSeq();
      const businessDay = this.ctx.businessDay();
      const now = this.ctx.now().getTime();
      const cached = this.snapshotCache;
      if (cached && cached.snapshot.seq === seq && cached.snapshot.businessDay === businessDay && now >= cached.at && now - cached.at < SNAPSHOT_FRESH_MS) {
        return cached.snapshot;
      }
      const current = view ?? this.tickets.view();
      const snapshot: QueueSnapshot = {
        seq,
        hubId: this.ctx.hubId,
        businessDay,
        waiting: this.tickets.waitingNumbers(current),
        waits: this.tickets.waits(current),
        recentCalls: this.tickets.recentCalls(RECENT_CALLS_KEPT),
        jobs: this.jobs.list().map((j) => publicJob(j)),
      };
      this.snapshotCache = { at: now, snapshot };
      return snapshot;
    })();
  }

  staffSnapshot(): StaffSnapshot {
    return this.ctx.db.transaction((): StaffSnapshot => {
      const view = this.tickets.view();
      return {
        queue: this.snapshot(view),
        tickets: this.tickets.today(view),
        jobs: this.jobs.list(true),
        alerts: this.alerts.list({ openOnly: true }),
        counters: this.tickets.counterStatuses(),
        headStarts: this.ctx.config.queue.headStartMinutes,
        bays: this.arrivals.bayView(),
        cases: this.cases.openCases(),
      };
    })();
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

  /**
   * Takes in a kiosk's offline tickets. Every number the hub refuses raises a desk alert naming
   * it: the customer holds a printed number nobody will call, so staff must act.
   */
  syncOffline(request: OfflineSyncRequest, actor: Actor): ReturnType<TicketStore['syncOffline']> {
    const synced = this.tickets.syncOffline(request, actor);
    for (const refused of synced.results) {
      if (refused.ok) continue;
      const raised = this.alerts.report(
        {
          kind: 'offline_ticket_refused',
          key: `offline_ticket_refused:${refused.number}`,
          audience: 'desk',
          subject: { number: refused.number, reason: refused.error, kiosk: describeActor(actor) },
        },
        false,
        actor,
      );
      synced.events.push(...raised.events);
    }
    return synced;
  }

  /** Runs the alert rules against the current state. */
  evaluateAlerts(): Outcome<{ raised: number; resolved: number }> {
    return this.alerts.evaluate({
      waitingFirstCall: this.tickets.waitingFirstCall(),
      idleCounters: this.tickets.idleCounters(),
      inPreinspection: this.arrivals.forAlerts(),
      uncontactedCases: this.cases.forAlerts(),
    });
  }

  /** The job a tracking token leads to: its own, or that of the ticket it was printed on. */
  jobForToken(token: string): Job | null {
    const job = this.jobs.findByToken(token);
    if (job) return job;
    const ticket = this.tickets.findByToken(token);
    return ticket ? this.jobs.findByTicket(ticket.id) : null;
  }

  /** The phone tracking page: a job's progress, or a ticket's place in the queue. */
  track(token: string): TrackView | null {
    const job = this.jobForToken(token);
    // The token holder's own additional work, with prices: never in public events.
    if (job) return { kind: 'job', job: publicJob(job), additionalWork: job.additionalWork ?? [] };
    const ticket = this.tickets.findByToken(token);
    if (!ticket) return null;
    return {
      kind: 'ticket',
      ticket: {
        ...publicTicket(ticket),
        ahead: ticket.ahead,
        estimatedWaitMinutes: ticket.estimatedWaitMinutes,
        estimatedWaitRange: ticket.estimatedWaitRange ?? null,
      },
    };
  }

  // ─── Appointments ─────────────────────────────────────────────────────────────────────

  createAppointment(input: CreateAppointmentRequest, actor: Actor): Outcome<Appointment> {
    return this.appointments.book(input, actor);
  }

  appointmentsOn(day: string): Appointment[] {
    return this.appointments.on(day);
  }

  /** Replaces the store's settings (validated whole); every part uses them from the next request. Answers them masked. */
  updateSettings(input: unknown, idempotencyKey: string, actor: Actor): Outcome<StoreConfig> {
    const parsed = StoreConfig.safeParse(restoreSecrets(input, this.ctx.config));
    if (!parsed.success) {
      const invalid = validationError(parsed.error, 'settings');
      throw new HubError(400, 'invalid_settings', invalid.message, invalid.issues);
    }
    const next = parsed.data;
    const previous = this.ctx.config;
    try {
      return this.saveSettings(next, idempotencyKey, actor);
    } catch (err) {
      // Rolled back: the settings in use stay what the database holds.
      this.ctx.config = previous;
      throw err;
    }
  }

  private saveSettings(next: StoreConfig, idempotencyKey: string, actor: Actor): Outcome<StoreConfig> {
    // Secrets never reach the audit log or the stored reply: both hold the masked settings.
    return this.ctx.command({ action: 'settings.update', actor, idempotencyKey, request: redactedSettings(next) }, (emit) => {
      this.ctx.db
        .prepare(
          `INSERT INTO settings (id, config, updated_at, updated_by) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(JSON.stringify(next), this.ctx.nowIso(), describeActor(actor));
      this.ctx.config = next;
      emit({ type: 'settings.updated', at: this.ctx.nowIso() });
      return maskSecrets(next);
    });
  }

  /** Records a satisfaction survey for a ticket (scanned QR) or a vehicle (plate) of the last days. */
  /**
   * One survey per visit (ticket or job); a later one is refused kindly. A plate with no visit
   * on record gets exactly the answers a visited plate gets (thanks, then "already received"),
   * but nothing is counted: the answer never tells whether a plate visited.
   */
  submitSurvey(request: SurveyRequest, actor: Actor): Outcome<{ ok: true }> {
    const { idempotencyKey, ...asked } = request;
    return this.ctx.command({ action: 'survey.submit', actor, idempotencyKey, request: asked }, () => {
      const db = this.ctx.db;
      const day = this.ctx.businessDay();
      let visit: { ticketId: number | null; jobId: number | null } | null = null;
      if (request.ticketToken) {
        const ticket = db.prepare('SELECT id FROM tickets WHERE tracking_token = ?').get(request.ticketToken) as { id: number } | undefined;
        if (!ticket) throw new HubError(404, 'unknown_ticket', 'ticketToken: this QR code is not one of our tickets');
        const job = db.prepare('SELECT id FROM jobs WHERE ticket_id = ? ORDER BY id DESC').get(ticket.id) as { id: number } | undefined;
        visit = { ticketId: ticket.id, jobId: job?.id ?? null };
      } else if (request.plate) {
        // The car's most recent visit: today's ticket with this plate (a pickup or an enquiry
        // has no job), or its latest job (a repair may have taken days), whichever is newer.
        const job = db.prepare('SELECT id, ticket_id, created_at FROM jobs WHERE plate = ? ORDER BY id DESC').get(request.plate) as
          { id: number; ticket_id: number | null; created_at: string } | undefined;
        const ticket = db.prepare('SELECT id, issued_at FROM tickets WHERE plate = ? AND business_day = ? ORDER BY id DESC').get(request.plate, day) as
          { id: number; issued_at: string } | undefined;
        if (ticket && (!job || (job.ticket_id !== ticket.id && Date.parse(job.created_at) < Date.parse(ticket.issued_at)))) {
          visit = { ticketId: ticket.id, jobId: null };
        } else if (job) visit = { ticketId: job.ticket_id, jobId: job.id };
        else if (this.unmatchedSurveyPlates.seen(`${day}|${request.plate}`)) throw surveyDone();
      }
      if (!visit) return { ok: true as const };
      const earlier = db
        .prepare('SELECT 1 FROM surveys WHERE (ticket_id IS NOT NULL AND ticket_id = ?) OR (job_id IS NOT NULL AND job_id = ?) LIMIT 1')
        .get(visit.ticketId, visit.jobId);
      if (earlier) throw surveyDone();
      db.prepare(
        `INSERT INTO surveys (business_day, ticket_id, job_id, overall, advisor, speed, lounge, comment, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        day,
        visit.ticketId,
        visit.jobId,
        request.scores.overall,
        request.scores.advisor,
        request.scores.speed,
        request.scores.lounge,
        request.comment ?? null,
        this.ctx.nowIso(),
      );
      return { ok: true as const };
    });
  }

  /** Plates surveyed today with no visit on record, so their second survey is refused alike. */
  private readonly unmatchedSurveyPlates = new RecentKeys(5000);

  /** The figures of one business day: arrivals, waits, greeting rate, alerts. */
  dayStats(day: string): DayStats {
    return this.stats.range(day, day).total;
  }

  /** The same figures over a date range (inclusive), plus one row per day, with appointments and complaint cases. */
  rangeStats(from: string, to: string): RangeWithDrive {
    const base = this.stats.range(from, to);
    const cases = (a: string, b: string): DriveFigures['cases'] => {
      const { from: _f, to: _t, open: _o, ...rest } = this.cases.figures(a, b);
      return rest;
    };
    const days = base.days.map((d) => {
      const { day: _day, ...appointments } = this.appointments.figures(d.day);
      return { ...d, appointments, cases: cases(d.day, d.day) };
    });
    const sum = (key: 'booked' | 'arrived' | 'onTime' | 'noShows' | 'cancelled' | 'arrivals'): number => days.reduce((acc, d) => acc + d.appointments[key], 0);
    const arrived = sum('arrived');
    const arrivals = sum('arrivals');
    const appointments: DriveFigures['appointments'] = {
      booked: sum('booked'),
      arrived,
      onTime: sum('onTime'),
      noShows: sum('noShows'),
      cancelled: sum('cancelled'),
      arrivals,
      appointmentShare: arrivals ? arrived / arrivals : null,
      onTimeRate: arrived ? sum('onTime') / arrived : null,
    };
    return { ...base, total: { ...base.total, appointments, cases: cases(from, to) }, days };
  }

  /** Online copy of the database to `file` while the hub keeps running (SQLite backup API). */
  async backup(file: string): Promise<{ file: string; pages: number }> {
    mkdirSync(dirname(file), { recursive: true });
    const result = await this.ctx.db.backup(file);
    return { file, pages: result.totalPages };
  }
}

function surveyDone(): HubError {
  return new HubError(409, 'survey_done', '这次服务您已评价过，谢谢！(A survey for this visit was already received — thank you.)');
}

/** Remembers up to `max` keys, forgetting the oldest; `seen` records the key and says if it was there. */
class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly max: number) {}
  seen(key: string): boolean {
    if (this.keys.has(key)) return true;
    if (this.keys.size >= this.max) this.keys.delete(this.keys.values().next().value!);
    this.keys.add(key);
    return false;
  }
}
