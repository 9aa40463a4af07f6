/** Public routes: health, the store, the queue, waits, phone tracking. */
import { z } from 'zod';
import { QueueSnapshot, ServiceWait, TokenPath } from '../../../shared/src/protocol.ts';
import { PublicStore } from '../../../shared/src/services.ts';
import { HubError } from '../store/context.ts';
import { route, type RouteSpec } from './route.ts';
import type { RouteDeps } from './route-deps.ts';

export function publicRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    // ─── Public ──────────────────────────────────────────────────────────────────────
    route({
      method: 'GET',
      url: '/api/health',
      summary: 'Liveness, the seq of the latest change, and shipping to the dealer group',
      tag: 'public',
      access: 'public',
      response: {
        status: 200,
        description: 'ok',
        schema: z.object({
          ok: z.boolean(),
          seq: z.number(),
          hubId: z.string(),
          group: z
            .object({
              storeId: z.string(),
              epoch: z.string(),
              shippedSeq: z.number(),
              lag: z.number(),
              shippedAt: z.string().nullable(),
              lastError: z.string().nullable(),
              lastErrorAt: z.string().nullable(),
            })
            .nullable(),
        }),
      },
      handler: () => ({ ok: true, seq: store.lastSeq(), hubId: store.hubId, group: deps.groupShipping?.() ?? null }),
    }),
    route({
      method: 'GET',
      url: '/api/store',
      summary: 'The store: name, services, counters',
      tag: 'public',
      access: 'public',
      response: { status: 200, description: 'public settings', schema: PublicStore },
      handler: () => PublicStore.parse(store.ctx.config),
    }),
    route({
      method: 'GET',
      url: '/api/queue',
      summary: 'The public queue: waiting numbers, estimated waits, recent calls, vehicles in the shop (masked)',
      tag: 'public',
      access: 'public',
      response: { status: 200, description: 'snapshot', schema: QueueSnapshot },
      handler: () => store.snapshot(),
    }),
    route({
      method: 'GET',
      url: '/api/estimates',
      summary: 'Per service: how many wait and the estimated wait in minutes for a new ticket',
      tag: 'public',
      access: 'public',
      response: { status: 200, description: 'per service', schema: z.record(z.string(), ServiceWait) },
      handler: () => store.tickets.waits(),
    }),
    route({
      method: 'GET',
      url: '/api/track/:token',
      summary: 'Phone tracking page data: one vehicle or ticket, masked',
      tag: 'public',
      access: 'public',
      params: TokenPath,
      response: { status: 200, description: 'the job or ticket' },
      handler: ({ params }) => {
        const view = store.track(params.token);
        if (!view) throw new HubError(404, 'unknown_token', 'no ticket or vehicle has this tracking code');
        return view;
      },
    }),

    // Sessions and enrolment: ./auth-routes.ts
  ];
}
