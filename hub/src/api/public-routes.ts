/** Public routes: health, the store, the queue, waits, phone tracking. */
import { PublicStore } from '../../../shared/src/services.ts';
import { HubError } from '../store/context.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';
import type { RouteDeps } from './route-deps.ts';

export function publicRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    // ─── Public ──────────────────────────────────────────────────────────────────────
    route(endpoints.health, () => ({ ok: true, seq: store.lastSeq(), hubId: store.hubId, group: deps.groupShipping?.() ?? null })),
    route(endpoints.store, () => PublicStore.parse(store.ctx.config)),
    route(endpoints.queue, () => store.snapshot()),
    route(endpoints.estimates, () => store.tickets.waits()),
    route(endpoints.track, ({ params }) => {
      const view = store.track(params.token);
      if (!view) throw new HubError(404, 'unknown_token', 'no ticket or vehicle has this tracking code');
      return view;
    }),

    // Sessions and enrolment: ./auth-routes.ts
  ];
}
