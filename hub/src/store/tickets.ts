/**
 * Tickets: the one object the rest of the hub talks to. Each concern lives in its own part
 * under tickets/ — reading and the queue view (`TicketReader`), issuing (`Issuing`), offline
 * sync (`OfflineSync`), counters and automatic calling (`Counters`), calling and the lifecycle
 * (`Calling`) — and this class hands each method to the part that owns it.
 */
import type { Ticket } from '../../../shared/src/protocol.ts';
import type { Actor } from '../auth.ts';
import type { AppointmentStore } from './appointments.ts';
import type { ArrivalStore } from './arrivals.ts';
import type { CaseStore } from './cases.ts';
import { HubError, type StoreContext } from './context.ts';
import { Calling } from './tickets/calling.ts';
import { Counters } from './tickets/counters.ts';
import { Issuing } from './tickets/issuing.ts';
import { OfflineSync } from './tickets/offline-sync.ts';
import { TicketReader } from './tickets/ticket-reader.ts';

export type { QueueView, TicketRow } from './tickets/ticket-reader.ts';
export type { OfflineResult } from './tickets/offline-sync.ts';

export class TicketStore {
  private readonly read: TicketReader;
  private readonly counters: Counters;
  private readonly calling: Calling;
  private readonly issuing: Issuing;
  private readonly offline: OfflineSync;

  constructor(
    private readonly ctx: StoreContext,
    arrivals?: ArrivalStore,
    appointments?: AppointmentStore,
    cases?: CaseStore,
  ) {
    this.read = new TicketReader(ctx);
    this.counters = new Counters(ctx, this.read);
    this.calling = new Calling(ctx, this.read, this.counters);
    this.issuing = new Issuing(ctx, this.read, { arrivals, appointments, cases });
    this.offline = new OfflineSync(ctx, this.read, { arrivals, cases });
  }

  // Issuing
  readonly issue: Issuing['issue'] = (request, actor) => this.issuing.issue(request, actor);
  readonly reserveBlocks: Issuing['reserveBlocks'] = (size, key, actor) => this.issuing.reserveBlocks(size, key, actor);
  readonly syncOffline: OfflineSync['sync'] = (request, actor) => this.offline.sync(request, actor);

  // Calling and the lifecycle
  readonly callNext: Calling['callNext'] = (...args) => this.calling.callNext(...args);
  readonly act: Calling['act'] = (...args) => this.calling.act(...args);
  readonly callChosen: Calling['callChosen'] = (...args) => this.calling.callChosen(...args);
  readonly resume: Calling['resume'] = (...args) => this.calling.resume(...args);
  readonly transfer: Calling['transfer'] = (...args) => this.calling.transfer(...args);
  readonly runDueAutoCalls: Calling['runDueAutoCalls'] = () => this.calling.runDueAutoCalls();

  // Counters
  readonly setAutoCall: Counters['setAutoCall'] = (...args) => this.counters.setAutoCall(...args);
  readonly cancelAutoCall: Counters['cancelAutoCall'] = (...args) => this.counters.cancelAutoCall(...args);
  readonly setCounterState: Counters['setCounterState'] = (...args) => this.counters.setCounterState(...args);
  readonly heldAt: Counters['heldAt'] = (counterId) => this.counters.heldAt(counterId);
  readonly idleCounters: Counters['idleCounters'] = () => this.counters.idleCounters();

  // Reading
  readonly get: TicketReader['get'] = (ticketId) => this.read.get(ticketId);
  readonly findByToken: TicketReader['findByToken'] = (token) => this.read.findByToken(token);
  readonly today: TicketReader['today'] = (view) => this.read.today(view);
  readonly waitingNumbers: TicketReader['waitingNumbers'] = (view) => this.read.waitingNumbers(view);
  readonly waits: TicketReader['waits'] = (view) => this.read.waits(view);
  readonly counterStatuses: TicketReader['counterStatuses'] = () => this.read.counterStatuses();
  readonly counterState: TicketReader['counterState'] = (counterId) => this.read.counterState(counterId);
  readonly waitingFirstCall: TicketReader['waitingFirstCall'] = () => this.read.waitingFirstCall();
  readonly recentCalls: TicketReader['recentCalls'] = (limit) => this.read.recentCalls(limit);
  readonly emitTicket: TicketReader['emitTicket'] = (...args) => this.read.emitTicket(...args);
  readonly view: TicketReader['view'] = () => this.read.view();
  readonly aheadOfWaiting: TicketReader['aheadOfWaiting'] = () => this.read.aheadOfWaiting();

  /** Which kiosk issued a ticket (to print it again there), recorded in the audit log. */
  reprintTarget(ticketId: number, actor: Actor): { ticket: Ticket; deviceId: number } {
    const row = this.read.row(ticketId);
    if (row.device_id === null) throw new HubError(409, 'not_from_kiosk', `ticket ${row.number} was not issued at a kiosk`);
    this.ctx.command({ action: 'ticket.reprint', actor, request: { ticketId }, target: `ticket:${ticketId}` }, () => undefined);
    return { ticket: this.read.toTicket(row, this.read.view()), deviceId: row.device_id };
  }
}
