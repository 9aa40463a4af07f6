/** Device routes beyond routes.ts: undoing a revoke. */
import { IdPath, TicketCommandRequest, type StaffEvent } from '../../../shared/src/protocol.ts';
import type { HubStore } from '../store/hub-store.ts';
import { route, type RouteSpec } from './route.ts';

export function deviceRoutes(deps: { store: HubStore; broadcast: (events: readonly StaffEvent[]) => void }): RouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/api/devices/:id/reinstate',
      summary: 'Undoes a revoke: the device’s token works again (e.g. the embedded kiosk, without a restart)',
      tag: 'admin',
      access: 'device.manage',
      params: IdPath,
      body: TicketCommandRequest,
      response: { status: 200, description: 'device' },
      handler: ({ params, body, actor }) => {
        const outcome = deps.store.auth.reinstateDevice(params.id, body.idempotencyKey, actor);
        deps.broadcast(outcome.events);
        return outcome.result;
      },
    }),
  ];
}
