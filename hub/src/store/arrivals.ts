/**
 * Vehicle arrivals in the service drive (issue #16 §2): registered at the kiosk (a plate), the
 * desk or the guard's tablet before any job exists, placed in a configured bay or waiting for
 * one, and closed when past pre-inspection. The pre-inspection alert rules count these.
 */
import { maskPlate } from '../../../shared/src/plate.ts';
import type { Arrival, ArrivalSource, BayView, RegisterArrivalRequest } from '../../../shared/src/protocol.ts';
import type { Actor } from '../auth.ts';
import { bayView, checkBay } from '../domain/bays.ts';
import type { AppointmentStore } from './appointments.ts';
import { HubError, type EventBody, type Outcome, type StoreContext } from './context.ts';

interface ArrivalRow {
  id: number;
  business_day: string;
  plate: string;
  bay: string | null;
  source: ArrivalSource;
  arrived_at: string;
  ticket_id: number | null;
  job_id: number | null;
  left_at: string | null;
  left_reason: Arrival['leftReason'];
}

type Emit = (body: EventBody) => unknown;

export interface ArrivalInput {
  plate: string;
  bay?: string | null;
  source: ArrivalSource;
  ticketId?: number | null;
  jobId?: number | null;
  /** When the vehicle came in, if before now (a ticket a kiosk issued offline); now otherwise. */
  arrivedAt?: string;
}

export class ArrivalStore {
  /** Set by the hub store: a plate registered at the desk or gate checks in today's appointment. */
  appointments?: AppointmentStore;

  constructor(private readonly ctx: StoreContext) {}

  private get db() {
    return this.ctx.db;
  }

  /** A vehicle enters the drive (desk or guard). The same plate again is the same vehicle: a bay given moves it. */
  register(request: RegisterArrivalRequest, actor: Actor): Outcome<Arrival> {
    const { idempotencyKey, ...asked } = request;
    return this.ctx.command({ action: 'arrival.register', actor, idempotencyKey, request: asked }, (emit) =>
      this.registerIn(emit, { plate: request.plate, bay: request.bay ?? null, source: request.source }),
    );
  }

