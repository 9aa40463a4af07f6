/** The service drive (issue #16): appointments, arrivals and pre-inspection bays, complaint cases. */
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

export function driveRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const done = commandDone(deps);
  return [
    // ─── Appointments ────────────────────────────────────────────────────────────────
    route(endpoints.createAppointment, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.createAppointment(body, actor), reply);
    }),
    route(endpoints.listAppointments, ({ query }) => store.appointmentsOn(query.date ?? store.ctx.businessDay())),
    route(endpoints.moveAppointment, ({ params, body, actor, reply }) =>
      done(store.appointments.move(params.id, body.scheduledAt, body.service, body.idempotencyKey, actor), reply),
    ),
    route(endpoints.cancelAppointment, ({ params, body, actor, reply }) =>
      done(store.appointments.cancel(params.id, body.reason, body.idempotencyKey, actor), reply),
    ),
    route(endpoints.appointmentSlots, ({ query }) => store.appointments.slots(query.date ?? store.ctx.businessDay(), query.service, query.at)),
    route(endpoints.importAppointments, ({ body, actor, reply }) => done(store.appointments.import(body.csv, body.commit, body.idempotencyKey, actor), reply)),
    route(endpoints.appointmentFigures, ({ query }) => store.appointments.figures(query.date ?? store.ctx.businessDay())),

    // ─── Arrivals and pre-inspection bays ─────────────────────────────────────────────
    route(endpoints.registerArrival, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.arrivals.register(body, actor), reply);
    }),
    route(endpoints.listArrivals, () => store.arrivals.bayView()),
    route(endpoints.assignArrivalBay, ({ params, body, actor, reply }) => done(store.arrivals.setBay(params.id, body.bay, body.idempotencyKey, actor), reply)),
    route(endpoints.releaseArrival, ({ params, body, actor, reply }) =>
      done(store.arrivals.release(params.id, body.reason, body.idempotencyKey, actor), reply),
    ),

    // ─── Complaint cases ─────────────────────────────────────────────────────────────
    route(endpoints.openCase, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.cases.open(body, actor), reply);
    }),
    route(endpoints.listCases, ({ query }) => (query.from && query.to ? store.cases.between(query.from, query.to) : store.cases.openCases())),
    route(endpoints.caseFigures, ({ query }) => store.cases.figures(query.from, query.to)),
    route(endpoints.assignCase, ({ params, body, actor, reply }) =>
      done(store.cases.assign(params.id, body.owner, body.promisedReplyAt, body.idempotencyKey, actor), reply),
    ),
    route(endpoints.addCaseNote, ({ params, body, actor, reply }) =>
      done(store.cases.note(params.id, body.text, body.contact, body.idempotencyKey, actor), reply),
    ),
    route(endpoints.closeCase, ({ params, body, actor, reply }) => done(store.cases.close(params.id, body.resolution, body.idempotencyKey, actor), reply)),
  ];
}
