/**
 * Who may use the embedded station's `/station/*` routes on the hub's port: the kiosk screen
 * on the hub machine itself (loopback), or a paired kiosk with its token. Issuing tickets and
 * surveys is rate-limited per address and per device, sized for a busy kiosk (a burst of a
 * queue of customers, then one every few seconds), not for a script. Refusals are audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../shared/src/protocol.ts';
import { bearer } from './api/auth-routes.ts';
import { isHubMachine } from './net-address.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { HubStore } from './store/hub-store.ts';

export const STATION_LIMITS = {
  tickets: { capacity: 30, refillMs: 3000 },
  surveys: { capacity: 10, refillMs: 10_000 },
} as const;

export function stationGuard(store: HubStore): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const limiters = {
    tickets: new RateLimiter(STATION_LIMITS.tickets.capacity, STATION_LIMITS.tickets.refillMs),
    surveys: new RateLimiter(STATION_LIMITS.surveys.capacity, STATION_LIMITS.surveys.refillMs),
  };
  const refuse = (reply: FastifyReply, status: number, body: ApiError): FastifyReply => reply.status(status).send(body);

  return async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const kind = path === '/station/tickets' ? 'tickets' : path === '/station/surveys' ? 'surveys' : null;
    if (!kind) return;
    const address = request.ip;
    const actor = store.auth.resolve(bearer(request.headers.authorization));
    const kioskDevice = actor.kind === 'device' && actor.role === 'kiosk' ? actor : null;
    if (!isHubMachine(address) && !kioskDevice) {
      store.auth.auditRefusal('station.refused', { address, route: path }, actor);
      if (actor.kind === 'anonymous') {
        await refuse(reply, 401, { error: 'unauthenticated', message: 'the kiosk screen works on the hub machine itself or with a paired kiosk token' });
      } else {
        await refuse(reply, 403, { error: 'forbidden', message: 'only a kiosk may use the station' });
      }
      return;
    }
    const now = Date.now();
    for (const key of [`address:${address}`, ...(kioskDevice ? [`device:${kioskDevice.id}`] : [])]) {
      const taken = limiters[kind].take(key, now);
      if (taken.ok) continue;
      if (taken.firstRefusal) store.auth.auditRefusal('station.throttled', { address, route: path, key }, actor);
      reply.header('retry-after', String(Math.ceil(taken.retryAfterMs / 1000)));
      await refuse(reply, 429, {
        error: 'too_many_requests',
        message: `请稍候再试 (too many requests; try again in ${Math.ceil(taken.retryAfterMs / 1000)} s)`,
      });
      return;
    }
  };
}