  /** Inside another command (ticket issue, job create): registers or updates the plate's open arrival. */
  registerIn(emit: Emit, input: ArrivalInput): Arrival {
    const existing = this.db.prepare('SELECT * FROM arrivals WHERE plate = ? AND left_at IS NULL').get(input.plate) as ArrivalRow | undefined;
    if (existing) {
      const bay = input.bay ?? existing.bay;
      if (bay !== existing.bay) this.assertBay(bay!, existing.id);
      const row = this.db
        .prepare('UPDATE arrivals SET bay = ?, ticket_id = COALESCE(ticket_id, ?), job_id = COALESCE(job_id, ?) WHERE id = ? RETURNING *')
        .get(bay, input.ticketId ?? null, input.jobId ?? null, existing.id) as ArrivalRow;
      return this.emitArrival(emit, 'arrival.updated', row);
    }
    if (input.bay) this.assertBay(input.bay);
    if (input.source === 'desk' || input.source === 'guard') {
      const booked = this.appointments?.matchToday(input.plate);
      if (booked) this.appointments!.markArrived(emit, booked.id, null);
    }
    const row = this.db
      .prepare(
        `INSERT INTO arrivals (business_day, plate, bay, source, arrived_at, ticket_id, job_id)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        this.ctx.businessDay(),
        input.plate,
        input.bay ?? null,
        input.source,
        input.arrivedAt ?? this.ctx.nowIso(),
        input.ticketId ?? null,
        input.jobId ?? null,
      ) as ArrivalRow;
    return this.emitArrival(emit, 'arrival.registered', row);
  }

  /** Moves a vehicle to a bay, or back to waiting for one (null). */
  setBay(id: number, bay: string | null, idempotencyKey: string, actor: Actor): Outcome<Arrival> {
    return this.ctx.command({ action: 'arrival.bay', actor, idempotencyKey, request: { id, bay }, target: `arrival:${id}` }, (emit) => {
      this.openRow(id);
      if (bay !== null) this.assertBay(bay, id);
      const updated = this.db.prepare('UPDATE arrivals SET bay = ? WHERE id = ? RETURNING *').get(bay, id) as ArrivalRow;
      if (updated.job_id !== null) this.db.prepare('UPDATE jobs SET bay = ? WHERE id = ?').run(bay, updated.job_id);
      return this.emitArrival(emit, 'arrival.updated', updated);
    });
  }

  /** Pre-inspection done, or the vehicle drove away: it no longer counts and its bay is free. */
  release(id: number, reason: 'inspected' | 'left', idempotencyKey: string, actor: Actor): Outcome<Arrival> {
    return this.ctx.command({ action: 'arrival.release', actor, idempotencyKey, request: { id, reason }, target: `arrival:${id}` }, (emit) => {
      this.openRow(id);
      const row = this.db.prepare('UPDATE arrivals SET left_at = ?, left_reason = ? WHERE id = ? RETURNING *').get(this.ctx.nowIso(), reason, id) as ArrivalRow;
      return this.emitArrival(emit, 'arrival.updated', row);
    });
  }

  /** The job left reception: its vehicle is past pre-inspection. */
  closeForJob(emit: Emit, jobId: number): void {
    const rows = this.db
      .prepare(`UPDATE arrivals SET left_at = ?, left_reason = 'inspected' WHERE job_id = ? AND left_at IS NULL RETURNING *`)
      .all(this.ctx.nowIso(), jobId) as ArrivalRow[];
    for (const row of rows) this.emitArrival(emit, 'arrival.updated', row);
  }

  /** Day close: a vehicle still open from an earlier day no longer counts. */
  closeEarlierDays(emit: Emit): number {
    const rows = this.db
      .prepare(`UPDATE arrivals SET left_at = ?, left_reason = 'day_closed' WHERE left_at IS NULL AND business_day < ? RETURNING *`)
      .all(this.ctx.nowIso(), this.ctx.businessDay()) as ArrivalRow[];
    for (const row of rows) this.emitArrival(emit, 'arrival.updated', row);
    return rows.length;
  }

  hasEarlierOpen(): boolean {
    return this.db.prepare('SELECT 1 FROM arrivals WHERE left_at IS NULL AND business_day < ? LIMIT 1').get(this.ctx.businessDay()) !== undefined;
  }

  /** Vehicles arrived and not yet past pre-inspection, first arrived first. */
  open(): Arrival[] {
    return (this.db.prepare('SELECT * FROM arrivals WHERE left_at IS NULL ORDER BY arrived_at, id').all() as ArrivalRow[]).map(toArrival);
  }

  bayView(): BayView {
    const rules = this.ctx.config.alerts;
    return bayView(this.ctx.config.preinspectionBays, this.open(), this.ctx.now().getTime(), {
      congestion: rules.preinspectionCongestion,
      dwellMinutes: rules.preinspectionDwellMinutes,
    });
  }

  /** What the pre-inspection rules count: every open arrival, masked, dwell from arrival. */
  forAlerts(): { id: number; plate: string; since: number }[] {
    return this.open().map((a) => ({ id: a.id, plate: a.maskedPlate, since: Date.parse(a.arrivedAt) }));
  }

  /** Refuses a bay the store does not have or one another vehicle holds. */
  assertBay(bay: string, self?: number): void {
    const verdict = checkBay(this.ctx.config.preinspectionBays, bay, this.open(), self);
    if (verdict.ok) return;
    if (verdict.code === 'unknown_bay') {
      throw new HubError(400, 'unknown_bay', `bay: ${bay} is not a pre-inspection bay of this store (${this.ctx.config.preinspectionBays.join(', ')})`, [
        { path: 'bay', message: `${bay} is not one of ${this.ctx.config.preinspectionBays.join(', ')}` },
      ]);
    }
    throw new HubError(409, 'bay_occupied', `bay: ${bay} holds ${verdict.holder?.plate ?? 'another vehicle'}; release it first`);
  }

  private openRow(id: number): ArrivalRow {
    const row = this.db.prepare('SELECT * FROM arrivals WHERE id = ?').get(id) as ArrivalRow | undefined;
    if (!row) throw new HubError(404, 'unknown_arrival', `arrival ${id} does not exist`);
    if (row.left_at !== null) throw new HubError(409, 'arrival_closed', `arrival ${id} is already past pre-inspection`);
    return row;
  }

  private emitArrival(emit: Emit, type: 'arrival.registered' | 'arrival.updated', row: ArrivalRow): Arrival {
    const arrival = toArrival(row);
    emit({ type, at: this.ctx.nowIso(), arrival });
    return arrival;
  }
}

function toArrival(row: ArrivalRow): Arrival {
  return {
    id: row.id,
    businessDay: row.business_day,
    plate: row.plate,
    maskedPlate: maskPlate(row.plate),
    bay: row.bay,
    source: row.source,
    arrivedAt: row.arrived_at,
    ticketId: row.ticket_id,
    jobId: row.job_id,
    leftAt: row.left_at,
    leftReason: row.left_reason,
  };
}
