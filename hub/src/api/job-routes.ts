/** Workshop jobs, additional work and on-site surveys. */
import { z } from 'zod';
import { AdditionalWorkAnswer, AdditionalWorkRequest, SurveyRequest, CreateJobRequest, IdPath, Job, MoveJobRequest } from '../../../shared/src/protocol.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

export function jobRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const done = commandDone(deps);
  return [
    // ─── Jobs ────────────────────────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/jobs',
      summary: 'Creates a job (vehicle in the shop), usually from a ticket',
      tag: 'jobs',
      access: 'job.write',
      body: CreateJobRequest,
      response: { status: 201, description: 'job', schema: Job },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.jobs.create(body, actor), reply);
      },
    }),
    route({
      method: 'GET',
      url: '/api/jobs',
      summary: 'Vehicles in the shop and delivered today (staff view)',
      tag: 'jobs',
      access: 'ticket.read',
      response: { status: 200, description: 'jobs', schema: z.array(Job) },
      handler: () => store.jobs.list(true),
    }),
    route({
      method: 'GET',
      url: '/api/jobs/:id',
      summary: 'One job (staff view)',
      tag: 'jobs',
      access: 'ticket.read',
      params: IdPath,
      response: { status: 200, description: 'job', schema: Job },
      handler: ({ params }) => store.jobs.get(params.id),
    }),
    route({
      method: 'POST',
      url: '/api/jobs/:id/stage',
      summary: 'Moves a job to its next stage',
      tag: 'jobs',
      access: 'job.stage',
      params: IdPath,
      body: MoveJobRequest,
      response: { status: 200, description: 'job', schema: Job },
      handler: ({ params, body, actor, reply }) => done(store.jobs.move(params.id, body.to, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/jobs/:id/additional-work',
      summary: 'Additional work found (增项): priced items the customer approves one by one on the phone page (or a note the advisor relays)',
      tag: 'jobs',
      access: 'job.stage',
      params: IdPath,
      body: AdditionalWorkRequest,
      response: { status: 200, description: 'job', schema: Job },
      handler: ({ params, body, actor, reply }) =>
        done(
          body.items
            ? store.jobs.createAdditionalWork(params.id, body.items, body.note, body.idempotencyKey, actor)
            : store.jobs.flagAdditionalWork(params.id, body.note!, body.idempotencyKey, actor),
          reply,
        ),
    }),
    route({
      method: 'POST',
      url: '/api/jobs/:id/additional-work/answer',
      summary: "Records the customer's answer on additional work",
      tag: 'jobs',
      access: 'job.write',
      params: IdPath,
      body: AdditionalWorkAnswer,
      response: { status: 200, description: 'job', schema: Job },
      handler: ({ params, body, actor, reply }) => done(store.jobs.answerAdditionalWork(params.id, body.approved, body.idempotencyKey, actor), reply),
    }),

    route({
      method: 'POST',
      url: '/api/surveys',
      summary: 'On-site satisfaction survey (现场满意度调查) from the kiosk: scores 1–5 and a comment',
      tag: 'surveys',
      access: 'survey.submit',
      body: SurveyRequest,
      response: { status: 201, description: 'recorded' },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.submitSurvey(body, actor), reply);
      },
    }),
  ];
}
