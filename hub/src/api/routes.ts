/** Every HTTP route of the hub's API. */
import type { GroupShippingStatus } from '../shipping/shipper.ts';
import type { PublicUrlChoice } from '../public-url.ts';
import { join } from 'node:path';
import { statsCsv } from './stats-csv.ts';
import { z } from 'zod';
import {
  AdditionalWorkAnswer,
  AdditionalWorkRequest,
  Alert,
  AutoCallRequest,
  CallChosenRequest,
  ResumeRequest,
  SurveyRequest,
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
  CallNextRequest,
  ServiceDuration,
  ServiceDurationsRequest,
  CounterPath,
  CounterStateRequest,
  CounterStatus,
  CreateAppointmentRequest,
  CreateJobRequest,
  DeviceHealthReport,
  IdPath,
  IssueTicketRequest,
  Job,
  MoveJobRequest,
  NumberBlock,
  NumberBlockRequest,
  OfflineSyncRequest,
  QueueSnapshot,
  ServiceWait,
  Ticket,
  TicketActionPath,
  TicketCommandRequest,
  TokenPath,
  TransferRequest,
  type StaffEvent,
  type Ticket as TicketRecord,
} from '../../../shared/src/protocol.ts';
import { PublicStore, type StoreConfig } from '../../../shared/src/services.ts';
import { HubError, type Outcome } from '../store/context.ts';
import { durationReport } from '../store/durations.ts';
import type { HubStore } from '../store/hub-store.ts';
import { alertRoutes } from './alert-routes.ts';
import { maskSecrets } from '../notify/secrets.ts';
import { deviceRoutes } from './device-routes.ts';
import { route, type RouteSpec } from './route.ts';

const DayQuery = z.strictObject({ date: z.iso.date({ error: 'date is YYYY-MM-DD' }).optional() });
const RangeQuery = z
  .strictObject({ from: z.iso.date({ error: 'from is YYYY-MM-DD' }), to: z.iso.date({ error: 'to is YYYY-MM-DD' }) })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366, 'a range is at most 366 days');
const SettingsRequest = z.strictObject({ settings: z.unknown(), idempotencyKey: TicketCommandRequest.shape.idempotencyKey });
const AlertQuery = z.strictObject({ open: z.enum(['true', 'false']).default('true') });
const AuditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const Empty = z.strictObject({});
const IdOnly = z.strictObject({ ...TicketCommandRequest.shape });

export interface RouteDeps {
  store: HubStore;
  /** Sends a reprint to the kiosk that issued a ticket; false when that kiosk is not connected. */
  reprint: (deviceId: number, ticket: TicketRecord) => Promise<boolean>;
  config: StoreConfig;
  broadcast: (events: readonly StaffEvent[]) => void;
  /** Folder for online backups. */
  backupDir: string;
  /** Where ticket QR codes lead; null when the hub runs without a station (tests). */
  publicUrl: PublicUrlChoice | null;
  /** Where shipping to the dealer group stands; null when the hub ships nowhere. */
  groupShipping?: () => GroupShippingStatus | null;
}

