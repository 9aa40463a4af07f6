/**
 * `createHub` builds the hub (HTTP API, socket.io push, web pages) without listening, so tests
 * start it on port 0 with real clients and an injected clock (STYLE.md practice 5).
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StaffEvent } from '../../shared/src/protocol.ts';
import type { StoreConfig } from '../../shared/src/services.ts';
import { takesIdempotencyKey } from '../../shared/src/api/endpoint.ts';
import { docsPage, openApiDocument } from './api/openapi.ts';
import { answerSerializer } from './api/serialize.ts';
import type { RouteSpec } from './api/route.ts';
import { authRoutes, bearer } from './api/auth-routes.ts';
import { buildRoutes } from './api/routes.ts';
import { notifyRoutes } from './api/notify-routes.ts';
import { workRoutes } from './api/work-routes.ts';
import { AttemptGuard, LOGIN_LIMITS, PAIRING_LIMITS } from './attempt-guard.ts';
import { can } from './auth.ts';
import type { Db } from './db/database.ts';
import { escapeHtml } from './html.ts';
import { HubError } from './store/context.ts';
import { installErrorHandler, parseOr400 } from './http-errors.ts';
import { installLoadShedding, type SheddingLimits } from './load-shedding.ts';
import { attachRealtime, type HubSocketServer } from './realtime.ts';
import { defaultAllowedHosts, hostAllowed } from './allowed-hosts.ts';
import { systemClock, type Clock } from './store/context.ts';
import { HubStore } from './store/hub-store.ts';
import type { PublicUrlChoice } from './public-url.ts';
import { Dispatcher, type DispatchReport } from './notify/dispatcher.ts';
import type { NotifyEnv } from './notify/targets.ts';
import { GroupShipper } from './shipping/shipper.ts';

export interface HubOptions {
  db: Db;
  config: StoreConfig;
  clock?: Clock;
  /** Folder of the built web pages (`vite build` output); pages answer 503 when missing. */
  webRoot?: string;
  /** Where online backups go. */
  backupDir?: string;
  /** Log warnings and errors (pino, one JSON object a line). */
  logger?: boolean;
  /** How often the alert rules run; 0 turns the timer off (tests call evaluateAlerts). */
  alertIntervalMs?: number;
  /** How often due automatic calls are made; 0 turns the timer off. */
  autoCallIntervalMs?: number;
  /** Where ticket QR codes lead, shown in the manager's settings (public-url.ts). */
  publicUrl?: PublicUrlChoice;
  /** `Host:` names the hub answers to (and page origins its sockets take); its own by default. */
  allowedHosts?: readonly string[];
  /** NOTIFY_WEBHOOK_URL / NOTIFY_WEBHOOK_SECRET: a webhook when the settings have none. */
  notifyEnv?: NotifyEnv;
  /** How often queued messages are sent; 0 turns the timer off (tests call dispatchMessages). */
  notifyIntervalMs?: number;
  /** GROUP_DATABASE_URL and STORE_ID: ship the event log to the dealer group (README "A dealer group"). */
  group?: { url: string; storeId: string };
  /** Refuse requests with 503 + Retry-After when the event loop falls behind (load-shedding.ts); off when absent. */
  shedding?: SheddingLimits | null;
}

export interface Hub {
  app: FastifyInstance;
  io: HubSocketServer;
  store: HubStore;
  routes: RouteSpec[];
  /** Pushes committed events to connected clients. */
  broadcast(events: readonly StaffEvent[]): void;
  /** Runs the alert rules now and pushes what they raised or resolved. */
  evaluateAlerts(): void;
  /** Sends the messages that are due now (the timer does this every second). */
  dispatchMessages(): Promise<DispatchReport>;
  close(): Promise<void>;
}

/** The pages load only their own scripts and styles and talk only to this hub. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Page routes and the built HTML file each one serves. */
export const PAGES: Record<string, string> = {
  '/kiosk': 'kiosk/renderer/kiosk.html',
  '/desk': 'kiosk/renderer/desk.html',
  '/workshop': 'kiosk/renderer/workshop.html',
  '/manager': 'kiosk/renderer/manager.html',
  '/arrivals': 'kiosk/renderer/arrivals.html',
  '/display': 'display/index.html',
  '/t/:token': 'display/track.html',
};

