/**
 * The station service: plain Node (no Electron), owns the printer and the hub connection of a
 * kiosk. The kiosk page reaches it through the preload bridge in Electron, or over HTTP on
 * loopback when the page runs in a browser (`stationRoutes`).
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { StationTicketRequest, SurveyRequest, type PrintOutcome, type StationTicketResult, type Ticket } from '../../shared/src/protocol.ts';
import { stationEndpoints } from '../../shared/src/api/station.ts';
import type { PublicStore } from '../../shared/src/services.ts';
import { validationError } from '../../shared/src/validation.ts';
import { businessDay, localDateTimeText } from '../../shared/src/time.ts';
import { printReceipt, type PrinterPort, type PrintResult } from '../printer/printer-port.ts';
import { buildTicketReceipt, type PaperWidth } from '../printer/ticket-receipt.ts';
import { ApiFailure } from '../../shared/src/api/client.ts';
import { NO_ANSWER, type HubClient } from './hub-client.ts';
import type { OfflineBook } from './offline-book.ts';

export interface StationOptions {
  hub: HubClient;
  /** Opens the printer for one job. */
  openPrinter: () => PrinterPort;
  /** Base URL customers' phones reach, for the tracking QR code. */
  publicUrl: string;
  paper?: PaperWidth;
  /** Where tickets issued without the hub are kept until it has them; without it there is no offline mode. */
  offline?: OfflineBook;
  /** Numbers reserved per service for offline use. */
  blockSize?: number;
  log?: (message: string) => void;
}

export interface Station {
  issueTicket(request: StationTicketRequest): Promise<StationTicketResult>;
  /** The store's public settings (from the hub, or the last copy while it is away). */
  store(): Promise<PublicStore>;
  /** While the hub answers: tops up the number blocks and hands over tickets issued offline. */
  refresh(): Promise<{ synced: number; pending: number }>;
  submitSurvey(request: SurveyRequest): Promise<void>;
  /** Prints a ticket again (the desk asked, e.g. after the paper was refilled). */
  reprint(ticket: Ticket): Promise<PrintOutcome>;
}

