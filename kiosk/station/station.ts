/**
 * The station service: plain Node (no Electron), owns the printer and the hub connection of a
 * kiosk. The kiosk page reaches it through the preload bridge in Electron, or over HTTP on
 * loopback when the page runs in a browser (`stationRoutes`).
 */
import type { FastifyInstance } from 'fastify';
import { StationTicketRequest, type ApiError, type StationTicketResult } from '../../shared/src/protocol.ts';
import { validationError } from '../../shared/src/validation.ts';
import { localDateTimeText } from '../../shared/src/time.ts';
import { printReceipt, type PrinterPort, type PrintResult } from '../printer/printer-port.ts';
import { buildTicketReceipt, type PaperWidth } from '../printer/ticket-receipt.ts';
import { HubRequestError, type HubClient } from './hub-client.ts';

export interface StationOptions {
  hub: HubClient;
  /** Opens the printer for one job. */
  openPrinter: () => PrinterPort;
  /** Base URL customers' phones reach, for the tracking QR code. */
  publicUrl: string;
  paper?: PaperWidth;
  log?: (message: string) => void;
}

export interface Station {
  issueTicket(request: StationTicketRequest): Promise<StationTicketResult>;
}

export function createStation(options: StationOptions): Station {
  // A printer takes one job at a time: jobs queue behind each other.
  let printQueue: Promise<unknown> = Promise.resolve();

  return {
    async issueTicket(request) {
      const { language, ...issue } = request;
      const ticket = await options.hub.issueTicket(issue);
      const store = await options.hub.store();
      const bytes = buildTicketReceipt(
        {
          number: ticket.number,
          service: ticket.service,
          ahead: ticket.ahead,
          estimatedWaitMinutes: ticket.estimatedWaitMinutes,
          issuedAtLocal: localDateTimeText(new Date(ticket.issuedAt), store.timeZone),
          trackingUrl: new URL(`/t/${ticket.trackingToken}`, options.publicUrl).toString(),
        },
        store,
        { paper: options.paper ?? 80, language },
      );
      const job = printQueue.then((): Promise<PrintResult> => {
        let port: PrinterPort;
        try {
          port = options.openPrinter();
        } catch (err) {
          // A printer that cannot even be opened is a fault like any other: the ticket stands.
          return Promise.resolve({ ok: false, fault: 'offline', message: err instanceof Error ? err.message : String(err) });
        }
        return printReceipt(port, bytes);
      });
      printQueue = job.catch(() => undefined);
      const result = await job;
      if (!result.ok) options.log?.(`ticket ${ticket.number} issued but not printed: ${result.message}`);
      // The desk learns of a printer fault (and of its end) through the hub's alerts.
      options.hub
        .reportDevices({
          devices: [
            {
              name: 'ticket printer',
              kind: 'printer',
              connected: result.ok,
              lastSeen: new Date().toISOString(),
              errors: result.ok ? 0 : 1,
              lastError: result.ok ? null : `${result.fault}, ticket ${ticket.number} not printed`,
            },
          ],
        })
        .catch((err: Error) => options.log?.(`could not report the printer to the hub: ${err.message}`));
      return {
        ticket,
        print: result.ok ? { ok: true } : { ok: false, fault: result.fault, message: result.message },
      };
    },
  };
}

/** The station's loopback HTTP face, for a kiosk page running in a browser. */
export function stationRoutes(app: FastifyInstance, station: Station): void {
  app.post('/station/tickets', async (request, reply) => {
    const parsed = StationTicketRequest.safeParse(request.body ?? {});
    if (!parsed.success) return reply.status(400).send(validationError(parsed.error));
    try {
      return reply.status(201).send(await station.issueTicket(parsed.data));
    } catch (err) {
      if (err instanceof HubRequestError) return reply.status(err.status).send(err.body);
      throw err;
    }
  });
  app.get('/station/health', async () => ({ ok: true }) satisfies { ok: boolean } | ApiError);
}
