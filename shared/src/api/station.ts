/**
 * The kiosk station's own HTTP face (loopback, or the hub's port for paired kiosks): the kiosk
 * page issues tickets and surveys through it, so the station prints what it issued.
 */
import { z } from 'zod';
import { PrintOutcome, StationTicketRequest, SurveyRequest, Ticket } from '../protocol.ts';
import { endpoint } from './endpoint.ts';

export const StationTicketAnswer = z.object({
  ticket: Ticket,
  print: PrintOutcome,
  /** Issued by the kiosk from its reserved numbers while the hub was unreachable; synced later. */
  offline: z.boolean().optional(),
});

export const stationEndpoints = {
  stationTicket: endpoint({
    method: 'POST',
    path: '/station/tickets',
    summary: 'Issues a ticket through the hub (or offline from reserved numbers) and prints it',
    tag: 'station',
    access: 'ticket.issue',
    body: StationTicketRequest,
    response: { status: 201, description: 'the ticket and how its printing went', schema: StationTicketAnswer },
  }),
  stationSurvey: endpoint({
    method: 'POST',
    path: '/station/surveys',
    summary: 'Passes an on-site survey to the hub',
    tag: 'station',
    access: 'survey.submit',
    body: SurveyRequest,
    response: { status: 201, description: 'recorded', schema: z.object({ ok: z.literal(true) }) },
  }),
  stationHealth: endpoint({
    method: 'GET',
    path: '/station/health',
    summary: 'The station answers',
    tag: 'station',
    access: 'public',
    response: { status: 200, description: 'ok', schema: z.object({ ok: z.literal(true) }) },
  }),
};
