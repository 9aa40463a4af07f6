/**
 * Reading tickets: the rows, the queue view the maths needs (read once per operation), and the
 * projection of a row into the `Ticket` pages see, with its place and wait. Every other part of
 * the ticket store reads through here, and emits a ticket's change through `emitTicket`.
 */
import type { CounterStatus, ServiceWait, Ticket, TicketEventType } from '../../../../shared/src/protocol.ts';
import type { ServiceConfig } from '../../../../shared/src/services.ts';
import { callingOrder, aheadCounts, counterCanCall, ticketsAhead, type CounterScope, type WaitingTicket } from '../../domain/queue.ts';
import { estimateWaits, shownMinutes, type QueueModel, type WaitEstimate } from '../../domain/wait-estimate.ts';
import { HubError, type EventBody, type StoreContext } from '../context.ts';
import { queueModel } from '../durations.ts';
import type { TicketStatus } from '../../../../shared/src/ticket-lifecycle.ts';

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

type ShownWait = { minutes: number; low: number; high: number } | null;

export class TicketReader {
  private lastReplay: { key: string; estimates: Map<number, WaitEstimate | null> } | null = null;

  constructor(private readonly ctx: StoreContext) {}

  private get db() {
    return this.ctx.db;
  }

  private get config() {
    return this.ctx.config;
  }

  row(id: number): TicketRow {
    const row = this.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
    if (!row) throw new HubError(404, 'unknown_ticket', `ticket ${id} does not exist`);
    return row;
  }

  service(id: string): ServiceConfig {
    const service = this.config.services.find((s) => s.id === id);
    if (!service) {
      throw new HubError(400, 'unknown_service', `service: unknown service "${id}"; offered: ${this.config.services.map((s) => s.id).join(', ')}`);
    }
    return service;
  }

  counter(id: string): CounterScope {
    const counter = this.config.counters.find((c) => c.id === id);
    if (!counter) throw new HubError(404, 'unknown_counter', `counter ${id} does not exist`);
    return counter;
  }

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
      result[probe.service] = { waiting: waitingPer.get(probe.service) ?? 0, ...shownWait(this.estimateMinutes(probe, view)) };
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

  /** Appends a ticket's change to the log, with the waits it leaves behind. */
  emitTicket(emit: (body: EventBody) => unknown, type: TicketEventType, row: TicketRow): Ticket {
    // One view for the ticket, its place and the waits: nothing changes between them.
    const view = this.view();
    const ticket = this.toTicket(row, view);
    // A waiting ticket's place in the hub's order, so live clients insert it there.
    const position = ticket.status === 'waiting' ? this.waitingNumbers(view)[ticket.service]?.indexOf(ticket.number) : undefined;
    emit({ type, at: this.ctx.nowIso(), ticket, waits: this.waits(view), ...(position !== undefined && position >= 0 ? { position } : {}) });
    return ticket;
  }

  /** What the queue maths needs, read once: pass it to several readers of one snapshot. */
  view(): QueueView {
    const waiting = this.waitingTickets();
    const counters = this.counterStatuses();
    const open = new Set(counters.filter((c) => c.state === 'open').map((c) => c.counterId));
    const openCounters = this.config.counters.filter((c) => open.has(c.id));
    let ahead: Map<number, number> | null = null;
    const aheadOnce = (): Map<number, number> => (ahead ??= aheadCounts(waiting, this.config.counters, this.config.queue.headStartMinutes));
    const model = queueModel(this.ctx, waiting, counters);
    const now = model.now;
    const probes = this.config.services.map((service, i): WaitingTicket => ({
      id: probeId(i),
      number: '',
      service: service.id,
      ticketClass: service.priority ? 'priority' : 'walkin',
      issuedAt: now,
    }));
    let estimates: Map<number, WaitEstimate | null> | null = null;
    const estimatesOnce = (): Map<number, WaitEstimate | null> => (estimates ??= this.replayed(model, probes));
    return { waiting, ahead: aheadOnce, openCounters, model, estimates: estimatesOnce, probes };
  }

  /**
   * The estimates for a model, replayed once: the replays are most of what a change costs, and
   * several views often see the same queue (a command's events, a start that moves nobody, the
   * reads that follow a change). Keyed by the whole model, so any change replays afresh.
   */
  private replayed(model: QueueModel, probes: readonly WaitingTicket[]): Map<number, WaitEstimate | null> {
    const key = JSON.stringify([model, probes]);
    if (this.lastReplay?.key === key) return this.lastReplay.estimates;
    const estimates = estimateWaits(model, probes);
    this.lastReplay = { key, estimates };
    return estimates;
  }

  /** People ahead of each of today's waiting tickets, without wait estimates (for the near notice). */
  aheadOfWaiting(): Map<number, number> {
    return aheadCounts(this.waitingTickets(), this.config.counters, this.config.queue.headStartMinutes);
  }

  toTicket(row: TicketRow, view: QueueView): Ticket {
    let ahead = 0;
    let estimatedWaitMinutes: number | null = 0;
    let estimatedWaitRange: { low: number; high: number } | null = null;
    if (row.status === 'waiting') {
      const self = view.waiting.find((w) => w.id === row.id);
      if (self) {
        ahead = view.ahead().get(self.id) ?? 0;
        ({ estimatedMinutes: estimatedWaitMinutes, range: estimatedWaitRange } = shownWait(this.estimateMinutes(self, view)));
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

  /** Today's waiting tickets, as the queue maths takes them. */
  waitingTickets(): WaitingTicket[] {
    const rows = this.db
      .prepare(`SELECT id, number, service, ticket_class, issued_at, target_counter_id FROM tickets WHERE status = 'waiting' AND business_day = ?`)
      .all(this.ctx.businessDay()) as Pick<TicketRow, 'id' | 'number' | 'service' | 'ticket_class' | 'issued_at' | 'target_counter_id'>[];
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      service: r.service,
      ticketClass: r.ticket_class,
      issuedAt: Date.parse(r.issued_at),
      targetCounterId: r.target_counter_id,
    }));
  }

  /** People ahead of a ticket: from the view's one pass for waiting tickets, counted for a probe. */
  private orderOf(ticket: WaitingTicket, view: QueueView): number {
    return view.ahead().get(ticket.id) ?? ticketsAhead(ticket, view.waiting, this.config.counters, this.config.queue.headStartMinutes).length;
  }

  private estimateMinutes(ticket: WaitingTicket, view: QueueView): ShownWait {
    const estimate = view.estimates().get(ticket.id) ?? null;
    return estimate && shownMinutes(estimate, this.orderOf(ticket, view));
  }
}

function shownWait(shown: ShownWait): { estimatedMinutes: number | null; range: { low: number; high: number } | null } {
  return shown ? { estimatedMinutes: shown.minutes, range: { low: shown.low, high: shown.high } } : { estimatedMinutes: null, range: null };
}
