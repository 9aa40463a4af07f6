/** Answers on priced additional work (issue #15): by the customer on the phone page, or recorded at the desk. */
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
  return [
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
