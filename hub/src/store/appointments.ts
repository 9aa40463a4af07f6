/**
 * Appointments (issue #16 §1): booked, moved and cancelled at the desk, the manager console, the
 * API or by CSV import, within each service's capacity per 30-minute slot (a full slot is
 * refused and the nearest least-loaded slots are proposed); matched on arrival by code or plate;
 * marked no-show once the late window has passed; counted in the day's figures.
 */
import { randomBytes } from 'node:crypto';
import {
  capacityOf,
  daySlots,
  loadByHour,
  isNoShow,
  matchByPlate,
  onTime,
  proposeSlots,
  remindersDue,
  slotLoads,
  slotOf,
  slotState,
  zonedInstant,
  type AppointmentStatus,
} from '../../../shared/src/appointment-slots.ts';
import type { Appointment, AppointmentFigures, CreateAppointmentRequest, ImportAnswer, SlotsAnswer } from '../../../shared/src/protocol.ts';
import type { Language } from '../../../shared/src/i18n.ts';
import { describeActor, type Actor } from '../auth.ts';
import { decodeCsv, readAppointments } from '../domain/appointment-csv.ts';
import { HubError, type EventBody, type Outcome, type StoreContext } from './context.ts';

export interface AppointmentRow {
  id: number;
  code: string;
  service: string;
  scheduled_at: string;
  plate: string | null;
  phone: string | null;
  customer_name: string | null;
  checked_in_ticket_id: number | null;
  note: string | null;
  status: AppointmentStatus;
  source: string;
  arrived_at: string | null;
  cancelled_at: string | null;
  reminded_at: string | null;
  notify_consent_at: string | null;
  consent_source: string | null;
  language: Language | null;
}

type Emit = (body: EventBody) => unknown;
const DAY_MS = 86_400_000;

export class AppointmentStore {
  constructor(private readonly ctx: StoreContext) {}

  private get db() {
    return this.ctx.db;
  }

  private get settings() {
    return this.ctx.config.appointments;
  }

