/**
 * Calling and the lifecycle at the counter: call next or a chosen ticket, recall, start, finish,
 * no-show, cancel, park, resume, transfer, and the automatic calls whose grace period is over.
 * A counter (and its advisor) holds at most one ticket; what it holds is settled before it calls.
 */
import type { HeldOutcome, Ticket, TicketEventType, TransferRequest } from '../../../../shared/src/protocol.ts';
import { decide, type TicketAction } from '../../../../shared/src/ticket-lifecycle.ts';
import type { Actor } from '../../auth.ts';
import { pickNext } from '../../domain/queue.ts';
import { HubError, type Outcome, type StoreContext } from '../context.ts';
import { finishingNow } from '../durations.ts';
import type { Counters } from './counters.ts';
import type { TicketReader, TicketRow } from './ticket-reader.ts';

/** What `act` does to a ticket: the columns it sets and the event it emits. */
const ACT_UPDATES: Record<Exclude<TicketAction, 'call' | 'transfer' | 'resume'>, [string, TicketEventType]> = {
  recall: [`status = 'called', called_at = @now, calls = calls + 1`, 'ticket.recalled'],
  start: [`status = 'serving', serving_at = @now`, 'ticket.serving'],
  finish: [`status = 'done', finished_at = @now`, 'ticket.finished'],
  'no-show': [`status = 'no_show', finished_at = @now`, 'ticket.no_show'],
  cancel: [`status = 'cancelled', finished_at = @now`, 'ticket.cancelled'],
  park: [`status = 'parked', parked_at = @now`, 'ticket.parked'],
};

export class Calling {
  constructor(
    private readonly ctx: StoreContext,
    private readonly read: TicketReader,
    private readonly counters: Counters,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /**
   * Calls the next ticket for a counter. The ticket the counter still holds is settled first,
   * so a counter (and its advisor) holds at most one ticket: one being served is finished; one
   * called but never started needs `heldOutcome` (the hub never guesses "served").
   */
  callNext(counterId: string, idempotencyKey: string, actor: Actor, heldOutcome?: HeldOutcome): Outcome<Ticket | null> {
    const counter = this.read.counter(counterId);
    const request = heldOutcome ? { counterId, heldOutcome } : { counterId };
    return this.ctx.command({ action: 'ticket.call-next', actor, idempotencyKey, request, target: `counter:${counterId}` }, (emit) => {
      this.counters.requireOpen(counterId);
      this.counters.clearPending(counterId);
      const settled = this.settleHeld(counterId, actor, heldOutcome);
      // A ticket just sent back keeps its place but is not called again in the same breath.
      // Only the waiting tickets: a whole view would build the wait model for nothing.
      const requeued = new Set(settled.filter((s) => s.type === 'ticket.requeued').map((s) => s.row.id));
      const waiting = this.read.waitingTickets().filter((w) => !requeued.has(w.id));
      const next = pickNext(waiting, counter, this.ctx.config.queue.headStartMinutes);
      const called = next ? this.markCalled(next.id, counterId, actor) : null;
      // The events are emitted once the command's changes are made: they commit together, so each
      // carries the queue as the command leaves it, and they share one replay of the wait model.
      for (const { type, row } of settled) this.read.emitTicket(emit, type, row);
      return called ? this.read.emitTicket(emit, 'ticket.called', called) : null;
    });
  }

  /** recall, start, finish, no-show, cancel, park. */
  act(ticketId: number, action: Exclude<TicketAction, 'call' | 'transfer' | 'resume'>, idempotencyKey: string, actor: Actor): Outcome<Ticket> {
    return this.ctx.command({ action: `ticket.${action}`, actor, idempotencyKey, request: { ticketId }, target: `ticket:${ticketId}` }, (emit) => {
      const row = this.read.row(ticketId);
      const now = this.ctx.now();
      const verdict = decide(
        action,
        { status: row.status, calls: row.calls, lastCalledAt: row.called_at ? Date.parse(row.called_at) : null },
        now.getTime(),
        this.ctx.config.queue.noShow,
      );
      if (!verdict.ok) throw new HubError(409, 'illegal_transition', `ticket ${row.number}: ${verdict.reason}`);
      const [set, type] = ACT_UPDATES[action];
      const update = (): TicketRow =>
        this.db.prepare(`UPDATE tickets SET ${set} WHERE id = @id RETURNING *`).get({ now: now.toISOString(), id: ticketId }) as TicketRow;
      const updated = action === 'finish' ? finishingNow(this.ctx, update) : update();
      const ticket = this.read.emitTicket(emit, type, updated);
      // The counter is free again: an auto-calling counter calls the next after its grace period.
      if ((action === 'finish' || action === 'no-show' || action === 'park') && row.counter_id) {
        this.counters.scheduleAutoCall(emit, row.counter_id, actor);
      }
      return ticket;
    });
  }

  /** Calls one waiting ticket out of order; the reason goes to the audit log with the call. */
  callChosen(counterId: string, ticketId: number, reason: string, idempotencyKey: string, actor: Actor, heldOutcome?: HeldOutcome): Outcome<Ticket> {
    this.read.counter(counterId);
    const request = heldOutcome ? { counterId, ticketId, reason, heldOutcome } : { counterId, ticketId, reason };
    return this.ctx.command({ action: 'ticket.call-chosen', actor, idempotencyKey, request, target: `ticket:${ticketId}` }, (emit) => {
      this.counters.requireOpen(counterId);
      const row = this.read.row(ticketId);
      if (row.status !== 'waiting') throw new HubError(409, 'illegal_transition', `ticket ${row.number} is ${row.status}, not waiting`);
      if (row.business_day !== this.ctx.businessDay()) throw new HubError(409, 'stale_ticket', `ticket ${row.number} is from ${row.business_day}`);
      const settled = this.settleHeld(counterId, actor, heldOutcome);
      const called = this.markCalled(row.id, counterId, actor);
      for (const { type, row: held } of settled) this.read.emitTicket(emit, type, held);
      return this.read.emitTicket(emit, 'ticket.called', called);
    });
  }

  /** Picks up a parked ticket at a counter; the advisor must not be holding another one. */
  resume(ticketId: number, counterId: string, idempotencyKey: string, actor: Actor): Outcome<Ticket> {
    this.read.counter(counterId);
    return this.ctx.command({ action: 'ticket.resume', actor, idempotencyKey, request: { ticketId, counterId }, target: `ticket:${ticketId}` }, (emit) => {
      this.counters.requireOpen(counterId);
      const row = this.read.row(ticketId);
      const verdict = decide('resume', { status: row.status, calls: row.calls, lastCalledAt: null }, this.ctx.now().getTime());
      if (!verdict.ok) throw new HubError(409, 'illegal_transition', `ticket ${row.number}: ${verdict.reason}`);
      const held = this.heldBy(counterId, actor);
      if (held.length) throw new HubError(409, 'already_holding', `finish or park ${held.map((h) => h.number).join(', ')} before resuming ${row.number}`);
      this.counters.clearPending(counterId);
      const updated = this.db
        .prepare(`UPDATE tickets SET status = 'serving', parked_at = NULL, counter_id = ?, staff_id = ? WHERE id = ? RETURNING *`)
        .get(counterId, actor.kind === 'staff' ? actor.id : null, ticketId) as TicketRow;
      return this.read.emitTicket(emit, 'ticket.resumed', updated);
    });
  }

  /** Sends a ticket back to waiting for another service or one counter; it keeps its issue time. */
  transfer(ticketId: number, request: TransferRequest, actor: Actor): Outcome<Ticket> {
    const { idempotencyKey, ...asked } = request;
    if (request.service) this.read.service(request.service);
    if (request.counterId) this.read.counter(request.counterId);
    return this.ctx.command({ action: 'ticket.transfer', actor, idempotencyKey, request: { ticketId, ...asked }, target: `ticket:${ticketId}` }, (emit) => {
      const row = this.read.row(ticketId);
      const verdict = decide('transfer', { status: row.status, calls: row.calls, lastCalledAt: null }, this.ctx.now().getTime());
      if (!verdict.ok) throw new HubError(409, 'illegal_transition', `ticket ${row.number}: ${verdict.reason}`);
      const updated = this.db
        .prepare(
          `UPDATE tickets SET status = 'waiting', service = ?, target_counter_id = ?, counter_id = NULL, staff_id = NULL,
                  serving_at = NULL, parked_at = NULL WHERE id = ? RETURNING *`,
        )
        .get(request.service ?? row.service, request.counterId ?? null, ticketId) as TicketRow;
      return this.read.emitTicket(emit, 'ticket.transferred', updated);
    });
  }

  /** Makes the automatic calls whose grace period is over. Run by the hub's timer. */
  runDueAutoCalls(): Outcome<Ticket | null>[] {
    return this.counters.dueAutoCalls().flatMap((d) => {
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
        this.counters.clearPending(d.counter_id);
        return [];
      }
    });
  }

