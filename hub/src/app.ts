/**
 * `createHub` builds the hub (HTTP API, socket.io push, web pages) without listening, so tests
 * start it on port 0 with real clients and an injected clock (STYLE.md practice 5).
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Server as SocketServer } from 'socket.io';
import {
  CallNextRequest,
  CounterPath,
  IssueTicketRequest,
  SyncRequest,
  type ClientToServerEvents,
  type HubEvent,
  type ServerToClientEvents,
} from '../../shared/src/protocol.ts';
import { PublicStore, type StoreConfig } from '../../shared/src/services.ts';
import type { Db } from './db/database.ts';
import { installErrorHandler, parseOr400 } from './http-errors.ts';
import { QueueStore, systemClock, type Clock } from './queue-store.ts';

export interface HubOptions {
  db: Db;
  config: StoreConfig;
  clock?: Clock;
  /** Folder of the built web pages (`vite build` output); pages answer 503 when missing. */
  webRoot?: string;
  /** Log warnings and errors (pino, one JSON object a line). */
  logger?: boolean;
}

export interface Hub {
  app: FastifyInstance;
  io: SocketServer<ClientToServerEvents, ServerToClientEvents>;
  store: QueueStore;
  /** Pushes committed events to every connected client. */
  broadcast(events: readonly HubEvent[]): void;
  close(): Promise<void>;
}

/** Page routes and the built HTML file each one serves. */
export const PAGES: Record<string, string> = {
  '/kiosk': 'kiosk/renderer/kiosk.html',
  '/desk': 'kiosk/renderer/desk.html',
  '/display': 'display/index.html',
};

export async function createHub(options: HubOptions): Promise<Hub> {
  const { db, config } = options;
  const store = new QueueStore(db, config, options.clock ?? systemClock);
  const app = Fastify({ logger: options.logger ? { level: 'warn' } : false });
  installErrorHandler(app);

  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(app.server, { serveClient: false });
  const broadcast = (events: readonly HubEvent[]): void => {
    for (const event of events) io.emit('event', event);
  };

  io.on('connection', (socket) => {
    socket.on('sync', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = SyncRequest.safeParse(request ?? {});
      if (!parsed.success) return ack({ ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') });
      try {
        ack({ ok: true, snapshot: store.snapshot() });
      } catch (err) {
        app.log.error({ err }, 'sync failed');
        ack({ ok: false, error: 'internal error' });
      }
    });
  });

  app.get('/api/health', async () => ({ ok: true, seq: store.lastSeq() }));

  app.get('/api/store', async () => PublicStore.parse(config));

  app.post('/api/tickets', async (request, reply) => {
    const body = parseOr400(IssueTicketRequest, request.body ?? {});
    const outcome = store.issueTicket(body);
    broadcast(outcome.events);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(outcome.result);
  });

  app.get('/api/queue', async () => store.snapshot());

  app.post('/api/counters/:counterId/call-next', async (request, reply) => {
    const { counterId } = parseOr400(CounterPath, request.params, 'path');
    const body = parseOr400(CallNextRequest, request.body ?? {});
    const outcome = store.callNext(counterId, body.idempotencyKey);
    broadcast(outcome.events);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    if (!outcome.result) return reply.status(204).send();
    return reply.status(200).send(outcome.result);
  });

  const webRoot = options.webRoot;
  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: join(webRoot, 'assets'), prefix: '/assets/', maxAge: '1h' });
  }
  for (const [route, file] of Object.entries(PAGES)) {
    app.get(route, async (_request, reply) => {
      if (!webRoot || !existsSync(join(webRoot, file))) {
        return reply.status(503).type('text/plain').send('The web pages are not built yet: run `npm run build:web`.');
      }
      return reply.header('cache-control', 'no-cache').sendFile(file, webRoot);
    });
  }
  app.get('/', async (_request, reply) => reply.type('text/html').send(indexPage(config)));

  return {
    app,
    io,
    store,
    broadcast,
    async close() {
      io.close();
      await app.close();
    },
  };
}

function indexPage(config: StoreConfig): string {
  const links = Object.keys(PAGES)
    .map((p) => `<li><a href="${p}">${p}</a></li>`)
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(config.name['zh-CN'])}</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>${escapeHtml(config.name['zh-CN'])}</h1><ul>${links}<li><a href="/printer">/printer</a> (virtual printer)</li><li><a href="/api/queue">/api/queue</a></li></ul></body>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