export async function createHub(options: HubOptions): Promise<Hub> {
  const { db, config } = options;
  const store = new HubStore(db, config, options.clock ?? systemClock);
  // Before anyone is answered: close business days the hub was down across, apply retention.
  store.startUp();
  store.outbox.env = options.notifyEnv ?? {};
  store.outbox.publicUrl = options.publicUrl?.url ?? null;
  const shipper = options.group
    ? new GroupShipper({
        db,
        url: options.group.url,
        storeId: options.group.storeId,
        hubId: store.hubId,
        dayOf: (at) => store.ctx.businessDay(new Date(at)),
        storeFacts: () => ({
          greetingLimitSeconds: store.ctx.config.alerts.greetingLimitSeconds,
          timeZone: store.ctx.config.timeZone,
          appointmentWindow: store.ctx.config.queue.appointmentWindow,
        }),
        log: (message) => console.warn(message),
      })
    : null;
  const app = Fastify({ logger: options.logger ? { level: 'warn' } : false, trustProxy: false });
  installErrorHandler(app);
  if (options.shedding) await installLoadShedding(app, options.shedding);
  const allowedHosts = new Set(options.allowedHosts ?? defaultAllowedHosts());

  // Another name resolving to the hub (DNS rebinding) gets nothing.
  app.addHook('onRequest', async (request, reply) => {
    if (!hostAllowed(request.headers.host, allowedHosts)) {
      store.auth.auditRefusalOnce('http.unknown-host', { address: request.ip, host: request.headers.host ?? null });
      return reply
        .status(421)
        .send({ error: 'unknown_host', message: `this hub does not answer to ${request.headers.host ?? 'no Host'}; add it to HUB_ALLOWED_HOSTS` });
    }
  });
  // Every answer: no MIME sniffing; every HTML page: the page CSP, unless it set its own.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', PAGE_CSP).header('referrer-policy', 'no-referrer');
    }
    return payload;
  });

  const realtime = attachRealtime(app.server, store, (msg, err) => app.log.error({ err }, msg), allowedHosts);

  const { io, broadcast } = realtime;
  const dispatcher = new Dispatcher(
    store.outbox,
    options.clock ?? systemClock,
    () => ({ ...store.ctx.config.notify, timeZone: store.ctx.config.timeZone, openingTime: store.ctx.config.openingTime }),
    undefined,
    (msg) => app.log.warn(msg),
  );
  const dispatchMessages = (): void => {
    dispatcher.run().catch((err: unknown) => app.log.error({ err }, 'message dispatch failed'));
  };
  const routes = [
    ...authRoutes({
      store,
      broadcast,
      loginGuard: new AttemptGuard(LOGIN_LIMITS),
      pairingGuard: new AttemptGuard(PAIRING_LIMITS),
      sessionsChanged: realtime.recheckTokens,
    }),
    ...buildRoutes({
      store,
      config,
      broadcast,
      reprint: async (deviceId, ticket) => {
        const sockets = await io.in(`device:${deviceId}`).fetchSockets();
        for (const socket of sockets) socket.emit('reprint', ticket);
        return sockets.length > 0;
      },
      backupDir: options.backupDir ?? join(process.cwd(), 'data', 'backups'),
      publicUrl: options.publicUrl ?? null,
      groupShipping: () => shipper?.status() ?? null,
    }),
    ...notifyRoutes({ store, dispatchNow: dispatchMessages }),
    ...workRoutes({ store, broadcast }),
  ];
  for (const spec of routes) {
    const { endpoint } = spec;
    const takesKey = takesIdempotencyKey(endpoint.body);
    const serialize = 'schema' in endpoint.response ? answerSerializer(endpoint.response.schema) : null;
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (request, reply) => {
        const actor = store.auth.resolve(bearer(request.headers.authorization));
        if (endpoint.access !== 'public') {
          if (actor.kind === 'anonymous') throw new HubError(401, 'unauthenticated', 'log in (Authorization: Bearer <token>) or enrol this device first');
          if (endpoint.access !== 'authenticated' && !can(actor, endpoint.access)) {
            throw new HubError(403, 'forbidden', `${actor.kind} role ${'role' in actor ? actor.role : ''} may not ${endpoint.access}`);
          }
        }
        const params = endpoint.params ? parseOr400(endpoint.params, request.params, 'path') : request.params;
        const query = endpoint.query ? parseOr400(endpoint.query, request.query ?? {}, 'query') : request.query;
        let rawBody: unknown = request.body ?? {};
        // The idempotency key may come as a header, as HTTP clients (and our own) commonly send it.
        const headerKey = request.headers['idempotency-key'];
        if (takesKey && typeof headerKey === 'string' && rawBody && typeof rawBody === 'object' && !('idempotencyKey' in rawBody)) {
          rawBody = { ...rawBody, idempotencyKey: headerKey };
        }
        const body = endpoint.body ? parseOr400(endpoint.body, rawBody) : rawBody;
        const result = await spec.handler({ params, body, query, actor, request, reply });
        if (reply.sent || result === reply) return reply;
        if (!serialize) return result;
        try {
          return serialize(result);
        } catch (err) {
          request.log.error({ route: `${endpoint.method} ${endpoint.path}`, err }, 'answer does not match its schema');
          throw new HubError(500, 'internal', 'the hub could not form its answer');
        }
      },
    });
  }

  const openapi = openApiDocument(routes, { title: 'Service Drive Hub', version: '1.0.0' });
  app.get('/api/openapi.json', async () => openapi);
  app.get('/api/docs', async (_request, reply) => reply.type('text/html').send(docsPage(openapi)));

  const webRoot = options.webRoot;
  if (webRoot && existsSync(webRoot)) {
    // Asset names carry a content hash: a new build has new names, so they never go stale.
    await app.register(fastifyStatic, { root: join(webRoot, 'assets'), prefix: '/assets/', maxAge: '365d', immutable: true });
  }
  for (const [path, file] of Object.entries(PAGES)) {
    app.get(path, async (_request, reply) => {
      if (!webRoot || !existsSync(join(webRoot, file))) {
        return reply.status(503).type('text/plain').send('The web pages are not built yet: run `npm run build:web`.');
      }
      return reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', PAGE_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .sendFile(file, webRoot, { cacheControl: false }); // keep no-cache: after an upgrade the page names the new assets
    });
  }
  app.get('/', async (_request, reply) => reply.type('text/html').send(indexPage(config)));

  const evaluateAlerts = (): void => {
    try {
      broadcast(store.evaluateAlerts().events);
    } catch (err) {
      app.log.error({ err }, 'alert evaluation failed');
    }
  };
  const closeEarlierDays = (): void => {
    try {
      broadcast(store.closeEarlierDays().events);
    } catch (err) {
      app.log.error({ err }, 'day close failed');
    }
  };
  const markNoShows = (): void => {
    try {
      broadcast(store.appointments.markNoShows().events);
    } catch (err) {
      app.log.error({ err }, 'marking appointment no-shows failed');
    }
  };
  const applyRetention = (): void => {
    try {
      store.applyRetention();
    } catch (err) {
      app.log.error({ err }, 'retention failed');
    }
  };
  const runAutoCalls = (): void => {
    try {
      for (const outcome of store.tickets.runDueAutoCalls()) broadcast(outcome.events);
    } catch (err) {
      app.log.error({ err }, 'automatic call failed');
    }
  };
  const timers = [
    [dispatchMessages, options.notifyIntervalMs ?? 1000],
    [evaluateAlerts, options.alertIntervalMs ?? 2000],
    [runAutoCalls, options.autoCallIntervalMs ?? 500],
    // The business day turns at opening time; checking twice a minute is cheap (one indexed query).
    [closeEarlierDays, options.alertIntervalMs === 0 ? 0 : 30_000],
    // Appointments past their late window become no-shows; minutes matter, not seconds.
    [markNoShows, options.alertIntervalMs === 0 ? 0 : 30_000],
    // Retention works in days; hourly is often enough and costs one indexed query when idle.
    [applyRetention, options.alertIntervalMs === 0 ? 0 : 3_600_000],
  ] as const;
  const running = timers.filter(([, ms]) => ms > 0).map(([fn, ms]) => setInterval(fn, ms));
  for (const t of running) t.unref();
  // Shipping to the group runs beside the store's work and never holds it (hub/src/shipping/).
  shipper?.start();

  return {
    app,
    io,
    store,
    routes,
    broadcast,
    evaluateAlerts,
    dispatchMessages: () => dispatcher.run(),
    async close() {
      for (const t of running) clearInterval(t);
      await shipper?.stop();
      realtime.close();
      io.close();
      await app.close();
    },
  };
}

function indexPage(config: StoreConfig): string {
  const links = [...Object.keys(PAGES).filter((p) => !p.includes(':')), '/printer', '/api/docs'].map((p) => `<li><a href="${p}">${p}</a></li>`).join('');
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(config.name['zh-CN'])}</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>${escapeHtml(config.name['zh-CN'])}</h1><ul>${links}</ul></body>`;
}
