/** Answers on priced additional work (issue #15): by the customer on the phone page, or recorded at the desk. */
import type { FastifyReply } from 'fastify';
import { type StaffEvent } from '../../../shared/src/protocol.ts';
import { HubError, type Outcome } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';

export function workRoutes(deps: { store: HubStore; broadcast: (events: readonly StaffEvent[]) => void }): RouteSpec[] {
  const { store } = deps;
  const done = <T>(outcome: Outcome<T>, reply: { header: (k: string, v: string) => unknown }): T => {
    deps.broadcast(outcome.events);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return outcome.result;
  };
  /** A stored photo as the image it is; private to staff and the token holder, never cached by others. */
  const photo = (found: { contentType: string; data: Buffer } | null, reply: FastifyReply): FastifyReply => {
    if (!found) throw new HubError(404, 'unknown_photo', 'this photo does not exist');
    return reply.header('content-type', found.contentType).header('cache-control', 'private, max-age=3600').send(found.data);
  };
  return [
    route(endpoints.addWorkPhoto, ({ params, body, actor, reply }) =>
      done(store.jobs.addWorkPhoto(params.id, params.workId, body.contentType, Buffer.from(body.dataBase64, 'base64'), body.idempotencyKey, actor), reply),
    ),
    route(endpoints.workPhoto, ({ params, reply }) => photo(store.jobs.workPhoto(params.id, params.workId, params.photoId), reply)),
    route(endpoints.trackWorkPhoto, ({ params, reply }) => {
      const job = store.jobForToken(params.token);
      return photo(job ? store.jobs.workPhoto(job.id, params.workId, params.photoId) : null, reply);
    }),
    route(endpoints.answerWorkByPhone, ({ params, body, actor, request, reply }) => {
      const job = store.jobForToken(params.token);
      if (!job) throw new HubError(404, 'unknown_token', 'no vehicle has this tracking code');
      const userAgent = String(request.headers['user-agent'] ?? '').slice(0, 300) || null;
      const given = { source: 'phone' as const, userAgent, ...(body.language ? { language: body.language } : {}) };
      done(store.jobs.answerWork(job.id, params.workId, body.approvals, given, body.idempotencyKey, actor), reply);
      return { ok: true } as const;
    }),
    route(endpoints.answerWorkAtDesk, ({ params, body, actor, reply }) =>
      done(store.jobs.answerWork(params.id, params.workId, body.approvals, { source: body.source }, body.idempotencyKey, actor), reply),
    ),
  ];
}