export function buildRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, broadcast } = deps;
  /** Pushes what a command committed and answers with its result. */
  const done = <T>(outcome: Outcome<T>, reply: { header: (k: string, v: string) => unknown }): T => {
    broadcast(outcome.events);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return outcome.result;
  };

  return [
    // ─── Public ──────────────────────────────────────────────────────────────────────
    route({
      method: 'GET',
      url: '/api/health',
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
      handler: () => ({ ok: true, seq: store.lastSeq(), hubId: store.hubId, group: deps.groupShipping?.() ?? null }),
    }),
    route({
      method: 'GET',
      url: '/api/store',
      summary: 'The store: name, services, counters',
      tag: 'public',
      access: 'public',
      response: { status: 200, description: 'public settings', schema: PublicStore },
      handler: () => PublicStore.parse(store.ctx.config),
    }),
    route({
      method: 'GET',
      url: '/api/queue',
      summary: 'The public queue: waiting numbers, estimated waits, recent calls, vehicles in the shop (masked)',
      tag: 'public',
      access: 'public',
      response: { status: 200, description: 'snapshot', schema: QueueSnapshot },
      handler: () => store.snapshot(),
    }),
    route({
      method: 'GET',
      url: '/api/estimates',
      summary: 'Per service: how many wait and the estimated wait in minutes for a new ticket',
      tag: 'public',
      access: 'public',
      response: { status: 200, description: 'per service', schema: z.record(z.string(), ServiceWait) },
      handler: () => store.tickets.waits(),
    }),
    route({
      method: 'GET',
      url: '/api/track/:token',
      summary: 'Phone tracking page data: one vehicle or ticket, masked',
      tag: 'public',
      access: 'public',
      params: TokenPath,
      response: { status: 200, description: 'the job or ticket' },
      handler: ({ params }) => {
        const view = store.track(params.token);
        if (!view) throw new HubError(404, 'unknown_token', 'no ticket or vehicle has this tracking code');
        return view;
      },
    }),

    // Sessions and enrolment: ./auth-routes.ts

    // ─── Tickets ─────────────────────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/tickets',
      summary: 'Issues a queue ticket (kiosk, DMS, or an advisor for a walk-in)',
      tag: 'tickets',
      access: 'ticket.issue',
      body: IssueTicketRequest,
      response: { status: 201, description: 'the ticket; the same idempotencyKey returns the same ticket', schema: Ticket },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.tickets.issue(body, actor), reply);
      },
    }),
    route({
      method: 'GET',
      url: '/api/tickets',
      summary: "Today's tickets with plates and phones (staff view)",
      tag: 'tickets',
      access: 'ticket.read',
      response: { status: 200, description: 'tickets', schema: z.array(Ticket) },
      handler: () => store.tickets.today(),
    }),
    route({
      method: 'GET',
      url: '/api/tickets/:id',
      summary: 'One ticket (staff view)',
      tag: 'tickets',
      access: 'ticket.read',
      params: IdPath,
      response: { status: 200, description: 'ticket', schema: Ticket },
      handler: ({ params }) => store.tickets.get(params.id),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/:action',
      summary: 'recall | start | finish | no-show | cancel | park a ticket',
      tag: 'tickets',
      access: 'ticket.operate',
      params: TicketActionPath,
      body: TicketCommandRequest,
      response: { status: 200, description: 'the ticket after the change', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.act(params.id, params.action, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/reprint',
      summary: 'Prints a ticket again at the kiosk that issued it (e.g. after a printer fault)',
      tag: 'tickets',
      access: 'ticket.operate',
      params: IdPath,
      body: IdOnly,
      response: { status: 200, description: 'sent to the kiosk' },
      handler: async ({ params, actor }) => {
        const { ticket, deviceId } = store.tickets.reprintTarget(params.id, actor);
        if (!(await deps.reprint(deviceId, ticket))) throw new HubError(503, 'kiosk_offline', `the kiosk that issued ${ticket.number} is not connected`);
        return { ok: true, number: ticket.number };
      },
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/transfer',
      summary: 'Sends a ticket to another service or counter; it keeps its place by issue time',
      tag: 'tickets',
      access: 'ticket.operate',
      params: IdPath,
      body: TransferRequest,
      response: { status: 200, description: 'the ticket, waiting again', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.transfer(params.id, body, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/number-blocks',
      summary: 'Reserves numbers a kiosk may issue while it cannot reach the hub (one block per service)',
      tag: 'tickets',
      access: 'ticket.issue',
      body: NumberBlockRequest,
      response: { status: 200, description: 'blocks', schema: z.array(NumberBlock) },
      handler: ({ body, actor, reply }) => done(store.tickets.reserveBlocks(body.size, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/offline',
      summary: 'Syncs tickets a kiosk issued offline from its reserved blocks; each is idempotent',
      tag: 'tickets',
      access: 'ticket.issue',
      body: OfflineSyncRequest,
      response: { status: 200, description: 'one result per ticket' },
      handler: ({ body, actor }) => {
        const { results, events } = store.syncOffline(body, actor);
        broadcast(events);
        return { results };
      },
    }),

    // ─── Counters ────────────────────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/counters/:counterId/call-next',
      summary:
        'Calls the next ticket for a counter. A ticket it is serving is finished first; one called but never started needs heldOutcome (served, no_show or requeue), otherwise 409 held_not_started. An advisor holding a ticket at another counter gets 409 held_elsewhere.',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: CallNextRequest,
      response: { status: 200, description: 'the called ticket; 204 when nobody waits', schema: Ticket },
      handler: ({ params, body, actor, reply }) => {
        const ticket = done(store.tickets.callNext(params.counterId, body.idempotencyKey, actor, body.heldOutcome), reply);
        if (!ticket) return reply.status(204).send();
        return ticket;
      },
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/call',
      summary: 'Calls a chosen waiting ticket out of order, with the reason (kept in the audit log)',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: CallChosenRequest,
      response: { status: 200, description: 'the called ticket', schema: Ticket },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.callChosen(params.counterId, body.ticketId, body.reason, body.idempotencyKey, actor, body.heldOutcome), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/recall',
      summary: 'Recalls the ticket a counter holds (for call buttons)',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: IdOnly,
      response: { status: 200, description: 'the ticket', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.act(store.tickets.heldAt(params.counterId), 'recall', body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/no-show',
      summary: 'Marks the ticket a counter holds as a no-show (for call buttons)',
      tag: 'counters',
      access: 'ticket.operate',
      params: CounterPath,
      body: IdOnly,
      response: { status: 200, description: 'the ticket', schema: Ticket },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.act(store.tickets.heldAt(params.counterId), 'no-show', body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/devices/health',
      summary: "A station's report on its devices: a disconnected one raises an alert, its return resolves it",
      tag: 'devices',
      access: 'alert.raise',
      body: DeviceHealthReport,
      response: { status: 200, description: 'alerts raised or resolved' },
      handler: ({ body, actor }) => {
        const station = actor.kind === 'device' ? actor.name : 'station';
        const changed = body.devices.map((d) => {
          const outcome = store.alerts.report(
            {
              kind: d.kind === 'printer' ? 'printer_fault' : 'device_fault',
              key: `device:${station}:${d.name}`,
              audience: 'desk',
              subject: { detail: `${d.name} @ ${station}: ${d.connected ? 'connected' : `disconnected${d.lastError ? ` (${d.lastError})` : ''}`}` },
            },
            d.connected,
            actor,
          );
          broadcast(outcome.events);
          return { name: d.name, alert: outcome.result?.id ?? null };
        });
        return { devices: changed };
      },
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/resume',
      summary: 'Resumes a parked ticket at a counter',
      tag: 'tickets',
      access: 'ticket.operate',
      params: IdPath,
      body: ResumeRequest,
      response: { status: 200, description: 'the ticket, being served again', schema: Ticket },
      handler: ({ params, body, actor, reply }) => done(store.tickets.resume(params.id, body.counterId, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/auto-call',
      summary: 'Turns automatic calling on (with a grace period) or off for a counter',
      tag: 'counters',
      access: 'counter.operate',
      params: CounterPath,
      body: AutoCallRequest,
      response: { status: 200, description: 'counter status', schema: CounterStatus },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.setAutoCall(params.counterId, body.enabled, body.graceSeconds, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/auto-call/cancel',
      summary: 'Cancels a pending automatic call',
      tag: 'counters',
      access: 'counter.operate',
      params: CounterPath,
      body: IdOnly,
      response: { status: 200, description: 'counter status', schema: CounterStatus },
      handler: ({ params, body, actor, reply }) => done(store.tickets.cancelAutoCall(params.counterId, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'POST',
      url: '/api/counters/:counterId/state',
      summary: 'Opens, pauses (with a reason) or closes a counter',
      tag: 'counters',
      access: 'counter.operate',
      params: CounterPath,
      body: CounterStateRequest,
      response: { status: 200, description: 'counter status', schema: CounterStatus },
      handler: ({ params, body, actor, reply }) =>
        done(store.tickets.setCounterState(params.counterId, body.state, body.reason, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/counters',
      summary: 'Every counter: open, paused or closed, and the ticket it holds',
      tag: 'counters',
      access: 'ticket.read',
      response: { status: 200, description: 'counters', schema: z.array(CounterStatus) },
      handler: () => store.tickets.counterStatuses(),
    }),

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

    // ─── Alerts, statistics, audit, backup ───────────────────────────────────────────
    route({
      method: 'GET',
      url: '/api/alerts',
      summary: 'Alerts: open ones (default), or all of today',
      tag: 'alerts',
      access: 'alert.read',
      query: AlertQuery,
      response: { status: 200, description: 'alerts', schema: z.array(Alert) },
      handler: ({ query }) => store.alerts.list({ openOnly: query.open === 'true' }),
    }),
    route({
      method: 'POST',
      url: '/api/alerts/:id/ack',
      summary: 'Acknowledges an alert (records who and when)',
      tag: 'alerts',
      access: 'alert.ack',
      params: IdPath,
      body: IdOnly,
      response: { status: 200, description: 'alert', schema: Alert },
      handler: ({ params, body, actor, reply }) => done(store.alerts.acknowledge(params.id, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/stats/day',
      summary: "A day's figures: arrivals per hour, waits, 1-minute greeting rate, alerts",
      tag: 'stats',
      access: 'stats.read',
      query: DayQuery,
      response: { status: 200, description: 'figures' },
      handler: ({ query }) => store.dayStats(query.date ?? store.ctx.businessDay()),
    }),
    route({
      method: 'GET',
      url: '/api/stats',
      summary: 'The same figures over a date range, with one row per day',
      tag: 'stats',
      access: 'stats.read',
      query: RangeQuery,
      response: { status: 200, description: 'total and per day' },
      handler: ({ query }) => store.rangeStats(query.from, query.to),
    }),
    route({
      method: 'GET',
      url: '/api/stats/export.csv',
      summary: 'Per-day figures of a date range as CSV (UTF-8 with BOM, opens in Excel)',
      tag: 'stats',
      access: 'stats.read',
      query: RangeQuery,
      response: { status: 200, description: 'text/csv' },
      handler: ({ query, reply }) => {
        const { days } = store.rangeStats(query.from, query.to);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="stats-${query.from}-${query.to}.csv"`);
        return reply.send(statsCsv(days));
      },
    }),
    route({
      method: 'GET',
      url: '/api/settings',
      summary: "The store's full settings",
      tag: 'admin',
      access: 'settings.write',
      response: { status: 200, description: 'settings, with provider secrets masked (send the mask back to keep one)' },
      handler: () => maskSecrets(store.ctx.config),
    }),
    route({
      method: 'GET',
      url: '/api/settings/public-url',
      summary: 'Where the ticket QR codes lead (PUBLIC_URL, or the LAN address) and why phones might not reach it',
      tag: 'admin',
      access: 'settings.write',
      response: {
        status: 200,
        description: 'the public URL',
        schema: z.object({ url: z.string().nullable(), problem: z.enum(['loopback', 'no_lan_address']).nullable() }),
      },
      handler: () => ({ url: deps.publicUrl?.url ?? null, problem: deps.publicUrl?.problem ?? null }),
    }),
    route({
      method: 'POST',
      url: '/api/settings',
      summary: "Replaces the store's settings (services, counters, opening hours, rules, display, printer); validated whole",
      tag: 'admin',
      access: 'settings.write',
      body: SettingsRequest,
      response: { status: 200, description: 'the saved settings' },
      handler: ({ body, actor, reply }) => done(store.updateSettings(body.settings, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/service-durations',
      summary: 'Minutes each service takes at the counter: learned from history, and the manager override (wait estimates)',
      tag: 'admin',
      access: 'settings.write',
      response: { status: 200, description: 'per service', schema: z.array(ServiceDuration) },
      handler: () => durationReport(store.ctx),
    }),
    route({
      method: 'POST',
      url: '/api/service-durations',
      summary: "Sets (or with null clears) the manager's minutes per service, used by wait estimates instead of the learned ones",
      tag: 'admin',
      access: 'settings.write',
      body: ServiceDurationsRequest,
      response: { status: 200, description: 'per service, as now used', schema: z.array(ServiceDuration) },
      handler: ({ body, actor, reply }) => {
        const config = store.ctx.config;
        const serviceMinutes = { ...config.queue.serviceMinutes };
        for (const [service, minutes] of Object.entries(body.minutes)) {
          if (!config.services.some((s) => s.id === service)) throw new HubError(400, 'unknown_service', `minutes: unknown service "${service}"`);
          if (minutes === null) delete serviceMinutes[service];
          else serviceMinutes[service] = minutes;
        }
        done(store.updateSettings({ ...config, queue: { ...config.queue, serviceMinutes } }, body.idempotencyKey, actor), reply);
        return durationReport(store.ctx);
      },
    }),
    route({
      method: 'GET',
      url: '/api/audit',
      summary: 'Who did what, newest first',
      tag: 'admin',
      access: 'audit.read',
      query: AuditQuery,
      response: { status: 200, description: 'audit records' },
      handler: ({ query }) => store.ctx.db.prepare('SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?').all(query.limit),
    }),
    route({
      method: 'POST',
      url: '/api/admin/backup',
      summary: 'Online backup of the database into the data folder',
      tag: 'admin',
      access: 'backup',
      body: Empty,
      response: { status: 200, description: 'backup file' },
      handler: async () => {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        return store.backup(join(deps.backupDir, `hub-${stamp}.sqlite`));
      },
    }),
    ...alertRoutes(deps),
    ...deviceRoutes(deps),
  ];
}
