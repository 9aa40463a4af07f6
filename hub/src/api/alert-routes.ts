/** Alert routes beyond the basics in routes.ts: acknowledging a whole group (one kind) at once. */
import { z } from 'zod';
import { Alert, TicketCommandRequest } from '../../../shared/src/protocol.ts';
import { ALERT_KINDS } from '../domain/alert-rules.ts';
import type { Outcome } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
import { route, type RouteSpec } from './route.ts';
import type { StaffEvent } from '../../../shared/src/protocol.ts';

const AckKindRequest = z.strictObject({ kind: z.enum(ALERT_KINDS), ...TicketCommandRequest.shape });

export function alertRoutes(deps: { store: HubStore; broadcast: (events: readonly StaffEvent[]) => void }): RouteSpec[] {
  const done = <T>(outcome: Outcome<T>): T => {
    deps.broadcast(outcome.events);
    return outcome.result;
  };
  return [
    route({
      method: 'POST',
      url: '/api/alerts/ack-kind',
      summary: 'Acknowledges every open alert of one kind (a group on the consoles) at once',
      tag: 'alerts',
      access: 'alert.ack',
      body: AckKindRequest,
      response: { status: 200, description: 'the alerts acknowledged', schema: z.array(Alert) },
      handler: ({ body, actor }) => done(deps.store.alerts.acknowledgeKind(body.kind, body.idempotencyKey, actor)),
    }),
  ];
}
