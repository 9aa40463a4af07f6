/** Tickets: issuing (online and from offline number blocks), calling and the lifecycle. */
import type {
  CounterStatus,
  HeldOutcome,
  IssueTicketRequest,
  NumberBlock,
  OfflineSyncRequest,
  ServiceWait,
  Ticket,
  TicketEventType,
  TransferRequest,
} from '../../../shared/src/protocol.ts';
import type { ServiceConfig } from '../../../shared/src/services.ts';
import type { Actor } from '../auth.ts';
import { greetingName } from '../../../shared/src/customer-name.ts';
import { formatTicketNumber } from '../domain/numbering.ts';
import { aheadCounts, callingOrder, classify, counterCanCall, pickNext, ticketsAhead, type CounterScope, type WaitingTicket } from '../domain/queue.ts';
import { decide, isActive, OPEN_STATUSES, type TicketAction, type TicketStatus } from '../../../shared/src/ticket-lifecycle.ts';
import { estimateWaits, shownMinutes, type QueueModel, type WaitEstimate } from '../domain/wait-estimate.ts';
import type { AppointmentStore } from './appointments.ts';
import type { ArrivalStore } from './arrivals.ts';
import type { CaseStore } from './cases.ts';
import { consentOf, HubError, type EventBody, type Outcome, type StoreContext } from './context.ts';
import { queueModel } from './durations.ts';

export interface TicketRow {
  id: number;
  business_day: string;
  service: string;
  number: string;
  plate: string | null;
  phone: string | null;
  ticket_class: 'priority' | 'appointment' | 'walkin';
  status: TicketStatus;
  issued_at: string;
  first_called_at: string | null;
  called_at: string | null;
  calls: number;
  serving_at: string | null;
  finished_at: string | null;
  counter_id: string | null;
  target_counter_id: string | null;
  staff_id: number | null;
  appointment_id: number | null;
  origin: 'online' | 'offline';
  device_id: number | null;
  tracking_token: string;
}

/** Everything the queue maths needs, read once per operation. */
export interface QueueView {
  waiting: WaitingTicket[];
  /** People ahead of each waiting ticket (over all counters), computed once per view. */
  ahead: () => Map<number, number>;
  openCounters: CounterScope[];
  model: QueueModel;
  /** Estimates for every waiting ticket and for a new ticket of each service (keyed by probeId), from one set of replays. */
  estimates: () => Map<number, WaitEstimate | null>;
  /** A would-be new ticket of each service, issued now. */
  probes: WaitingTicket[];
}

/** The id under which a view holds the estimate for a new ticket of a service. */
const probeId = (serviceIndex: number): number => Number.MAX_SAFE_INTEGER - serviceIndex;

export type OfflineResult = { number: string; ok: true; ticket: Ticket } | { number: string; ok: false; error: string };

