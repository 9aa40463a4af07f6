/** Device routes beyond routes.ts: undoing a revoke. */
import { type StaffEvent } from '../../../shared/src/protocol.ts';
import type { HubStore } from '../store/hub-store.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';

export function deviceRoutes(deps: { store: HubStore; broadcast: (events: readonly StaffEvent[]) => void }): RouteSpec[] {
  return [
    route(endpoints.reinstateDevice, ({ params, body, actor }) => {
      const outcome = deps.store.auth.reinstateDevice(params.id, body.idempotencyKey, actor);
      deps.broadcast(outcome.events);
      return outcome.result;
    }),
  ];
}
