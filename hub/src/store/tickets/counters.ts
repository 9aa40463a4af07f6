/**
 * Counters: open, paused or closed, and automatic calling (off by default) with its grace
 * period. Which ticket a counter holds is read from the tickets themselves.
 */
import type { CounterStatus } from '../../../../shared/src/protocol.ts';
import type { Actor } from '../../auth.ts';
import { HubError, type EventBody, type Outcome, type StoreContext } from '../context.ts';
import type { TicketReader } from './ticket-reader.ts';

export class Counters {
  constructor(
    private readonly ctx: StoreContext,
    private readonly read: TicketReader,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /** Turns automatic calling on or off for a counter (off by default). */
  setAutoCall(counterId: string, enabled: boolean, graceSeconds: number, idempotencyKey: string, actor: Actor): Outcome<CounterStatus> {
    this.read.counter(counterId);
    return this.ctx.command(
      { action: 'counter.auto-call', actor, idempotencyKey, request: { counterId, enabled, graceSeconds }, target: `counter:${counterId}` },
      (emit) => {
        this.ensureRow(counterId);
        this.db
          .prepare('UPDATE counter_states SET auto_call = ?, grace_seconds = ?, pending_call_at = CASE WHEN ? THEN pending_call_at END WHERE counter_id = ?')
          .run(enabled ? 1 : 0, graceSeconds, enabled ? 1 : 0, counterId);
        const status = this.read.counterState(counterId);
        emit({ type: 'counter.state', at: this.ctx.nowIso(), counter: status });
        return status;
      },
    );
  }

  /** Cancels a pending automatic call (the advisor needs a moment). */
  cancelAutoCall(counterId: string, idempotencyKey: string, actor: Actor): Outcome<CounterStatus> {
    this.read.counter(counterId);
    return this.ctx.command({ action: 'counter.auto-call-cancel', actor, idempotencyKey, request: { counterId }, target: `counter:${counterId}` }, (emit) => {
      if (!this.read.counterState(counterId).pendingCallAt) throw new HubError(409, 'nothing_pending', `counter ${counterId} has no automatic call pending`);
      this.clearPending(counterId);
      const status = this.read.counterState(counterId);
      emit({ type: 'counter.state', at: this.ctx.nowIso(), counter: status });
      return status;
    });
  }

  setCounterState(
    counterId: string,
    state: 'open' | 'paused' | 'closed',
    reason: string | undefined,
    idempotencyKey: string,
    actor: Actor,
  ): Outcome<CounterStatus> {
    this.read.counter(counterId);
    return this.ctx.command(
      { action: 'counter.state', actor, idempotencyKey, request: { counterId, state, reason }, target: `counter:${counterId}` },
      (emit) => {
        const now = this.ctx.nowIso();
        this.ensureRow(counterId);
        this.db
          .prepare('UPDATE counter_states SET state = ?, reason = ?, since = ? WHERE counter_id = ?')
          .run(state, state === 'paused' ? (reason ?? 'other') : null, now, counterId);
        if (state !== 'open') this.clearPending(counterId);
        const status = this.read.counterState(counterId);
        emit({ type: 'counter.state', at: now, counter: status });
        return status;
      },
    );
  }

  /** The ticket a counter holds (called or serving), for call buttons that act on "the current one". */
  heldAt(counterId: string): number {
    this.read.counter(counterId);
    const row = this.db
      .prepare(`SELECT id FROM tickets WHERE business_day = ? AND counter_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1`)
      .get(this.ctx.businessDay(), counterId) as { id: number } | undefined;
    if (!row) throw new HubError(409, 'nothing_held', `counter ${counterId} holds no ticket`);
    return row.id;
  }

  /** Open counters holding nothing: who could greet a customer right now. */
  idleCounters(): string[] {
    return this.read
      .counterStatuses()
      .filter((c) => c.state === 'open' && c.ticketNumber === null)
      .map((c) => c.counterId);
  }

  /** Counters whose automatic call is due, with the advisor who set it going. */
  dueAutoCalls(): { counter_id: string; pending_staff_id: number | null }[] {
    return this.db
      .prepare('SELECT counter_id, pending_staff_id FROM counter_states WHERE pending_call_at IS NOT NULL AND pending_call_at <= ?')
      .all(this.ctx.nowIso()) as { counter_id: string; pending_staff_id: number | null }[];
  }

  requireOpen(counterId: string): void {
    const state = this.read.counterState(counterId);
    if (state.state !== 'open') throw new HubError(409, 'counter_not_open', `counter ${counterId} is ${state.state}; open it before calling`);
  }

  clearPending(counterId: string): void {
    this.db.prepare('UPDATE counter_states SET pending_call_at = NULL, pending_staff_id = NULL WHERE counter_id = ?').run(counterId);
  }

  /** The counter is free again: an auto-calling counter calls the next after its grace period. */
  scheduleAutoCall(emit: (body: EventBody) => unknown, counterId: string, actor: Actor): void {
    const state = this.read.counterState(counterId);
    if (!state.autoCall || state.state !== 'open') return;
    const at = new Date(this.ctx.now().getTime() + state.graceSeconds * 1000).toISOString();
    this.db
      .prepare('UPDATE counter_states SET pending_call_at = ?, pending_staff_id = ? WHERE counter_id = ?')
      .run(at, actor.kind === 'staff' ? actor.id : null, counterId);
    emit({ type: 'counter.state', at: this.ctx.nowIso(), counter: this.read.counterState(counterId) });
  }

  private ensureRow(counterId: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO counter_states (counter_id, state, since) VALUES (?, 'open', ?)`).run(counterId, this.ctx.nowIso());
  }
}
