/** The service drive (issue #16): appointments, arrivals and pre-inspection bays, complaint cases. */
import { z } from 'zod';
import {
  Appointment,
  AppointmentFigures,
  AssignCaseRequest,
  CaseFigures,
  CaseNoteRequest,
  CloseCaseRequest,
  ComplaintCase,
  OpenCaseRequest,
  CancelAppointmentRequest,
  ImportAnswer,
  ImportAppointmentsRequest,
  MoveAppointmentRequest,
  SlotsAnswer,
  SlotsQuery,
  Arrival,
  ArrivalBayRequest,
  BayView,
  RegisterArrivalRequest,
  ReleaseArrivalRequest,
  CreateAppointmentRequest,
  IdPath,
} from '../../../shared/src/protocol.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

const DayQuery = z.strictObject({ date: z.iso.date({ error: 'date is YYYY-MM-DD' }).optional() });
const RangeQuery = z
  .strictObject({ from: z.iso.date({ error: 'from is YYYY-MM-DD' }), to: z.iso.date({ error: 'to is YYYY-MM-DD' }) })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366, 'a range is at most 366 days');

export function driveRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const done = commandDone(deps);
  return [
    // ─── Appointments ────────────────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/appointments',
      summary: 'Books an appointment (from the DMS); its code goes in the QR the customer scans',
      tag: 'appointments',
      access: 'appointment.write',
      body: CreateAppointmentRequest,
      response: { status: 201, description: 'appointment', schema: Appointment },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.createAppointment(body, actor), reply);
      },
    }),
    route({
      method: 'GET',
      url: '/api/appointments',
      summary: "A day's appointments",
      tag: 'appointments',
      access: 'ticket.read',
      query: DayQuery,
      response: { status: 200, description: 'appointments', schema: z.array(Appointment) },
      handler: ({ query }) => store.appointmentsOn(query.date ?? store.ctx.businessDay()),
    }),
    route({
      method: 'POST',
      url: '/api/appointments/:id/move',
      summary: 'Moves an appointment to another slot (and service); a full slot is refused (409 slot_full)',
      tag: 'appointments',
      access: 'appointment.write',
      params: IdPath,
      body: MoveAppointmentRequest,
      response: { status: 200, description: 'appointment', schema: Appointment },
      handler: ({ params, body, actor, reply }) => done(store.appointments.move(params.id, body.scheduledAt, body.service, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/appointments/:id/cancel',
      summary: 'Cancels an appointment; its place in the slot is free again',
      tag: 'appointments',
      access: 'appointment.write',
      params: IdPath,
      body: CancelAppointmentRequest,
      response: { status: 200, description: 'appointment', schema: Appointment },
      handler: ({ params, body, actor, reply }) => done(store.appointments.cancel(params.id, body.reason, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/appointments/slots',
      summary: "A day's 30-minute slots for one service with load and capacity; with `at`, the nearest least-loaded slots with room",
      tag: 'appointments',
      access: 'ticket.read',
      query: SlotsQuery,
      response: { status: 200, description: 'slots', schema: SlotsAnswer },
      handler: ({ query }) => store.appointments.slots(query.date ?? store.ctx.businessDay(), query.service, query.at),
    }),
    route({
      method: 'POST',
      url: '/api/appointments/import',
      summary: 'Imports a DMS/OEM CSV export (base64; UTF-8 or GB18030): preview with commit false, per-row errors, duplicates skipped',
      tag: 'appointments',
      access: 'appointment.write',
      body: ImportAppointmentsRequest,
      response: { status: 200, description: 'rows, errors and how many were created', schema: ImportAnswer },
      handler: ({ body, actor, reply }) => done(store.appointments.import(body.csv, body.commit, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/appointments/figures',
      summary: "A day's appointment figures: booked, arrived, on time, no-shows, appointment share of arrivals (预约率)",
      tag: 'appointments',
      access: 'stats.read',
      query: DayQuery,
      response: { status: 200, description: 'figures', schema: AppointmentFigures },
      handler: ({ query }) => store.appointments.figures(query.date ?? store.ctx.businessDay()),
    }),

    // ─── Arrivals and pre-inspection bays ─────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/arrivals',
      summary: 'A vehicle enters the service drive (desk or guard tablet): into a configured bay, or waiting for one',
      tag: 'arrivals',
      access: 'arrival.write',
      body: RegisterArrivalRequest,
      response: { status: 201, description: 'the arrival (the same plate again is the same vehicle)', schema: Arrival },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.arrivals.register(body, actor), reply);
      },
    }),
    route({
      method: 'GET',
      url: '/api/arrivals',
      summary: 'The pre-inspection bays now: each bay with its vehicle and dwell, and the vehicles waiting for one',
      tag: 'arrivals',
      access: 'ticket.read',
      response: { status: 200, description: 'bay view', schema: BayView },
      handler: () => store.arrivals.bayView(),
    }),
    route({
      method: 'POST',
      url: '/api/arrivals/:id/bay',
      summary: 'Moves a vehicle to a bay, or back to waiting (bay: null)',
      tag: 'arrivals',
      access: 'arrival.write',
      params: IdPath,
      body: ArrivalBayRequest,
      response: { status: 200, description: 'the arrival', schema: Arrival },
      handler: ({ params, body, actor, reply }) => done(store.arrivals.setBay(params.id, body.bay, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/arrivals/:id/release',
      summary: 'Pre-inspection done, or the vehicle left: it no longer counts and its bay is free',
      tag: 'arrivals',
      access: 'arrival.write',
      params: IdPath,
      body: ReleaseArrivalRequest,
      response: { status: 200, description: 'the arrival', schema: Arrival },
      handler: ({ params, body, actor, reply }) => done(store.arrivals.release(params.id, body.reason, body.idempotencyKey, actor), reply),
    }),

    // ─── Complaint cases ─────────────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/cases',
      summary: 'Opens a complaint case (staff); the kiosk complaint choice opens one by itself. The manager is alerted at once',
      tag: 'cases',
      access: 'case.write',
      body: OpenCaseRequest,
      response: { status: 201, description: 'the case', schema: ComplaintCase },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.cases.open(body, actor), reply);
      },
    }),
    route({
      method: 'GET',
      url: '/api/cases',
      summary: 'Complaint cases not yet closed; with from and to, every case opened in that range (the monthly incident review)',
      tag: 'cases',
      access: 'ticket.read',
      query: z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
      response: { status: 200, description: 'cases', schema: z.array(ComplaintCase) },
      handler: ({ query }) => (query.from && query.to ? store.cases.between(query.from, query.to) : store.cases.openCases()),
    }),
    route({
      method: 'GET',
      url: '/api/cases/figures',
      summary: 'Complaint figures over a range: opened, open now, closed, median minutes to first contact and to close, replies later than promised',
      tag: 'cases',
      access: 'stats.read',
      query: RangeQuery,
      response: { status: 200, description: 'figures', schema: CaseFigures },
      handler: ({ query }) => store.cases.figures(query.from, query.to),
    }),
    route({
      method: 'POST',
      url: '/api/cases/:id/assign',
      summary: 'Gives a case its owner (and another promised reply time)',
      tag: 'cases',
      access: 'case.write',
      params: IdPath,
      body: AssignCaseRequest,
      response: { status: 200, description: 'the case', schema: ComplaintCase },
      handler: ({ params, body, actor, reply }) => done(store.cases.assign(params.id, body.owner, body.promisedReplyAt, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/cases/:id/notes',
      summary: "Adds a note; with contact: true it records a contact with the customer (the first ends the manager's alert)",
      tag: 'cases',
      access: 'case.write',
      params: IdPath,
      body: CaseNoteRequest,
      response: { status: 200, description: 'the case', schema: ComplaintCase },
      handler: ({ params, body, actor, reply }) => done(store.cases.note(params.id, body.text, body.contact, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/cases/:id/close',
      summary: 'Closes a case with its resolution',
      tag: 'cases',
      access: 'case.write',
      params: IdPath,
      body: CloseCaseRequest,
      response: { status: 200, description: 'the case', schema: ComplaintCase },
      handler: ({ params, body, actor, reply }) => done(store.cases.close(params.id, body.resolution, body.idempotencyKey, actor), reply),
    }),
  ];
}