  book(input: CreateAppointmentRequest, actor: Actor, source = actor.kind === 'staff' ? 'desk' : 'api'): Outcome<Appointment> {
    const { idempotencyKey, ...asked } = input;
    this.assertService(input.service);
    return this.ctx.command({ action: 'appointment.create', actor, idempotencyKey, request: asked }, (emit) => {
      const code = input.code ?? randomBytes(5).toString('hex').toUpperCase();
      if (this.db.prepare('SELECT id FROM appointments WHERE code = ?').get(code)) {
        throw new HubError(409, 'code_taken', `code: appointment code ${code} already exists`);
      }
      const at = Date.parse(input.scheduledAt);
      if (input.plate && this.duplicate(input.plate, input.service, at)) {
        throw new HubError(409, 'appointment_duplicate', `${input.plate} already has a ${input.service} appointment at ${new Date(at).toISOString()}`);
      }
      this.assertRoom(input.service, at);
      const row = this.db
        .prepare(
          `INSERT INTO appointments (code, service, scheduled_at, plate, phone, customer_name, note, source, created_at,
                                     notify_consent_at, consent_source, language)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          code,
          input.service,
          new Date(at).toISOString(),
          input.plate ?? null,
          input.phone ?? null,
          input.customerName ?? null,
          input.note ?? null,
          source,
          this.ctx.nowIso(),
          // The phone is the booking's contact either way; messages go to it only with consent.
          input.phone && input.notifyConsent === true ? this.ctx.nowIso() : null,
          input.phone && input.notifyConsent === true ? describeActor(actor) : null,
          input.language ?? null,
        ) as AppointmentRow;
      return this.emitAppointment(emit, 'appointment.booked', row);
    });
  }

  /** To another slot (and service); the new slot must have room. */
  move(id: number, scheduledAt: string, service: string | undefined, idempotencyKey: string, actor: Actor): Outcome<Appointment> {
    if (service) this.assertService(service);
    return this.ctx.command(
      { action: 'appointment.move', actor, idempotencyKey, request: { id, scheduledAt, service }, target: `appointment:${id}` },
      (emit) => {
        const row = this.bookedRow(id);
        const at = Date.parse(scheduledAt);
        const to = service ?? row.service;
        this.assertRoom(to, at, id);
        const updated = this.db
          .prepare('UPDATE appointments SET scheduled_at = ?, service = ?, reminded_at = NULL WHERE id = ? RETURNING *')
          .get(new Date(at).toISOString(), to, id) as AppointmentRow;
        return this.emitAppointment(emit, 'appointment.updated', updated);
      },
    );
  }

  cancel(id: number, reason: string | undefined, idempotencyKey: string, actor: Actor): Outcome<Appointment> {
    return this.ctx.command({ action: 'appointment.cancel', actor, idempotencyKey, request: { id, reason }, target: `appointment:${id}` }, (emit) => {
      this.bookedRow(id);
      const updated = this.db
        .prepare(`UPDATE appointments SET status = 'cancelled', cancelled_at = ? WHERE id = ? RETURNING *`)
        .get(this.ctx.nowIso(), id) as AppointmentRow;
      return this.emitAppointment(emit, 'appointment.updated', updated);
    });
  }

  /** Each slot of a day for one service with its load, and proposals around a wanted time. */
  slots(day: string, service: string, wanted?: string): SlotsAnswer {
    this.assertService(service);
    const timeZone = this.ctx.config.timeZone;
    const capacity = capacityOf(this.settings, service);
    const loads = slotLoads(daySlots(day, this.settings, timeZone), this.bookingsAround(zonedInstant(day, 0, timeZone)), service, capacity, timeZone);
    const slots = loads.map((l) => ({ ...l, state: slotState(l) }));
    const proposals = wanted ? proposeSlots(loads, slotOf(Date.parse(wanted), timeZone), this.ctx.now().getTime()) : [];
    return { day, service, slots, proposals };
  }

  /** A business day's appointments, in time order. */
  on(day: string): Appointment[] {
    return this.rowsOn(day).map(toAppointment);
  }

  /** Today's booked appointment for a plate entered at the kiosk or desk, if any. */
  matchToday(plate: string): AppointmentRow | null {
    return matchByPlate(this.rowsOn(this.ctx.businessDay()).map(withTimes), plate, this.ctx.now().getTime())?.row ?? null;
  }

  /** Inside the check-in's command: the appointment has arrived. */
  markArrived(emit: Emit, id: number, ticketId: number | null): void {
    const row = this.db
      .prepare(
        `UPDATE appointments SET status = 'arrived', arrived_at = ?, checked_in_ticket_id = COALESCE(checked_in_ticket_id, ?)
         WHERE id = ? AND status IN ('booked', 'no_show') RETURNING *`,
      )
      .get(this.ctx.nowIso(), ticketId, id) as AppointmentRow | undefined;
    if (row) this.emitAppointment(emit, 'appointment.updated', row);
  }

  /** Booked appointments whose late window has passed without arrival become no-shows (run on the hub's timer). */
  markNoShows(): Outcome<number> {
    const now = this.ctx.now().getTime();
    const late = this.ctx.config.queue.appointmentWindow.lateMinutes;
    const due = (
      this.db.prepare(`SELECT * FROM appointments WHERE status = 'booked' AND scheduled_at < ?`).all(new Date(now).toISOString()) as AppointmentRow[]
    ).filter((r) => isNoShow({ scheduledAt: r.scheduled_at, status: r.status }, now, late));
    if (!due.length) return { result: 0, replayed: false, events: [] };
    return this.ctx.command(
      { action: 'appointment.no-show', actor: { kind: 'system', name: 'appointments' }, request: { ids: due.map((r) => r.id) } },
      (emit) => {
        const update = this.db.prepare(`UPDATE appointments SET status = 'no_show', no_show_at = ? WHERE id = ? AND status = 'booked' RETURNING *`);
        for (const r of due) this.emitAppointment(emit, 'appointment.updated', update.get(this.ctx.nowIso(), r.id) as AppointmentRow);
        return due.length;
      },
    );
  }

  /**
   * The appointments due their reminder now (for the customer-message outbox, which queues them
   * and calls `markReminded` in the same transaction). Only those whose customer agreed.
   */
  dueReminders(): Appointment[] {
    const now = this.ctx.now().getTime();
    const horizon = new Date(now + this.settings.reminderHoursBefore * 3_600_000).toISOString();
    const rows = this.db
      .prepare(`SELECT * FROM appointments WHERE status = 'booked' AND reminded_at IS NULL AND notify_consent_at IS NOT NULL AND scheduled_at BETWEEN ? AND ?`)
      .all(new Date(now).toISOString(), horizon) as AppointmentRow[];
    return remindersDue(rows.map(withTimes), now, this.settings.reminderHoursBefore).map((c) => toAppointment(c.row));
  }

  markReminded(id: number): void {
    this.db.prepare('UPDATE appointments SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL').run(this.ctx.nowIso(), id);
  }

  /** Preview (commit false) or import of a DMS export: per-row errors, no duplicates on re-import. */
  import(csvBase64: string, commit: boolean, idempotencyKey: string, actor: Actor): Outcome<ImportAnswer> {
    const { text, encoding } = decodeCsv(Buffer.from(csvBase64, 'base64'));
    const read = readAppointments(text, this.ctx.config);
    const run = (emit: Emit | null): ImportAnswer => {
      const rows: ImportAnswer['rows'] = [];
      let created = 0;
      const insert = this.db.prepare(
        `INSERT INTO appointments (code, service, scheduled_at, plate, phone, customer_name, note, source, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?) RETURNING *`,
      );
      for (const r of read.rows) {
        const at = Date.parse(r.scheduledAt);
        const duplicate =
          (r.code !== null && this.db.prepare('SELECT 1 FROM appointments WHERE code = ?').get(r.code) !== undefined) ||
          (r.plate !== null && this.duplicate(r.plate, r.service, at)) ||
          rows.some(
            (earlier) => earlier.status === 'new' && earlier.plate === r.plate && earlier.service === r.service && earlier.scheduledAt === r.scheduledAt,
          );
        const tz = this.ctx.config.timeZone;
        const sameSlot = (x: ImportAnswer['rows'][number]): boolean =>
          x.status === 'new' && x.service === r.service && slotOf(Date.parse(x.scheduledAt), tz) === slotOf(at, tz);
        // A preview inserts nothing, so the file's earlier new rows count toward the slot too.
        const pending = emit ? 0 : rows.filter(sameSlot).length;
        const overCapacity = !duplicate && this.slotLoad(r.service, at) + pending >= capacityOf(this.settings, r.service);
        rows.push({
          row: r.row,
          service: r.service,
          scheduledAt: r.scheduledAt,
          plate: r.plate,
          customerName: r.customerName,
          status: duplicate ? 'duplicate' : 'new',
          overCapacity,
        });
        if (duplicate || !emit) continue;
        const code = r.code ?? randomBytes(5).toString('hex').toUpperCase();
        const row = insert.get(code, r.service, r.scheduledAt, r.plate, r.phone, r.customerName, r.note, this.ctx.nowIso()) as AppointmentRow;
        this.emitAppointment(emit, 'appointment.booked', row);
        created++;
      }
      return { encoding, rows, errors: read.errors, created };
    };
    if (!commit) return { result: this.db.transaction(() => run(null))(), replayed: false, events: [] };
    return this.ctx.command({ action: 'appointment.import', actor, idempotencyKey, request: { rows: read.rows.length, errors: read.errors.length } }, (emit) =>
      run(emit),
    );
  }

  /** The day's figures: appointment share of arrivals (预约率), on-time arrival rate, no-shows. */
  figures(day: string): AppointmentFigures {
    const rows = this.rowsOn(day);
    const window = this.ctx.config.queue.appointmentWindow;
    const arrived = rows.filter((r) => r.status === 'arrived');
    const onTimeCount = arrived.filter((r) => r.arrived_at !== null && onTime(r.scheduled_at, Date.parse(r.arrived_at), window)).length;
    const tickets = this.db.prepare(`SELECT COUNT(*) FROM tickets WHERE business_day = ? AND status != 'void'`).pluck().get(day) as number;
    // A visit is a ticket; an appointment matched at the desk by plate without a ticket is one more.
    const arrivals = tickets + arrived.filter((r) => r.checked_in_ticket_id === null).length;
    return {
      day,
      booked: rows.filter((r) => r.status !== 'cancelled').length,
      arrived: arrived.length,
      onTime: onTimeCount,
      noShows: rows.filter((r) => r.status === 'no_show').length,
      cancelled: rows.filter((r) => r.status === 'cancelled').length,
      arrivals,
      appointmentShare: arrivals ? arrived.length / arrivals : null,
      onTimeRate: arrived.length ? onTimeCount / arrived.length : null,
      loadByHour: loadByHour(
        day,
        this.settings,
        this.ctx.config.services.map((service) => service.id),
        rows.filter((r) => r.status !== 'cancelled').map((r) => Date.parse(r.scheduled_at)),
        this.ctx.config.timeZone,
      ),
    };
  }

  private rowsOn(day: string): AppointmentRow[] {
    // A business day spans opening to opening in the store's zone: read a wide window, then filter.
    const start = zonedInstant(day, 0, this.ctx.config.timeZone);
    return (
      this.db
        .prepare('SELECT * FROM appointments WHERE scheduled_at >= ? AND scheduled_at < ? ORDER BY scheduled_at, id')
        .all(new Date(start - DAY_MS).toISOString(), new Date(start + 2 * DAY_MS).toISOString()) as AppointmentRow[]
    ).filter((r) => this.ctx.businessDay(new Date(r.scheduled_at)) === day);
  }

  private bookingsAround(dayStart: number): { service: string; at: number }[] {
    const rows = this.db
      .prepare(`SELECT service, scheduled_at FROM appointments WHERE status IN ('booked', 'arrived') AND scheduled_at >= ? AND scheduled_at < ?`)
      .all(new Date(dayStart - DAY_MS).toISOString(), new Date(dayStart + 2 * DAY_MS).toISOString()) as { service: string; scheduled_at: string }[];
    return rows.map((r) => ({ service: r.service, at: Date.parse(r.scheduled_at) }));
  }

  private slotLoad(service: string, at: number, except?: number): number {
    const timeZone = this.ctx.config.timeZone;
    const start = slotOf(at, timeZone);
    const rows = this.db
      .prepare(`SELECT id, scheduled_at FROM appointments WHERE service = ? AND status IN ('booked', 'arrived') AND scheduled_at >= ? AND scheduled_at < ?`)
      .all(service, new Date(start).toISOString(), new Date(start + 30 * 60_000).toISOString()) as { id: number; scheduled_at: string }[];
    return rows.filter((r) => r.id !== except).length;
  }

  /** A full slot is refused; the page asks `slots` for the nearest least-loaded ones. */
  private assertRoom(service: string, at: number, except?: number): void {
    const capacity = capacityOf(this.settings, service);
    if (this.slotLoad(service, at, except) >= capacity) {
      throw new HubError(
        409,
        'slot_full',
        `scheduledAt: the ${service} slot at ${new Date(slotOf(at, this.ctx.config.timeZone)).toISOString()} is full (${capacity})`,
      );
    }
  }

  private duplicate(plate: string, service: string, at: number): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM appointments WHERE plate = ? AND service = ? AND scheduled_at = ? AND status != 'cancelled'`)
        .get(plate, service, new Date(at).toISOString()) !== undefined
    );
  }

  private assertService(service: string): void {
    if (!this.ctx.config.services.some((s) => s.id === service)) throw new HubError(400, 'unknown_service', `service: unknown service "${service}"`);
  }

  private bookedRow(id: number): AppointmentRow {
    const row = this.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as AppointmentRow | undefined;
    if (!row) throw new HubError(404, 'unknown_appointment', `appointment ${id} does not exist`);
    if (row.status !== 'booked') throw new HubError(409, 'appointment_closed', `appointment ${id} is ${row.status}`);
    return row;
  }

  private emitAppointment(emit: Emit, type: 'appointment.booked' | 'appointment.updated', row: AppointmentRow): Appointment {
    const appointment = toAppointment(row);
    emit({ type, at: this.ctx.nowIso(), appointment });
    return appointment;
  }
}

/** The pure rules' view of a row, keeping the row. */
function withTimes(row: AppointmentRow) {
  return { row, id: row.id, plate: row.plate, phone: row.phone, scheduledAt: row.scheduled_at, status: row.status, remindedAt: row.reminded_at };
}

export function toAppointment(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    code: r.code,
    service: r.service,
    scheduledAt: r.scheduled_at,
    plate: r.plate,
    phone: r.phone,
    customerName: r.customer_name,
    checkedInTicketId: r.checked_in_ticket_id,
    note: r.note,
    status: r.status,
    source: r.source,
    arrivedAt: r.arrived_at,
    cancelledAt: r.cancelled_at,
    remindedAt: r.reminded_at,
    notifyConsentAt: r.notify_consent_at,
    language: r.language,
  };
}
