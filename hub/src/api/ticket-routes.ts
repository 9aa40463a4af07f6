/** Tickets and counters: issuing, offline sync, lifecycle actions, calling, auto-call, counter states. */
import { z } from 'zod';
import {
  AutoCallRequest,
  CallChosenRequest,
  ResumeRequest,
  CallNextRequest,
  CounterPath,
  CounterStateRequest,
  CounterStatus,
  DeviceHealthReport,
  IdPath,
  IssueTicketRequest,
  NumberBlock,
  NumberBlockRequest,
  OfflineSyncRequest,
  Ticket,
  TicketActionPath,
  TicketCommandRequest,
  TransferRequest,
} from '../../../shared/src/protocol.ts';
import { HubError } from '../store/context.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

const IdOnly = z.strictObject({ ...TicketCommandRequest.shape });

export function ticketRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, broadcast } = deps;
  const done = commandDone(deps);
  return [
    // ─── Tickets ─────────────────────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/tickets',
      summary: 'Issues a queue ticket (kiosk, DMS, or an advisor for a walk-in)',
      tag: 'tickets',
      access: 'ticket.issue',
      body: IssueTicketRequest,
      response: { status: 201, description: 'the ticket; the same idempotencyKey returns the same ticket', schema: Ticket },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.tickets.issue(body, actor), reply);
      },
    }),
    route({
      method: 'GET',
      url: '/api/tickets',
      summary: "Today's tickets with plates and phones (staff view)",
      tag: 'tickets',
      access: 'ticket.read',
      response: { status: 200, description: 'tickets', schema: z.array(Ticket) },
      handler: () => store.tickets.today(),
    }),
    route({
      method: 'GET',
      url: '/api/tickets/:id',
      summary: 'One ticket (staff view)',
      tag: 'tickets',
      access: 'ticket.read',
      params: IdPath,
      response: { status: 200, description: 'ticket', schema: Ticket },
      handler: ({ params }) => store.tickets.get(params.id),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/:action',
      summary: 'recall | start | finish | no-show | cancel | park a ticket',
      tag: 'tickets',
      access: 'ticket.operate',
      params: TicketActionPath,
      body: TicketCommandRequest,
      response: { status: 200, description: 'the ticket after the change', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.act(params.id, params.action, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/reprint',
      summary: 'Prints a ticket again at the kiosk that issued it (e.g. after a printer fault)',
      tag: 'tickets',
      access: 'ticket.operate',
      params: IdPath,
      body: IdOnly,
      response: { status: 200, description: 'sent to the kiosk' },
      handler: async ({ params, actor }) => {
        const { ticket, deviceId } = store.tickets.reprintTarget(params.id, actor);
        if (!(await deps.reprint(deviceId, ticket))) throw new HubError(503, 'kiosk_offline', `the kiosk that issued ${ticket.number} is not connected`);
        return { ok: true, number: ticket.number };
      },
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/transfer',
      summary: 'Sends a ticket to another service or counter; it keeps its place by issue time',
      tag: 'tickets',
      access: 'ticket.operate',
      params: IdPath,
      body: TransferRequest,
      response: { status: 200, description: 'the ticket, waiting again', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.transfer(params.id, body, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/number-blocks',
      summary: 'Reserves numbers a kiosk may issue while it cannot reach the hub (one block per service)',
      tag: 'tickets',
      access: 'ticket.issue',
      body: NumberBlockRequest,
      response: { status: 200, description: 'blocks', schema: z.array(NumberBlock) },
      handler: ({ body, actor, reply }) => done(store.tickets.reserveBlocks(body.size, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/offline',
      summary: 'Syncs tickets a kiosk issued offline from its reserved blocks; each is idempotent',
      tag: 'tickets',
      access: 'ticket.issue',
      body: OfflineSyncRequest,
      response: { status: 200, description: 'one result per ticket' },
      handler: ({ body, actor }) => {
        const { results, events } = store.syncOffline(body, actor);
        broadcast(events);
        return { results };
      },
    }),

    // ─── Counters ────────────────────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/counters/:counterId/call-next',
      summary:
        'Calls the next ticket for a counter. A ticket it is serving is finished first; one called but never started needs heldOutcome (served, no_show or requeue), otherwise 409 held_not_started. An advisor holding a ticket at another counter gets 409 held_elsewhere.',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: CallNextRequest,
      response: { status: 200, description: 'the called ticket; 204 when nobody waits', schema: Ticket },
      handler: ({ params, body, actor, reply }) => {
        const ticket = done(store.tickets.callNext(params.counterId, body.idempotencyKey, actor, body.heldOutcome), reply);
        if (!ticket) return reply.status(204).send();
        return ticket;
      },
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/call',
      summary: 'Calls a chosen waiting ticket out of order, with the reason (kept in the audit log)',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: CallChosenRequest,
      response: { status: 200, description: 'the called ticket', schema: Ticket },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.callChosen(params.counterId, body.ticketId, body.reason, body.idempotencyKey, actor, body.heldOutcome), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/recall',
      summary: 'Recalls the ticket a counter holds (for call buttons)',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: IdOnly,
      response: { status: 200, description: 'the ticket', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.act(store.tickets.heldAt(params.counterId), 'recall', body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/no-show',
      summary: 'Marks the ticket a counter holds as a no-show (for call buttons)',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: IdOnly,
      response: { status: 200, description: 'the ticket', schema: Ticket },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.act(store.tickets.heldAt(params.counterId), 'no-show', body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/devices/health',
      summary: "A station's report on its devices: a disconnected one raises an alert, its return resolves it",
      tag: 'devices',
      access: 'alert.raise',
      body: DeviceHealthReport,
      response: { status: 200, description: 'alerts raised or resolved' },
      handler: ({ body, actor }) => {
        const station = actor.kind === 'device' ? actor.name : 'station';
        const changed = body.devices.map((d) => {
          const outcome = store.alerts.report(
            {
              kind: d.kind === 'printer' ? 'printer_fault' : 'device_fault',
              key: `device:${station}:${d.name}`,
              audience: 'desk',
              subject: { detail: `${d.name} @ ${station}: ${d.connected ? 'connected' : `disconnected${d.lastError ? ` (${d.lastError})` : ''}`}` },
            },
            d.connected,
            actor,
          );
          broadcast(outcome.events);
          return { name: d.name, alert: outcome.result?.id ?? null };
        });
        return { devices: changed };
      },
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/resume',
      summary: 'Resumes a parked ticket at a counter',
      tag: 'tickets',
      access: 'ticket.operate',
      params: IdPath,
      body: ResumeRequest,
      response: { status: 200, description: 'the ticket, being served again', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.resume(params.id, body.counterId, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/auto-call',
      summary: 'Turns automatic calling on (with a grace period) or off for a counter',
      tag: 'counters',
      access: 'counter.operate',
      params: CounterPath,
      body: AutoCallRequest,
      response: { status: 200, description: 'counter status', schema: CounterStatus },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.setAutoCall(params.counterId, body.enabled, body.graceSeconds, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/auto-call/cancel',
      summary: 'Cancels a pending automatic call',
      tag: 'counters',
      access: 'counter.operate',
      params: CounterPath,
      body: IdOnly,
      response: { status: 200, description: 'counter status', schema: CounterStatus },
      handler: ({ params, body, actor, reply }) => done(store.tickets.cancelAutoCall(params.counterId, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/state',
      summary: 'Opens, pauses (with a reason) or closes a counter',
      tag: 'counters',
      access: 'counter.operate',
      params: CounterPath,
      body: CounterStateRequest,
      response: { status: 200, description: 'counter status', schema: CounterStatus },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.setCounterState(params.counterId, body.state, body.reason, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/counters',
      summary: 'Every counter: open, paused or closed, and the ticket it holds',
      tag: 'counters',
      access: 'ticket.read',
      response: { status: 200, description: 'counters', schema: z.array(CounterStatus) },
      handler: () => store.tickets.counterStatuses(),
    }),
  ];
}
