/**
 * Closing a business day. At the store's opening time (the business-day boundary, in the
 * store's time zone) every ticket of an earlier day still open is closed as `expired` — never
 * as served — counters are freed, pending automatic calls dropped and alerts of earlier days
 * resolved. It runs at start-up (the hub may have been down across the boundary) and on the
 * hub's timer; statistics of earlier days are left as they were.
 */
import type { Actor } from '../auth.ts';
import { OPEN_STATUSES } from '../../../shared/src/ticket-lifecycle.ts';
import type { AlertStore } from './alerts.ts';
import type { ArrivalStore } from './arrivals.ts';
import type { Outcome, StoreContext } from './context.ts';
import type { TicketRow, TicketStore } from './tickets.ts';

const dayClose: Actor = { kind: 'system', name: 'day-close' };
const OPEN = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export interface DayCloseResult {
  expired: number;
  alertsResolved: number;
}

export class DayClose {
  constructor(
    private readonly ctx: StoreContext,
    private readonly tickets: TicketStore,
    private readonly alerts: AlertStore,
    private readonly arrivals?: ArrivalStore,
  ) {}

  /** Cheap check for the timer: is anything of an earlier day still open? */
  due(): boolean {
    const today = this.ctx.businessDay();
    const ticket = this.ctx.db.prepare(`SELECT 1 FROM tickets WHERE business_day < ? AND status IN ${OPEN} LIMIT 1`).get(today);
    const alert = this.ctx.db.prepare('SELECT 1 FROM alerts WHERE resolved_at IS NULL AND business_day < ? LIMIT 1').get(today);
    return ticket !== undefined || alert !== undefined || (this.arrivals?.hasEarlierOpen() ?? false);
  }

  run(): Outcome<DayCloseResult> {
    if (!this.due()) return { result: { expired: 0, alertsResolved: 0 }, replayed: false, events: [] };
    const today = this.ctx.businessDay();
    return this.ctx.command({ action: 'day.close', actor: dayClose, request: { before: today } }, (emit) => {
      const now = this.ctx.nowIso();
      const expired = this.ctx.db
        .prepare(
          `UPDATE tickets SET status = 'expired', closed_reason = 'day_closed', finished_at = ?
           WHERE business_day < ? AND status IN ${OPEN} RETURNING *`,
        )
        .all(now, today) as TicketRow[];
      expired.sort((a, b) => a.issued_at.localeCompare(b.issued_at) || a.id - b.id);
      for (const row of expired) this.tickets.emitTicket(emit, 'ticket.expired', row);
      // A new day starts with every counter free: no automatic call left over, no lunch pause.
      this.ctx.db.prepare(`UPDATE counter_states SET pending_call_at = NULL, pending_staff_id = NULL`).run();
      const paused = this.ctx.db
        .prepare(`UPDATE counter_states SET state = 'open', reason = NULL, since = ? WHERE state = 'paused' RETURNING counter_id`)
        .all(now) as { counter_id: string }[];
      for (const c of paused) emit({ type: 'counter.state', at: now, counter: this.tickets.counterState(c.counter_id) });
      // A vehicle left open in the drive overnight no longer counts toward pre-inspection.
      this.arrivals?.closeEarlierDays(emit);
      const alertsResolved = this.alerts.resolveEarlierDays(emit);
      return { expired: expired.length, alertsResolved };
    });
  }
}
