/** Workshop jobs, additional work and on-site surveys. */
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

export function jobRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const done = commandDone(deps);
  return [
    // ─── Jobs ────────────────────────────────────────────────────────────────────────
    route(endpoints.createJob, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.jobs.create(body, actor), reply);
    }),
    route(endpoints.listJobs, () => store.jobs.list(true)),
    route(endpoints.getJob, ({ params }) => store.jobs.get(params.id)),
    route(endpoints.moveJobStage, ({ params, body, actor, reply }) => done(store.jobs.move(params.id, body.to, body.idempotencyKey, actor), reply)),
    route(endpoints.proposeAdditionalWork, ({ params, body, actor, reply }) =>
      done(
        body.items
          ? store.jobs.createAdditionalWork(params.id, body.items, body.note, body.idempotencyKey, actor)
          : store.jobs.flagAdditionalWork(params.id, body.note!, body.idempotencyKey, actor),
        reply,
      ),
    ),
    route(endpoints.answerAdditionalWork, ({ params, body, actor, reply }) =>
      done(store.jobs.answerAdditionalWork(params.id, body.approved, body.idempotencyKey, actor), reply),
    ),

    route(endpoints.submitSurvey, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.submitSurvey(body, actor), reply);
    }),
  ];
}