export function createStation(options: StationOptions): Station {
  // A printer takes one job at a time: jobs queue behind each other.
  let printQueue: Promise<unknown> = Promise.resolve();
  const book = options.offline;
  let refreshing: Promise<{ synced: number; pending: number }> | null = null;

  const store = async (): Promise<PublicStore> => {
    try {
      const fresh = await options.hub.store();
      book?.cacheStore(fresh);
      return fresh;
    } catch (err) {
      const cached = book?.cachedStore();
      if (cached) return cached;
      throw err;
    }
  };

  const print = async (ticket: Ticket, language: StationTicketRequest['language']): Promise<PrintResult> => {
    const settings = await store();
    const receipt = (port: PrinterPort): Buffer =>
      buildTicketReceipt(
        {
          number: ticket.number,
          service: ticket.service,
          ahead: ticket.ahead,
          estimatedWaitMinutes: ticket.estimatedWaitMinutes,
          estimatedWaitRange: ticket.estimatedWaitRange ?? null,
          issuedAtLocal: localDateTimeText(new Date(ticket.issuedAt), settings.timeZone),
          // An offline ticket has no tracking link yet: its QR leads to the lounge display instead.
          trackingUrl: new URL(ticket.trackingToken ? `/t/${ticket.trackingToken}` : '/display', options.publicUrl).toString(),
        },
        settings,
        { paper: options.paper ?? 80, language, ...(port.profile ? { profile: port.profile } : {}) },
      );
    const job = printQueue.then((): Promise<PrintResult> => {
      let port: PrinterPort;
      try {
        port = options.openPrinter();
      } catch (err) {
        // A printer that cannot even be opened is a fault like any other: the ticket stands.
        return Promise.resolve({ ok: false, fault: 'offline', message: err instanceof Error ? err.message : String(err) });
      }
      return printReceipt(port, receipt(port));
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
    return result;
  };

  /** Issues from the reserved blocks, durably, when the hub cannot be reached. */
  const issueOffline = async (request: StationTicketRequest): Promise<Ticket> => {
    if (!book) throw new ApiFailure(503, { error: 'hub_unreachable', message: 'the hub is unreachable and this kiosk has no offline mode' });
    const settings = await store();
    const service = settings.services.find((s) => s.id === request.service);
    if (!service) {
      throw new ApiFailure(503, { error: 'hub_unreachable', message: 'an appointment check-in needs the hub; please choose a service' });
    }
    const now = new Date();
    const day = businessDay(now, settings.timeZone, settings.openingTime);
    const sequence = book.take(day, service.prefix);
    if (sequence === null)
      throw new ApiFailure(503, { error: 'no_offline_numbers', message: 'the hub is unreachable and this kiosk has no reserved numbers left' });
    const number = `${service.prefix}${String(sequence).padStart(3, '0')}`;
    const ahead = book.pending().filter((p) => p.service === service.id).length;
    book.record({
      number,
      service: service.id,
      issuedAt: now.toISOString(),
      ...(request.plate ? { plate: request.plate } : {}),
      // The phone with the consent it was given under, and the customer's language for their messages.
      ...(request.phone ? { phone: request.phone, ...(request.notifyConsent !== undefined ? { notifyConsent: request.notifyConsent } : {}) } : {}),
      language: request.language,
      idempotencyKey: request.idempotencyKey,
    });
    options.log?.(`hub unreachable: issued ${number} offline`);
    void refresh();
    return {
      id: 0,
      number,
      service: service.id,
      status: 'waiting',
      issuedAt: now.toISOString(),
      calledAt: null,
      counterId: null,
      businessDay: day,
      ticketClass: service.priority ? 'priority' : 'walkin',
      plate: request.plate ?? null,
      phone: request.phone ?? null,
      calls: 0,
      firstCalledAt: null,
      servingAt: null,
      finishedAt: null,
      targetCounterId: null,
      origin: 'offline',
      ahead,
      estimatedWaitMinutes: null,
      // The tracking link of an offline ticket cannot be known yet: the QR leads to the queue page.
      trackingToken: '',
    };
  };

  const refresh = (): Promise<{ synced: number; pending: number }> => {
    refreshing ??= (async () => {
      if (!book) return { synced: 0, pending: 0 };
      let synced = 0;
      try {
        const settings = await store();
        const day = businessDay(new Date(), settings.timeZone, settings.openingTime);
        if (
          book.needsBlocks(
            day,
            settings.services.map((s) => s.prefix),
          )
        ) {
          book.saveBlocks(await options.hub.reserveBlocks(options.blockSize ?? 20, `blocks-${day}-${Date.now()}`));
        }
        const pending = book.pending();
        if (pending.length) {
          const results = await options.hub.syncOffline({ tickets: pending });
          results.forEach((r, i) => {
            // Accepted, or refused for good (a number the hub already has): either way it is settled.
            const ticket = pending[i]!;
            // A refusal is settled here because the hub raised a desk alert naming the number.
            if (r.ok || !/unreachable/.test(r.error ?? '')) book.markSynced(ticket.idempotencyKey);
            if (r.ok) synced += 1;
            else options.log?.(`offline ticket ${ticket.number} refused by the hub: ${r.error}`);
          });
        }
      } catch (err) {
        if (!(err instanceof ApiFailure)) throw err;
      }
      return { synced, pending: book.pending().length };
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  return {
    store,
    refresh,
    submitSurvey: (request) => options.hub.submitSurvey(request),
    async reprint(ticket) {
      const result = await print(ticket, 'zh-CN');
      return result.ok ? { ok: true } : { ok: false, fault: result.fault, message: result.message };
    },
    async issueTicket(request) {
      const { language } = request;
      let ticket: Ticket;
      let offline = false;
      try {
        // The customer's language goes with the ticket: their messages are written in it.
        ticket = await options.hub.issueTicket(request);
      } catch (err) {
        // No answer in time: the same key goes into the offline ticket, so if the hub did commit
        // the online one, the sync reconciles the two (the printed number is the one called).
        if (!(err instanceof ApiFailure) || !NO_ANSWER.has(err.body.error)) throw err;
        ticket = await issueOffline(request);
        offline = true;
      }
      const result = await print(ticket, language);
      return {
        ticket,
        print: result.ok ? { ok: true } : { ok: false, fault: result.fault, message: result.message },
        ...(offline ? { offline: true } : {}),
      };
    },
  };
}

/** The station's loopback HTTP face, for a kiosk page running in a browser. */
export function stationRoutes(app: FastifyInstance, station: Station, options: { admit?: preHandlerAsyncHookHandler } = {}): void {
  // On the hub's LAN port the hub decides who may write here (loopback or a kiosk token).
  const guarded = options.admit ? { preHandler: options.admit } : {};
  const { stationTicket, stationSurvey, stationHealth } = stationEndpoints;
  app.post(stationTicket.path, guarded, async (request, reply) => {
    const parsed = StationTicketRequest.safeParse(request.body ?? {});
    if (!parsed.success) return reply.status(400).send(validationError(parsed.error));
    try {
      return reply.status(stationTicket.response.status).send(stationTicket.response.schema.parse(await station.issueTicket(parsed.data)));
    } catch (err) {
      if (err instanceof ApiFailure) return reply.status(err.status).send(err.body);
      throw err;
    }
  });
  app.post(stationSurvey.path, guarded, async (request, reply) => {
    const parsed = SurveyRequest.safeParse(request.body ?? {});
    if (!parsed.success) return reply.status(400).send(validationError(parsed.error));
    try {
      await station.submitSurvey(parsed.data);
      return reply.status(stationSurvey.response.status).send({ ok: true });
    } catch (err) {
      if (err instanceof ApiFailure) return reply.status(err.status).send(err.body);
      throw err;
    }
  });
  app.get(stationHealth.path, async () => ({ ok: true }));
}
