/** Answers on priced additional work (issue #15): by the customer on the phone page, or recorded at the desk. */
import { DeskWorkAnswer, Job, PhoneWorkAnswer, TrackWorkPath, WorkPath, type StaffEvent } from '../../../shared/src/protocol.ts';
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
  return [
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
