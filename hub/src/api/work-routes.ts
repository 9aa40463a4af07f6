/** Answers on priced additional work (issue #15): by the customer on the phone page, or recorded at the desk. */
import {
  AddWorkPhotoRequest,
  DeskWorkAnswer,
  Job,
  PhoneWorkAnswer,
  TrackWorkPath,
  TrackWorkPhotoPath,
  WorkPath,
  WorkPhotoPath,
  type StaffEvent,
} from '../../../shared/src/protocol.ts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { HubError, type Outcome } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
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
    route({
      method: 'POST',
      url: '/api/jobs/:id/additional-work/:workId/photos',
      summary: 'Adds a photo (JPEG or PNG, base64, size-limited) to additional work still awaiting its answer',
      tag: 'jobs',
      // Whoever may record the work (the workshop tablet, the desk) may add its photos.
      access: 'job.stage',
      params: WorkPath,
      body: AddWorkPhotoRequest,
      response: { status: 200, description: 'job, the work listing its photo ids', schema: Job },
      handler: ({ params, body, actor, reply }) =>
        done(store.jobs.addWorkPhoto(params.id, params.workId, body.contentType, Buffer.from(body.dataBase64, 'base64'), body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/jobs/:id/additional-work/:workId/photos/:photoId',
      summary: 'A photo of additional work, for staff (image/jpeg or image/png)',
      tag: 'jobs',
      access: 'ticket.read',
      params: WorkPhotoPath,
      response: { status: 200, description: 'the image bytes (image/jpeg or image/png)', schema: z.instanceof(Buffer) },
      handler: ({ params, reply }) => photo(store.jobs.workPhoto(params.id, params.workId, params.photoId), reply),
    }),
    route({
      method: 'GET',
      url: '/api/track/:token/additional-work/:workId/photos/:photoId',
      summary: "A photo of the token holder's own additional work, for the phone page (image/jpeg or image/png)",
      tag: 'public',
      access: 'public',
      params: TrackWorkPhotoPath,
      response: { status: 200, description: 'the image bytes (image/jpeg or image/png)', schema: z.instanceof(Buffer) },
      handler: ({ params, reply }) => {
        const job = store.jobForToken(params.token);
        return photo(job ? store.jobs.workPhoto(job.id, params.workId, params.photoId) : null, reply);
      },
    }),
    route({
      method: 'POST',
      url: '/api/track/:token/additional-work/:workId/answer',
      summary: "The customer's answer on each item, from the phone page; kept with the text shown, the time and the phone's user agent",
      tag: 'public',
      access: 'public',
      params: TrackWorkPath,
      body: PhoneWorkAnswer,
      response: { status: 200, description: 'answered; the page reloads its view' },
      handler: ({ params, body, actor, request, reply }) => {
        const job = store.jobForToken(params.token);
        if (!job) throw new HubError(404, 'unknown_token', 'no vehicle has this tracking code');
        const userAgent = String(request.headers['user-agent'] ?? '').slice(0, 300) || null;
        const given = { source: 'phone' as const, userAgent, ...(body.language ? { language: body.language } : {}) };
        done(store.jobs.answerWork(job.id, params.workId, body.approvals, given, body.idempotencyKey, actor), reply);
        return { ok: true };
      },
    }),
    route({
      method: 'POST',
      url: '/api/jobs/:id/additional-work/:workId/answer',
      summary: 'Records an answer the customer gave in person or by phone call, item by item, marked as such',
      tag: 'jobs',
      access: 'job.write',
      params: WorkPath,
      body: DeskWorkAnswer,
      response: { status: 200, description: 'job', schema: Job },
      handler: ({ params, body, actor, reply }) =>
        done(store.jobs.answerWork(params.id, params.workId, body.approvals, { source: body.source }, body.idempotencyKey, actor), reply),
    }),
  ];
}
