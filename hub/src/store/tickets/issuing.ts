/** Issuing tickets online, and reserving blocks of numbers for a kiosk's offline use. */
import type { IssueTicketRequest, NumberBlock, Ticket } from '../../../../shared/src/protocol.ts';
import { greetingName } from '../../../../shared/src/customer-name.ts';
import type { Actor } from '../../auth.ts';
import { formatTicketNumber } from '../../domain/numbering.ts';
import { classify } from '../../domain/queue.ts';
import type { AppointmentStore } from '../appointments.ts';
import type { ArrivalStore } from '../arrivals.ts';
import type { CaseStore } from '../cases.ts';
import { consentOf, HubError, type Outcome, type StoreContext } from '../context.ts';
import type { TicketReader, TicketRow } from './ticket-reader.ts';

/** What else a check-in touches. */
export interface CheckInNeighbours {
  /** A check-in with a plate registers the vehicle's arrival in the drive. */
  arrivals?: ArrivalStore;
  /** A plate that matches one of today's appointments checks it in, as its code does. */
  appointments?: AppointmentStore;
  /** The kiosk's complaint choice opens a case (its topic is asked at the desk). */
  cases?: CaseStore;
}

type AppointmentMatch = { id: number; scheduled_at: string; service: string; checked_in_ticket_id: number | null; status?: string };

export class Issuing {
  constructor(
    private readonly ctx: StoreContext,
    private readonly read: TicketReader,
    private readonly neighbours: CheckInNeighbours,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  issue(request: IssueTicketRequest, actor: Actor): Outcome<Ticket> {
    const { idempotencyKey, ...asked } = request;
    const { arrivals, appointments, cases } = this.neighbours;
    return this.ctx.command({ action: 'ticket.issue', actor, idempotencyKey, request: asked }, (emit) => {
      const now = this.ctx.now();
      const day = this.ctx.businessDay(now);
      const appointment = this.appointmentOf(request);
      // An appointment check-in without a chosen service takes the appointment's.
      const service = this.read.service(request.service ?? appointment?.service ?? '');
      const ticketClass = classify(
        { priority: service.priority, appointmentAt: appointment ? Date.parse(appointment.scheduled_at) : null, issuedAt: now.getTime() },
        this.ctx.config.queue.appointmentWindow,
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
      if (appointment) appointments?.markArrived(emit, appointment.id, row.id);
      const ticket = this.read.emitTicket(emit, 'ticket.issued', row);
      // Already near the head when issued: the customer read it on the ticket, no "near" message later.
      this.db.prepare('UPDATE tickets SET ahead_at_issue = ? WHERE id = ?').run(ticket.ahead, row.id);
      if (request.plate && service.drivesIn) arrivals?.registerIn(emit, { plate: request.plate, source: 'kiosk', ticketId: row.id });
      if (service.priority) cases?.openIn(emit, { ticketId: row.id, ...(request.plate ? { plate: request.plate } : {}), topic: null }, actor);
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
      for (const service of this.ctx.config.services) {
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

  /** The appointment a check-in is for: by its code, or by a plate booked for today. */
  private appointmentOf(request: IssueTicketRequest): AppointmentMatch | undefined {
    if (request.appointmentCode) {
      const appointment = this.db
        .prepare('SELECT id, scheduled_at, service, checked_in_ticket_id, status FROM appointments WHERE code = ?')
        .get(request.appointmentCode) as AppointmentMatch | undefined;
      if (!appointment) throw new HubError(404, 'unknown_appointment', `appointmentCode: no appointment ${request.appointmentCode}`);
      if (appointment.checked_in_ticket_id !== null) {
        throw new HubError(409, 'already_checked_in', `appointmentCode: appointment ${request.appointmentCode} is already checked in`);
      }
      // A cancelled booking still gets its customer a ticket, as a walk-in.
      return appointment.status === 'cancelled' && request.service ? undefined : appointment;
    }
    if (request.plate && this.neighbours.appointments) return this.neighbours.appointments.matchToday(request.plate) ?? undefined;
    return undefined;
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
}
