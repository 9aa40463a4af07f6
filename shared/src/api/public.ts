/** Public routes: health, the store, the queue, waits, phone tracking. */
import { z } from 'zod';
import { AdditionalWork, PublicJob, PublicTicket, QueueSnapshot, ServiceWait, Ticket, TokenPath } from '../protocol.ts';
import { PublicStore } from '../services.ts';
import { endpoint } from './endpoint.ts';

/** The phone page's view of one vehicle or ticket: masked, with its additional work to answer. */
export const TrackView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('job'), job: PublicJob, additionalWork: z.array(AdditionalWork) }),
  z.object({
    kind: z.literal('ticket'),
    ticket: PublicTicket.extend(Ticket.pick({ ahead: true, estimatedWaitMinutes: true, estimatedWaitRange: true }).shape),
  }),
]);
export type TrackView = z.infer<typeof TrackView>;

export const publicEndpoints = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
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
  }),
  store: endpoint({
    method: 'GET',
    path: '/api/store',
    summary: 'The store: name, services, counters',
    tag: 'public',
    access: 'public',
    response: { status: 200, description: 'public settings', schema: PublicStore },
  }),
  queue: endpoint({
    method: 'GET',
    path: '/api/queue',
    summary: 'The public queue: waiting numbers, estimated waits, recent calls, vehicles in the shop (masked)',
    tag: 'public',
    access: 'public',
    response: { status: 200, description: 'snapshot', schema: QueueSnapshot },
  }),
  estimates: endpoint({
    method: 'GET',
    path: '/api/estimates',
    summary: 'Per service: how many wait and the estimated wait in minutes for a new ticket',
    tag: 'public',
    access: 'public',
    response: { status: 200, description: 'per service', schema: z.record(z.string(), ServiceWait) },
  }),
  track: endpoint({
    method: 'GET',
    path: '/api/track/:token',
    summary: 'Phone tracking page data: one vehicle or ticket, masked',
    tag: 'public',
    access: 'public',
    params: TokenPath,
    response: { status: 200, description: 'the job or ticket', schema: TrackView },
  }),
};
