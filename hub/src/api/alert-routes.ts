/** Alert routes beyond the basics in routes.ts: acknowledging a whole group (one kind) at once. */
import type { Outcome } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';
import type { StaffEvent } from '../../../shared/src/protocol.ts';

export function alertRoutes(deps: { store: HubStore; broadcast: (events: readonly StaffEvent[]) => void }): RouteSpec[] {
  const done = <T>(outcome: Outcome<T>): T => {
    deps.broadcast(outcome.events);
    return outcome.result;
  };
  return [route(endpoints.ackAlertKind, ({ body, actor }) => done(deps.store.alerts.acknowledgeKind(body.kind, body.idempotencyKey, actor)))];
}