export class TicketStore {
  constructor(
    private readonly ctx: StoreContext,
    /** A check-in with a plate registers the vehicle's arrival in the drive. */
    private readonly arrivals?: ArrivalStore,
    /** A plate that matches one of today's appointments checks it in, as its code does. */
    private readonly appointments?: AppointmentStore,
    /** The kiosk's complaint choice opens a case (its topic is asked at the desk). */
    private readonly cases?: CaseStore,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  private get config() {
    return this.ctx.config;
  }

  // ─── Issuing ──────────────────────────────────────────────────────────────────────────

  issue(request: IssueTicketRequest, actor: Actor): Outcome<Ticket> {
    const { idempotencyKey, ...asked } = request;
    return this.ctx.command({ action: 'ticket.issue', actor, idempotencyKey, request: asked }, (emit) => {
      const now = this.ctx.now();
      const day = this.ctx.businessDay(now);
      let appointment: { id: number; scheduled_at: string; service: string; checked_in_ticket_id: number | null; status?: string } | undefined;
      if (request.appointmentCode) {
        appointment = this.db
          .prepare('SELECT id, scheduled_at, service, checked_in_ticket_id, status FROM appointments WHERE code = ?')
          .get(request.appointmentCode) as typeof appointment | undefined;
        if (!appointment) throw new HubError(404, 'unknown_appointment', `appointmentCode: no appointment ${request.appointmentCode}`);
        if (appointment.checked_in_ticket_id !== null) {
          throw new HubError(409, 'already_checked_in', `appointmentCode: appointment ${request.appointmentCode} is already checked in`);
        }
        // A cancelled booking still gets its customer a ticket, as a walk-in.
        if (appointment.status === 'cancelled' && request.service) appointment = undefined;
      } else if (request.plate && this.appointments) {
        appointment = this.appointments.matchToday(request.plate) ?? undefined;
      }
      // An appointment check-in without a chosen service takes the appointment's.
      const service = this.service(request.service ?? appointment?.service ?? '');
      const ticketClass = classify(
        { priority: service.priority, appointmentAt: appointment ? Date.parse(appointment.scheduled_at) : null, issuedAt: now.getTime() },
        this.config.queue.appointmentWindow,
      );
      const consent = consentOf(request, actor, now.toISOString());
      const sequence = this.nextSequence(day, service.prefix);
      const row = this.db
        .prepare(
          `INSERT INTO tickets (business_day, service, number, plate, phone, ticket_class, status, issued_at,
                                appointment_id, origin, device_id, tracking_token, notify_consent_at, consent_source, language)
           VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, 'online', ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          day,
          service.id,
          formatTicketNumber(service.prefix, sequence),
          request.plate ?? null,
          request.phone ?? null,
          ticketClass,
          now.toISOString(),
          appointment?.id ?? null,
          actor.kind === 'device' ? actor.id : null,
          this.ctx.randomHex(16),
          consent.at,
          consent.source,
          request.language ?? null,
        ) as TicketRow;
      if (appointment) this.db.prepare('UPDATE appointments SET checked_in_ticket_id = ? WHERE id = ?').run(row.id, appointment.id);
      if (appointment) this.appointments?.markArrived(emit, appointment.id, row.id);
      const ticket = this.emitTicket(emit, 'ticket.issued', row);
      // Already near the head when issued: the customer read it on the ticket, no "near" message later.
      this.db.prepare('UPDATE tickets SET ahead_at_issue = ? WHERE id = ?').run(ticket.ahead, row.id);
      if (request.plate && service.drivesIn) this.arrivals?.registerIn(emit, { plate: request.plate, source: 'kiosk', ticketId: row.id });
      if (service.priority) this.cases?.openIn(emit, { ticketId: row.id, ...(request.plate ? { plate: request.plate } : {}), topic: null }, actor);
      if (!appointment) return ticket;
      const booked = this.db.prepare('SELECT customer_name FROM appointments WHERE id = ?').get(appointment.id) as { customer_name: string | null };
      return { ...ticket, greeting: greetingName(booked.customer_name) };
    });
  }

  /** Reserves, for each service prefix, the next `size` numbers of today for one kiosk's offline use. */
  reserveBlocks(size: number, idempotencyKey: string, actor: Actor): Outcome<NumberBlock[]> {
    if (actor.kind !== 'device' || actor.role !== 'kiosk') throw new HubError(403, 'forbidden', 'only an enrolled kiosk can reserve number blocks');
    return this.ctx.command({ action: 'ticket.reserve-block', actor, idempotencyKey, request: { size } }, () => {
      const day = this.ctx.businessDay();
      const blocks: NumberBlock[] = [];
      for (const service of this.config.services) {
        const row = this.db
          .prepare(
            `INSERT INTO daily_sequences (business_day, prefix, last) VALUES (?, ?, ?)
             ON CONFLICT (business_day, prefix) DO UPDATE SET last = last + excluded.last RETURNING last`,
          )
          .get(day, service.prefix, size) as { last: number };
        const block = { businessDay: day, prefix: service.prefix, first: row.last - size + 1, last: row.last };
        this.db
          .prepare('INSERT INTO number_blocks (device_id, business_day, prefix, first, last, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(actor.id, day, block.prefix, block.first, block.last, this.ctx.nowIso());
        blocks.push(block);
      }
      return blocks;
    });
  }

  /**
   * Takes in tickets a kiosk issued offline. Each must carry a number from a block reserved
   * by that kiosk for the day it was issued; each is idempotent on its own key, so a sync
   * interrupted halfway can simply be sent again.
   *
   * A key the hub already answered online means the kiosk gave up waiting for a reply the hub
   * had in fact committed. The customer holds the printed (offline) number, so that one is the
   * ticket the hub calls; the online one is closed as `void` with the reason, both in the log.
   */
  syncOffline(request: OfflineSyncRequest, actor: Actor): { results: OfflineResult[]; events: Outcome<unknown>['events'] } {
    if (actor.kind !== 'device' || actor.role !== 'kiosk') throw new HubError(403, 'forbidden', 'only an enrolled kiosk can sync offline tickets');
    const results: OfflineResult[] = [];
    const events: Outcome<unknown>['events'] = [];
    for (const offline of request.tickets) {
      try {
        const service = this.service(offline.service);
        const { idempotencyKey, ...asked } = offline;
        const earlier = this.db.prepare('SELECT scope, response FROM idempotency_keys WHERE key = ?').get(idempotencyKey) as
          { scope: string; response: string | null } | undefined;
        const answeredOnline = earlier?.scope === 'ticket.issue' && earlier.response !== null;
        const outcome = answeredOnline
          ? this.ctx.command(
              { action: 'ticket.reconcile', actor, idempotencyKey: `${idempotencyKey}#offline`, request: asked, target: offline.number },
              (emit) => {
                const online = this.row((JSON.parse(earlier.response!) as Ticket).id);
                if (OPEN_STATUSES.some((s) => s === online.status)) {
                  const voided = this.db
                    .prepare(`UPDATE tickets SET status = 'void', closed_reason = ?, counter_id = NULL, finished_at = ? WHERE id = ? RETURNING *`)
                    .get(`reconciled: the customer holds ${offline.number}, printed offline for the same request`, this.ctx.nowIso(), online.id) as TicketRow;
                  this.emitTicket(emit, 'ticket.void', voided);
                }
                const row = this.insertOffline(offline, service, actor);
                // The car in the drive is the customer's with the printed number.
                this.db.prepare('UPDATE arrivals SET ticket_id = ? WHERE ticket_id = ? AND left_at IS NULL').run(row.id, online.id);
                return this.afterOffline(emit, row, service, actor);
              },
            )
          : this.ctx.command({ action: 'ticket.offline', actor, idempotencyKey, request: asked, target: offline.number }, (emit) =>
              this.afterOffline(emit, this.insertOffline(offline, service, actor), service, actor),
            );
        results.push({ number: offline.number, ok: true, ticket: outcome.result });
        events.push(...outcome.events);
      } catch (err) {
        if (!(err instanceof HubError)) throw err;
        results.push({ number: offline.number, ok: false, error: err.message });
      }
    }
    return { results, events };
  }

  /**
   * What an online issue does beside the ticket, for one issued offline: the car's arrival in the
   * drive (from when the ticket was printed, if that is today) and a complaint's case.
   */
  private afterOffline(emit: (body: EventBody) => unknown, row: TicketRow, service: ServiceConfig, actor: Actor): Ticket {
    const ticket = this.emitTicket(emit, 'ticket.issued', row);
    if (row.plate && service.drivesIn && row.business_day === this.ctx.businessDay()) {
      this.arrivals?.registerIn(emit, { plate: row.plate, source: 'kiosk', ticketId: row.id, arrivedAt: row.issued_at });
    }
    if (service.priority) this.cases?.openIn(emit, { ticketId: row.id, ...(row.plate ? { plate: row.plate } : {}), topic: null }, actor);
    return ticket;
  }

  private insertOffline(offline: OfflineSyncRequest['tickets'][number], service: ServiceConfig, actor: Actor): TicketRow {
    if (!offline.number.startsWith(service.prefix)) {
      throw new HubError(400, 'wrong_prefix', `number: ${offline.number} does not start with ${service.prefix}, the prefix of ${service.id}`);
    }
    const issuedAt = new Date(offline.issuedAt);
    const day = this.ctx.businessDay(issuedAt);
    const sequence = Number(offline.number.slice(1));
    const block = this.db
      .prepare('SELECT id FROM number_blocks WHERE device_id = ? AND business_day = ? AND prefix = ? AND ? BETWEEN first AND last')
      .get(actor.kind === 'device' ? actor.id : -1, day, service.prefix, sequence);
    if (!block) throw new HubError(409, 'not_in_block', `number: ${offline.number} is not in a block reserved by this kiosk for ${day}`);
    const taken = this.db.prepare('SELECT id FROM tickets WHERE business_day = ? AND number = ?').get(day, offline.number);
    if (taken) throw new HubError(409, 'number_taken', `number: ${offline.number} was already issued on ${day}`);
    const ticketClass = classify({ priority: service.priority, issuedAt: issuedAt.getTime() }, this.config.queue.appointmentWindow);
    const consent = consentOf(offline, actor, issuedAt.toISOString());
    return this.db
      .prepare(
        `INSERT INTO tickets (business_day, service, number, plate, phone, ticket_class, status, issued_at, origin, device_id, tracking_token,
                              notify_consent_at, consent_source, language)
         VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, 'offline', ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        day,
        service.id,
        offline.number,
        offline.plate ?? null,
        offline.phone ?? null,
        ticketClass,
        issuedAt.toISOString(),
        actor.kind === 'device' ? actor.id : null,
        this.ctx.randomHex(16),
        consent.at,
        consent.source,
        offline.language ?? null,
      ) as TicketRow;
  }

  // ─── Calling and the lifecycle ────────────────────────────────────────────────────────

  /**
   * Calls the next ticket for a counter. The ticket the counter still holds is settled first,
   * so a counter (and its advisor) holds at most one ticket: one being served is finished; one
   * called but never started needs `heldOutcome` (the hub never guesses "served").
   */
  callNext(counterId: string, idempotencyKey: string, actor: Actor, heldOutcome?: HeldOutcome): Outcome<Ticket | null> {
    const counter = this.counter(counterId);
    const request = heldOutcome ? { counterId, heldOutcome } : { counterId };
    return this.ctx.command({ action: 'ticket.call-next', actor, idempotencyKey, request, target: `counter:${counterId}` }, (emit) => {
      this.requireOpen(counterId);
      this.clearPending(counterId);
      const requeued = this.settleHeld(emit, counterId, actor, heldOutcome);
      // A ticket just sent back keeps its place but is not called again in the same breath.
      const waiting = this.view().waiting.filter((w) => !requeued.includes(w.id));
      const next = pickNext(waiting, counter, this.config.queue.headStartMinutes);
      if (!next) return null;
      return this.emitTicket(emit, 'ticket.called', this.markCalled(next.id, counterId, actor));
    });
  }

  /** recall, start, finish, no-show, cancel, park. */
  act(ticketId: number, action: Exclude<TicketAction, 'call' | 'transfer' | 'resume'>, idempotencyKey: string, actor: Actor): Outcome<Ticket> {
    return this.ctx.command({ action: `ticket.${action}`, actor, idempotencyKey, request: { ticketId }, target: `ticket:${ticketId}` }, (emit) => {
      const row = this.row(ticketId);
      const now = this.ctx.now();
      const verdict = decide(
        action,
        { status: row.status, calls: row.calls, lastCalledAt: row.called_at ? Date.parse(row.called_at) : null },
        now.getTime(),
        this.config.queue.noShow,
      );
      if (!verdict.ok) throw new HubError(409, 'illegal_transition', `ticket ${row.number}: ${verdict.reason}`);
      const iso = now.toISOString();
      const updates: Record<typeof action, [string, TicketEventType]> = {
        recall: [`status = 'called', called_at = @now, calls = calls + 1`, 'ticket.recalled'],
        start: [`status = 'serving', serving_at = @now`, 'ticket.serving'],
        finish: [`status = 'done', finished_at = @now`, 'ticket.finished'],
        'no-show': [`status = 'no_show', finished_at = @now`, 'ticket.no_show'],
        cancel: [`status = 'cancelled', finished_at = @now`, 'ticket.cancelled'],
        park: [`status = 'parked', parked_at = @now`, 'ticket.parked'],
      };
      const [set, type] = updates[action];
      const updated = this.db.prepare(`UPDATE tickets SET ${set} WHERE id = @id RETURNING *`).get({ now: iso, id: ticketId }) as TicketRow;
      const ticket = this.emitTicket(emit, type, updated);
      // The counter is free again: an auto-calling counter calls the next after its grace period.
      if ((action === 'finish' || action === 'no-show' || action === 'park') && row.counter_id) {
        this.scheduleAutoCall(emit, row.counter_id, actor);
      }
      return ticket;
    });
  }

  /** Calls one waiting ticket out of order; the reason goes to the audit log with the call. */
  callChosen(counterId: string, ticketId: number, reason: string, idempotencyKey: string, actor: Actor, heldOutcome?: HeldOutcome): Outcome<Ticket> {
    this.counter(counterId);
    const request = heldOutcome ? { counterId, ticketId, reason, heldOutcome } : { counterId, ticketId, reason };
    return this.ctx.command({ action: 'ticket.call-chosen', actor, idempotencyKey, request, target: `ticket:${ticketId}` }, (emit) => {
      this.requireOpen(counterId);
      const row = this.row(ticketId);
      if (row.status !== 'waiting') throw new HubError(409, 'illegal_transition', `ticket ${row.number} is ${row.status}, not waiting`);
      if (row.business_day !== this.ctx.businessDay()) throw new HubError(409, 'stale_ticket', `ticket ${row.number} is from ${row.business_day}`);
      this.settleHeld(emit, counterId, actor, heldOutcome);
      return this.emitTicket(emit, 'ticket.called', this.markCalled(row.id, counterId, actor));
    });
  }

  /** Picks up a parked ticket at a counter; the advisor must not be holding another one. */
  resume(ticketId: number, counterId: string, idempotencyKey: string, actor: Actor): Outcome<Ticket> {
    this.counter(counterId);
    return this.ctx.command({ action: 'ticket.resume', actor, idempotencyKey, request: { ticketId, counterId }, target: `ticket:${ticketId}` }, (emit) => {
      this.requireOpen(counterId);
      const row = this.row(ticketId);
      const verdict = decide('resume', { status: row.status, calls: row.calls, lastCalledAt: null }, this.ctx.now().getTime());
      if (!verdict.ok) throw new HubError(409, 'illegal_transition', `ticket ${row.number}: ${verdict.reason}`);
      const held = this.heldBy(counterId, actor);
      if (held.length) throw new HubError(409, 'already_holding', `finish or park ${held.map((h) => h.number).join(', ')} before resuming ${row.number}`);
      this.clearPending(counterId);
      const updated = this.db
        .prepare(`UPDATE tickets SET status = 'serving', parked_at = NULL, counter_id = ?, staff_id = ? WHERE id = ? RETURNING *`)
        .get(counterId, actor.kind === 'staff' ? actor.id : null, ticketId) as TicketRow;
      return this.emitTicket(emit, 'ticket.resumed', updated);
    });
  }

  /** Turns automatic calling on or off for a counter (off by default). */
  setAutoCall(counterId: string, enabled: boolean, graceSeconds: number, idempotencyKey: string, actor: Actor): Outcome<CounterStatus> {
    this.counter(counterId);
    return this.ctx.command(
      { action: 'counter.auto-call', actor, idempotencyKey, request: { counterId, enabled, graceSeconds }, target: `counter:${counterId}` },
      (emit) => {
        this.ensureCounterRow(counterId);
        this.db
          .prepare('UPDATE counter_states SET auto_call = ?, grace_seconds = ?, pending_call_at = CASE WHEN ? THEN pending_call_at END WHERE counter_id = ?')
          .run(enabled ? 1 : 0, graceSeconds, enabled ? 1 : 0, counterId);
        const status = this.counterState(counterId);
        emit({ type: 'counter.state', at: this.ctx.nowIso(), counter: status });
        return status;
      },
    );
  }

  /** Cancels a pending automatic call (the advisor needs a moment). */
  cancelAutoCall(counterId: string, idempotencyKey: string, actor: Actor): Outcome<CounterStatus> {
    this.counter(counterId);
    return this.ctx.command({ action: 'counter.auto-call-cancel', actor, idempotencyKey, request: { counterId }, target: `counter:${counterId}` }, (emit) => {
      if (!this.counterState(counterId).pendingCallAt) throw new HubError(409, 'nothing_pending', `counter ${counterId} has no automatic call pending`);
      this.clearPending(counterId);
      const status = this.counterState(counterId);
      emit({ type: 'counter.state', at: this.ctx.nowIso(), counter: status });
      return status;
    });
  }

  /** Makes the automatic calls whose grace period is over. Run by the hub's timer. */
  runDueAutoCalls(): Outcome<Ticket | null>[] {
    const due = this.db
      .prepare('SELECT counter_id, pending_staff_id FROM counter_states WHERE pending_call_at IS NOT NULL AND pending_call_at <= ?')
      .all(this.ctx.nowIso()) as { counter_id: string; pending_staff_id: number | null }[];
    return due.flatMap((d) => {
      const staff =
        d.pending_staff_id === null
          ? undefined
          : (this.db.prepare('SELECT id, name, role FROM staff WHERE id = ?').get(d.pending_staff_id) as
              { id: number; name: string; role: 'advisor' | 'workshop' | 'manager' | 'admin' } | undefined);
      const actor: Actor = staff ? { kind: 'staff', ...staff } : { kind: 'system', name: `auto-call:${d.counter_id}` };
      try {
        return [this.callNext(d.counter_id, `auto-call-${d.counter_id}-${this.ctx.now().getTime()}`, actor)];
      } catch (err) {
        if (!(err instanceof HubError)) throw err;
        this.clearPending(d.counter_id);
        return [];
      }
    });
  }

  /** Sends a ticket back to waiting for another service or one counter; it keeps its issue time. */
  transfer(ticketId: number, request: TransferRequest, actor: Actor): Outcome<Ticket> {
    const { idempotencyKey, ...asked } = request;
    if (request.service) this.service(request.service);
    if (request.counterId) this.counter(request.counterId);
    return this.ctx.command({ action: 'ticket.transfer', actor, idempotencyKey, request: { ticketId, ...asked }, target: `ticket:${ticketId}` }, (emit) => {
      const row = this.row(ticketId);
      const verdict = decide('transfer', { status: row.status, calls: row.calls, lastCalledAt: null }, this.ctx.now().getTime());
      if (!verdict.ok) throw new HubError(409, 'illegal_transition', `ticket ${row.number}: ${verdict.reason}`);
      const updated = this.db
        .prepare(
          `UPDATE tickets SET status = 'waiting', service = ?, target_counter_id = ?, counter_id = NULL, staff_id = NULL,
                  serving_at = NULL, parked_at = NULL WHERE id = ? RETURNING *`,
        )
        .get(request.service ?? row.service, request.counterId ?? null, ticketId) as TicketRow;
      return this.emitTicket(emit, 'ticket.transferred', updated);
    });
  }

  setCounterState(
    counterId: string,
    state: 'open' | 'paused' | 'closed',
    reason: string | undefined,
    idempotencyKey: string,
    actor: Actor,
  ): Outcome<CounterStatus> {
    this.counter(counterId);
    return this.ctx.command(
      { action: 'counter.state', actor, idempotencyKey, request: { counterId, state, reason }, target: `counter:${counterId}` },
      (emit) => {
        const now = this.ctx.nowIso();
        this.ensureCounterRow(counterId);
        this.db
          .prepare('UPDATE counter_states SET state = ?, reason = ?, since = ? WHERE counter_id = ?')
          .run(state, state === 'paused' ? (reason ?? 'other') : null, now, counterId);
        if (state !== 'open') this.clearPending(counterId);
        const status = this.counterState(counterId);
        emit({ type: 'counter.state', at: now, counter: status });
        return status;
      },
    );
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────

  get(ticketId: number): Ticket {
    return this.toTicket(this.row(ticketId), this.view());
  }

  findByToken(token: string): Ticket | null {
    const row = this.db.prepare('SELECT * FROM tickets WHERE tracking_token = ?').get(token) as TicketRow | undefined;
    return row ? this.toTicket(row, this.view()) : null;
  }

  /** Today's tickets, oldest first. */
  today(view: QueueView = this.view()): Ticket[] {
    const rows = this.db.prepare('SELECT * FROM tickets WHERE business_day = ? ORDER BY issued_at, id').all(this.ctx.businessDay()) as TicketRow[];
    return rows.map((r) => this.toTicket(r, view));
  }

  /** Waiting numbers per service, in calling order. */
  waitingNumbers(view: QueueView = this.view()): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const s of this.config.services) result[s.id] = [];
    const sorted = [...view.waiting].sort(callingOrder(this.config.queue.headStartMinutes));
    for (const t of sorted) (result[t.service] ??= []).push(t.number);
    return result;
  }

  /** Per service: how many wait, and how long a new ticket would likely wait, in minutes. */
  waits(view: QueueView = this.view()): Record<string, ServiceWait> {
    const result: Record<string, ServiceWait> = {};
    const waitingPer = new Map<string, number>();
    for (const t of view.waiting) waitingPer.set(t.service, (waitingPer.get(t.service) ?? 0) + 1);
    for (const probe of view.probes) {
      result[probe.service] = { waiting: waitingPer.get(probe.service) ?? 0, ...this.shownWait(this.estimateMinutes(probe, view)) };
    }
    return result;
  }

  counterStatuses(): CounterStatus[] {
    return this.config.counters.map((c) => this.counterState(c.id));
  }

  counterState(counterId: string): CounterStatus {
    const row = this.db.prepare('SELECT * FROM counter_states WHERE counter_id = ?').get(counterId) as
      | { state: 'open' | 'paused' | 'closed'; reason: string | null; since: string; auto_call: number; grace_seconds: number; pending_call_at: string | null }
      | undefined;
    const held = this.db
      .prepare(`SELECT number FROM tickets WHERE business_day = ? AND counter_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1`)
      .get(this.ctx.businessDay(), counterId) as { number: string } | undefined;
    return {
      counterId,
      state: row?.state ?? 'open',
      reason: row?.reason ?? null,
      since: row?.since ?? new Date(0).toISOString(),
      ticketNumber: held?.number ?? null,
      autoCall: row?.auto_call === 1,
      graceSeconds: row?.grace_seconds ?? 10,
      pendingCallAt: row?.pending_call_at ?? null,
    };
  }

  /** Which kiosk issued a ticket (to print it again there), recorded in the audit log. */
  reprintTarget(ticketId: number, actor: Actor): { ticket: Ticket; deviceId: number } {
    const row = this.row(ticketId);
    if (row.device_id === null) throw new HubError(409, 'not_from_kiosk', `ticket ${row.number} was not issued at a kiosk`);
    this.ctx.command({ action: 'ticket.reprint', actor, request: { ticketId }, target: `ticket:${ticketId}` }, () => undefined);
    return { ticket: this.toTicket(row, this.view()), deviceId: row.device_id };
  }

  /** The ticket a counter holds (called or serving), for call buttons that act on "the current one". */
  heldAt(counterId: string): number {
    this.counter(counterId);
    const row = this.db
      .prepare(`SELECT id FROM tickets WHERE business_day = ? AND counter_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1`)
      .get(this.ctx.businessDay(), counterId) as { id: number } | undefined;
    if (!row) throw new HubError(409, 'nothing_held', `counter ${counterId} holds no ticket`);
    return row.id;
  }

  /** Open counters holding nothing: who could greet a customer right now. */
  idleCounters(): string[] {
    return this.counterStatuses()
      .filter((c) => c.state === 'open' && c.ticketNumber === null)
      .map((c) => c.counterId);
  }

  /** Tickets of today never called yet, with the counters that could call them. */
  waitingFirstCall(): { id: number; number: string; issuedAt: number; callableBy: string[] }[] {
    const rows = this.db
      .prepare(`SELECT * FROM tickets WHERE business_day = ? AND status = 'waiting' AND first_called_at IS NULL`)
      .all(this.ctx.businessDay()) as TicketRow[];
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      issuedAt: Date.parse(r.issued_at),
      callableBy: this.config.counters.filter((c) => counterCanCall(c, { service: r.service, targetCounterId: r.target_counter_id })).map((c) => c.id),
    }));
  }

  recentCalls(limit: number): { number: string; service: string; counterId: string; calledAt: string }[] {
    const rows = this.db
      .prepare(`SELECT * FROM tickets WHERE business_day = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT ?`)
      .all(this.ctx.businessDay(), limit) as TicketRow[];
    return rows.map((r) => ({ number: r.number, service: r.service, counterId: r.counter_id ?? '', calledAt: r.called_at ?? '' }));
  }

  // ─── Internals ────────────────────────────────────────────────────────────────────────

  /** Appends a ticket's change to the log, with the waits it leaves behind. */
  emitTicket(emit: (body: EventBody) => unknown, type: TicketEventType, row: TicketRow): Ticket {
    const view = this.view();
    const ticket = this.toTicket(row, view);
    // A waiting ticket's place in the hub's order, so live clients insert it there.
    const position = ticket.status === 'waiting' ? this.waitingNumbers()[ticket.service]?.indexOf(ticket.number) : undefined;
    emit({ type, at: this.ctx.nowIso(), ticket, waits: this.waits(), ...(position !== undefined && position >= 0 ? { position } : {}) });
    return ticket;
  }

  private requireOpen(counterId: string): void {
    const state = this.counterState(counterId);
    if (state.state !== 'open') throw new HubError(409, 'counter_not_open', `counter ${counterId} is ${state.state}; open it before calling`);
  }

  /**
   * Settles what the counter holds before it calls again. An advisor holding a ticket at another
   * counter is refused (naming it): finishing it silently would count a visit as served that
   * nobody finished. Returns the ids sent back to the queue.
   */
  private settleHeld(emit: (body: EventBody) => unknown, counterId: string, actor: Actor, outcome: HeldOutcome | undefined): number[] {
    const held = this.heldBy(counterId, actor);
    const elsewhere = held.find((h) => h.counter_id !== counterId);
    if (elsewhere) {
      throw new HubError(
        409,
        'held_elsewhere',
        `you still hold ${elsewhere.number} at counter ${elsewhere.counter_id}: finish, park or transfer it there before calling at counter ${counterId}`,
      );
    }
    const now = this.ctx.nowIso();
    const requeued: number[] = [];
    for (const h of held) {
      if (h.status === 'serving' || outcome === 'served') {
        const done = this.db.prepare(`UPDATE tickets SET status = 'done', finished_at = ? WHERE id = ? RETURNING *`).get(now, h.id) as TicketRow;
        this.emitTicket(emit, 'ticket.finished', done);
      } else if (outcome === 'no_show') {
        const gone = this.db.prepare(`UPDATE tickets SET status = 'no_show', finished_at = ? WHERE id = ? RETURNING *`).get(now, h.id) as TicketRow;
        this.emitTicket(emit, 'ticket.no_show', gone);
      } else if (outcome === 'requeue') {
        const back = this.db
          .prepare(`UPDATE tickets SET status = 'waiting', counter_id = NULL, staff_id = NULL WHERE id = ? RETURNING *`)
          .get(h.id) as TicketRow;
        this.emitTicket(emit, 'ticket.requeued', back);
        requeued.push(h.id);
      } else {
        throw new HubError(
          409,
          'held_not_started',
          `${h.number} was called at counter ${counterId} but never started: say whether it was served, a no-show, or goes back to the queue`,
        );
      }
    }
    return requeued;
  }

  private markCalled(ticketId: number, counterId: string, actor: Actor): TicketRow {
    const now = this.ctx.nowIso();
    return this.db
      .prepare(
        `UPDATE tickets SET status = 'called', called_at = ?, first_called_at = COALESCE(first_called_at, ?), calls = calls + 1,
                counter_id = ?, target_counter_id = NULL, staff_id = ? WHERE id = ? AND status = 'waiting' RETURNING *`,
      )
      .get(now, now, counterId, actor.kind === 'staff' ? actor.id : null, ticketId) as TicketRow;
  }

  private ensureCounterRow(counterId: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO counter_states (counter_id, state, since) VALUES (?, 'open', ?)`).run(counterId, this.ctx.nowIso());
  }

  private clearPending(counterId: string): void {
    this.db.prepare('UPDATE counter_states SET pending_call_at = NULL, pending_staff_id = NULL WHERE counter_id = ?').run(counterId);
  }

  private scheduleAutoCall(emit: (body: EventBody) => unknown, counterId: string, actor: Actor): void {
    const state = this.counterState(counterId);
    if (!state.autoCall || state.state !== 'open') return;
    const at = new Date(this.ctx.now().getTime() + state.graceSeconds * 1000).toISOString();
    this.db
      .prepare('UPDATE counter_states SET pending_call_at = ?, pending_staff_id = ? WHERE counter_id = ?')
      .run(at, actor.kind === 'staff' ? actor.id : null, counterId);
    emit({ type: 'counter.state', at: this.ctx.nowIso(), counter: this.counterState(counterId) });
  }

  /** Today's tickets the counter holds, and (one ticket per advisor) any the same advisor holds elsewhere. */
  private heldBy(counterId: string, actor: Actor): TicketRow[] {
    return this.db
      .prepare(
        `SELECT * FROM tickets WHERE business_day = ? AND status IN ('called', 'serving')
           AND (counter_id = ? OR (staff_id IS NOT NULL AND staff_id = ?))`,
      )
      .all(this.ctx.businessDay(), counterId, actor.kind === 'staff' ? actor.id : -1) as TicketRow[];
  }

  private service(id: string): ServiceConfig {
    const service = this.config.services.find((s) => s.id === id);
    if (!service) {
      throw new HubError(400, 'unknown_service', `service: unknown service "${id}"; offered: ${this.config.services.map((s) => s.id).join(', ')}`);
    }
    return service;
  }

  private counter(id: string): CounterScope {
    const counter = this.config.counters.find((c) => c.id === id);
    if (!counter) throw new HubError(404, 'unknown_counter', `counter ${id} does not exist`);
    return counter;
  }

  private row(id: number): TicketRow {
    const row = this.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
    if (!row) throw new HubError(404, 'unknown_ticket', `ticket ${id} does not exist`);
    return row;
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

  /** What the queue maths needs, read once: pass it to several readers of one snapshot. */
  view(): QueueView {
    const day = this.ctx.businessDay();
    const waiting = (
      this.db
        .prepare(`SELECT id, number, service, ticket_class, issued_at, target_counter_id FROM tickets WHERE status = 'waiting' AND business_day = ?`)
        .all(day) as Pick<TicketRow, 'id' | 'number' | 'service' | 'ticket_class' | 'issued_at' | 'target_counter_id'>[]
    ).map((r): WaitingTicket => ({
      id: r.id,
      number: r.number,
      service: r.service,
      ticketClass: r.ticket_class,
      issuedAt: Date.parse(r.issued_at),
      targetCounterId: r.target_counter_id,
    }));
    const statuses = this.counterStatuses();
    const open = new Set(statuses.filter((c) => c.state === 'open').map((c) => c.counterId));
    const openCounters = this.config.counters.filter((c) => open.has(c.id));
    let ahead: Map<number, number> | null = null;
    const aheadOnce = (): Map<number, number> => (ahead ??= aheadCounts(waiting, this.config.counters, this.config.queue.headStartMinutes));
    const model = queueModel(this.ctx, waiting, statuses);
    const now = model.now;
    const probes = this.config.services.map((service, i): WaitingTicket => ({
      id: probeId(i),
      number: '',
      service: service.id,
      ticketClass: service.priority ? 'priority' : 'walkin',
      issuedAt: now,
    }));
    let estimates: Map<number, WaitEstimate | null> | null = null;
    const estimatesOnce = (): Map<number, WaitEstimate | null> => (estimates ??= estimateWaits(model, probes));
    return { waiting, ahead: aheadOnce, openCounters, model, estimates: estimatesOnce, probes };
  }

  /** People ahead of each of today's waiting tickets, without wait estimates (for the near notice). */
  aheadOfWaiting(): Map<number, number> {
    const waiting = (
      this.db
        .prepare(`SELECT id, number, service, ticket_class, issued_at, target_counter_id FROM tickets WHERE status = 'waiting' AND business_day = ?`)
        .all(this.ctx.businessDay()) as Pick<TicketRow, 'id' | 'number' | 'service' | 'ticket_class' | 'issued_at' | 'target_counter_id'>[]
    ).map((r): WaitingTicket => ({
      id: r.id,
      number: r.number,
      service: r.service,
      ticketClass: r.ticket_class,
      issuedAt: Date.parse(r.issued_at),
      targetCounterId: r.target_counter_id,
    }));
    return aheadCounts(waiting, this.config.counters, this.config.queue.headStartMinutes);
  }

  /** People ahead of a ticket: from the view's one pass for waiting tickets, counted for a probe. */
  private orderOf(ticket: WaitingTicket, view: QueueView): number {
    return view.ahead().get(ticket.id) ?? ticketsAhead(ticket, view.waiting, this.config.counters, this.config.queue.headStartMinutes).length;
  }

  private estimateMinutes(ticket: WaitingTicket, view: QueueView): { minutes: number; low: number; high: number } | null {
    const estimate = view.estimates().get(ticket.id) ?? null;
    return estimate && shownMinutes(estimate, this.orderOf(ticket, view));
  }

  private shownWait(shown: { minutes: number; low: number; high: number } | null): {
    estimatedMinutes: number | null;
    range: { low: number; high: number } | null;
  } {
    return shown ? { estimatedMinutes: shown.minutes, range: { low: shown.low, high: shown.high } } : { estimatedMinutes: null, range: null };
  }

  private toTicket(row: TicketRow, view: QueueView): Ticket {
    let ahead = 0;
    let estimatedWaitMinutes: number | null = 0;
    let estimatedWaitRange: { low: number; high: number } | null = null;
    if (row.status === 'waiting') {
      const self = view.waiting.find((w) => w.id === row.id);
      if (self) {
        ahead = view.ahead().get(self.id) ?? 0;
        ({ estimatedMinutes: estimatedWaitMinutes, range: estimatedWaitRange } = this.shownWait(this.estimateMinutes(self, view)));
      }
    }
    return {
      id: row.id,
      number: row.number,
      service: row.service,
      status: row.status,
      businessDay: row.business_day,
      ticketClass: row.ticket_class,
      issuedAt: row.issued_at,
      calledAt: row.called_at,
      firstCalledAt: row.first_called_at,
      servingAt: row.serving_at,
      finishedAt: row.finished_at,
      counterId: row.counter_id,
      targetCounterId: row.target_counter_id,
      calls: row.calls,
      origin: row.origin,
      plate: row.plate,
      phone: row.phone,
      ahead,
      estimatedWaitMinutes,
      estimatedWaitRange,
      trackingToken: row.tracking_token,
    };
  }
}

export { isActive };