  /**
   * Settles what the counter holds before it calls again. An advisor holding a ticket at another
   * counter is refused (naming it): finishing it silently would count a visit as served that
   * nobody finished. Returns the settled tickets, for the caller to emit once it is done.
   */
  private settleHeld(counterId: string, actor: Actor, outcome: HeldOutcome | undefined): { type: TicketEventType; row: TicketRow }[] {
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
    const settled: { type: TicketEventType; row: TicketRow }[] = [];
    for (const h of held) {
      if (h.status === 'serving' || outcome === 'served') {
        const done = finishingNow(
          this.ctx,
          () => this.db.prepare(`UPDATE tickets SET status = 'done', finished_at = ? WHERE id = ? RETURNING *`).get(now, h.id) as TicketRow,
        );
        settled.push({ type: 'ticket.finished', row: done });
      } else if (outcome === 'no_show') {
        const gone = this.db.prepare(`UPDATE tickets SET status = 'no_show', finished_at = ? WHERE id = ? RETURNING *`).get(now, h.id) as TicketRow;
        settled.push({ type: 'ticket.no_show', row: gone });
      } else if (outcome === 'requeue') {
        const back = this.db
          .prepare(`UPDATE tickets SET status = 'waiting', counter_id = NULL, staff_id = NULL WHERE id = ? RETURNING *`)
          .get(h.id) as TicketRow;
        settled.push({ type: 'ticket.requeued', row: back });
      } else {
        throw new HubError(
          409,
          'held_not_started',
          `${h.number} was called at counter ${counterId} but never started: say whether it was served, a no-show, or goes back to the queue`,
        );
      }
    }
    return settled;
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

  /** Today's tickets the counter holds, and (one ticket per advisor) any the same advisor holds elsewhere. */
  private heldBy(counterId: string, actor: Actor): TicketRow[] {
    return this.db
      .prepare(
        `SELECT * FROM tickets WHERE business_day = ? AND status IN ('called', 'serving')
           AND (counter_id = ? OR (staff_id IS NOT NULL AND staff_id = ?))`,
      )
      .all(this.ctx.businessDay(), counterId, actor.kind === 'staff' ? actor.id : -1) as TicketRow[];
  }
}
