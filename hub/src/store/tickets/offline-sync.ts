/**
 * Tickets a kiosk issued while the hub was out of reach. Each carries a number from a block
 * reserved by that kiosk for the day it was issued; each is idempotent on its own key, so a sync
 * interrupted halfway can simply be sent again.
 */
import type { OfflineSyncRequest, Ticket } from '../../../../shared/src/protocol.ts';
import type { ServiceConfig } from '../../../../shared/src/services.ts';
import { OPEN_STATUSES } from '../../../../shared/src/ticket-lifecycle.ts';
import type { Actor } from '../../auth.ts';
import { classify } from '../../domain/queue.ts';
import { consentOf, HubError, type EventBody, type Outcome, type StoreContext } from '../context.ts';
import type { CheckInNeighbours } from './issuing.ts';
import type { TicketReader, TicketRow } from './ticket-reader.ts';

export type OfflineResult = { number: string; ok: true; ticket: Ticket } | { number: string; ok: false; error: string };

type OfflineTicket = OfflineSyncRequest['tickets'][number];

export class OfflineSync {
  constructor(
    private readonly ctx: StoreContext,
    private readonly read: TicketReader,
    private readonly neighbours: Pick<CheckInNeighbours, 'arrivals' | 'cases'>,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /**
   * A key the hub already answered online means the kiosk gave up waiting for a reply the hub
   * had in fact committed. The customer holds the printed (offline) number, so that one is the
   * ticket the hub calls; the online one is closed as `void` with the reason, both in the log.
   */
  sync(request: OfflineSyncRequest, actor: Actor): { results: OfflineResult[]; events: Outcome<unknown>['events'] } {
    if (actor.kind !== 'device' || actor.role !== 'kiosk') throw new HubError(403, 'forbidden', 'only an enrolled kiosk can sync offline tickets');
    const results: OfflineResult[] = [];
    const events: Outcome<unknown>['events'] = [];
    for (const offline of request.tickets) {
      try {
        const outcome = this.takeIn(offline, actor);
        results.push({ number: offline.number, ok: true, ticket: outcome.result });
        events.push(...outcome.events);
      } catch (err) {
        if (!(err instanceof HubError)) throw err;
        results.push({ number: offline.number, ok: false, error: err.message });
      }
    }
    return { results, events };
  }

  private takeIn(offline: OfflineTicket, actor: Actor): Outcome<Ticket> {
    const service = this.read.service(offline.service);
    const { idempotencyKey, ...asked } = offline;
    const earlier = this.db.prepare('SELECT scope, response FROM idempotency_keys WHERE key = ?').get(idempotencyKey) as
      { scope: string; response: string | null } | undefined;
    if (earlier?.scope !== 'ticket.issue' || earlier.response === null) {
      return this.ctx.command({ action: 'ticket.offline', actor, idempotencyKey, request: asked, target: offline.number }, (emit) =>
        this.afterOffline(emit, this.insert(offline, service, actor), service, actor),
      );
    }
    const answered = JSON.parse(earlier.response) as Ticket;
    return this.ctx.command(
      { action: 'ticket.reconcile', actor, idempotencyKey: `${idempotencyKey}#offline`, request: asked, target: offline.number },
      (emit) => {
        const online = this.read.row(answered.id);
        if (OPEN_STATUSES.some((s) => s === online.status)) {
          const voided = this.db
            .prepare(`UPDATE tickets SET status = 'void', closed_reason = ?, counter_id = NULL, finished_at = ? WHERE id = ? RETURNING *`)
            .get(`reconciled: the customer holds ${offline.number}, printed offline for the same request`, this.ctx.nowIso(), online.id) as TicketRow;
          this.read.emitTicket(emit, 'ticket.void', voided);
        }
        const row = this.insert(offline, service, actor);
        // The car in the drive is the customer's with the printed number.
        this.db.prepare('UPDATE arrivals SET ticket_id = ? WHERE ticket_id = ? AND left_at IS NULL').run(row.id, online.id);
        return this.afterOffline(emit, row, service, actor);
      },
    );
  }

  /**
   * What an online issue does beside the ticket, for one issued offline: the car's arrival in the
   * drive (from when the ticket was printed, if that is today) and a complaint's case.
   */
  private afterOffline(emit: (body: EventBody) => unknown, row: TicketRow, service: ServiceConfig, actor: Actor): Ticket {
    const ticket = this.read.emitTicket(emit, 'ticket.issued', row);
    if (row.plate && service.drivesIn && row.business_day === this.ctx.businessDay()) {
      this.neighbours.arrivals?.registerIn(emit, { plate: row.plate, source: 'kiosk', ticketId: row.id, arrivedAt: row.issued_at });
    }
    if (service.priority) this.neighbours.cases?.openIn(emit, { ticketId: row.id, ...(row.plate ? { plate: row.plate } : {}), topic: null }, actor);
    return ticket;
  }

  private insert(offline: OfflineTicket, service: ServiceConfig, actor: Actor): TicketRow {
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
    const ticketClass = classify({ priority: service.priority, issuedAt: issuedAt.getTime() }, this.ctx.config.queue.appointmentWindow);
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
}
