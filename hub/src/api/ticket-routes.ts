/** Tickets and counters: issuing, offline sync, lifecycle actions, calling, auto-call, counter states. */
import { HubError } from '../store/context.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

export function ticketRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, broadcast } = deps;
  const done = commandDone(deps);
  return [
    // ─── Tickets ─────────────────────────────────────────────────────────────────────
    route(endpoints.issueTicket, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.tickets.issue(body, actor), reply);
    }),
    route(endpoints.listTickets, () => store.tickets.today()),
    route(endpoints.getTicket, ({ params }) => store.tickets.get(params.id)),
    route(endpoints.actOnTicket, ({ params, body, actor, reply }) => done(store.tickets.act(params.id, params.action, body.idempotencyKey, actor), reply)),
    route(endpoints.reprintTicket, async ({ params, actor }) => {
      const { ticket, deviceId } = store.tickets.reprintTarget(params.id, actor);
      if (!(await deps.reprint(deviceId, ticket))) throw new HubError(503, 'kiosk_offline', `the kiosk that issued ${ticket.number} is not connected`);
      return { ok: true as const, number: ticket.number };
    }),
    route(endpoints.transferTicket, ({ params, body, actor, reply }) => done(store.tickets.transfer(params.id, body, actor), reply)),
    route(endpoints.reserveNumberBlocks, ({ body, actor, reply }) => done(store.tickets.reserveBlocks(body.size, body.idempotencyKey, actor), reply)),
    route(endpoints.syncOfflineTickets, ({ body, actor }) => {
      const { results, events } = store.syncOffline(body, actor);
      broadcast(events);
      return { results };
    }),

    // ─── Counters ────────────────────────────────────────────────────────────────────
    route(endpoints.callNext, ({ params, body, actor, reply }) => {
      const ticket = done(store.tickets.callNext(params.counterId, body.idempotencyKey, actor, body.heldOutcome), reply);
      if (!ticket) return reply.status(endpoints.callNext.response.emptyStatus).send();
      return ticket;
    }),
    route(endpoints.callChosen, ({ params, body, actor, reply }) =>
      done(store.tickets.callChosen(params.counterId, body.ticketId, body.reason, body.idempotencyKey, actor, body.heldOutcome), reply),
    ),
    route(endpoints.recallAtCounter, ({ params, body, actor, reply }) =>
      done(store.tickets.act(store.tickets.heldAt(params.counterId), 'recall', body.idempotencyKey, actor), reply),
    ),
    route(endpoints.noShowAtCounter, ({ params, body, actor, reply }) =>
      done(store.tickets.act(store.tickets.heldAt(params.counterId), 'no-show', body.idempotencyKey, actor), reply),
    ),
    route(endpoints.reportDeviceHealth, ({ body, actor }) => {
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
    }),
    route(endpoints.resumeTicket, ({ params, body, actor, reply }) => done(store.tickets.resume(params.id, body.counterId, body.idempotencyKey, actor), reply)),
    route(endpoints.setAutoCall, ({ params, body, actor, reply }) =>
      done(store.tickets.setAutoCall(params.counterId, body.enabled, body.graceSeconds, body.idempotencyKey, actor), reply),
    ),
    route(endpoints.cancelAutoCall, ({ params, body, actor, reply }) =>
      done(store.tickets.cancelAutoCall(params.counterId, body.idempotencyKey, actor), reply),
    ),
    route(endpoints.setCounterState, ({ params, body, actor, reply }) =>
      done(store.tickets.setCounterState(params.counterId, body.state, body.reason, body.idempotencyKey, actor), reply),
    ),
    route(endpoints.listCounters, () => store.tickets.counterStatuses()),
  ];
}
