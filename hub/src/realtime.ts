/**
 * socket.io: every client joins the public room and gets public projections; staff and desk
 * devices also join the staff room for full records. Clients only read here — every change
 * goes through the HTTP API, where it is validated and its role checked.
 */
import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import { SyncRequest, type ClientToServerEvents, type ServerToClientEvents, type StaffEvent } from '../../shared/src/protocol.ts';
import { can, type Actor } from './auth.ts';
import { hostAllowed, originAllowed } from './allowed-hosts.ts';
import { isHubMachine } from './net-address.ts';
import { pushWindow, windowForAudience } from './push-window.ts';
import { RateLimiter } from './rate-limiter.ts';
import { leanFrame, toPublicEvent } from './store/projection.ts';
import type { HubStore } from './store/hub-store.ts';

interface SocketData {
  actor: Actor;
  /** The handshake token, re-checked while the socket lives (logout, revocation, expiry). */
  token?: string;
  /** Set once the token ended: the socket stays for public data only. */
  signedOut?: boolean;
}

/**
 * Public rooms by the socket's `auth.push`: `lean` (the pages of this version) gets one frame per
 * window with the waits once; `batched`, pages loaded before lean frames, every event whole; a
 * page from before batching, one message per event. Pages stay open across a hub upgrade.
 */
const publicRooms = new Map<unknown, string>([
  ['lean', 'public-lean'],
  ['batched', 'public'],
]);

/** How often open sockets re-check their token, so an expired one loses access within 5 s. */
const RECHECK_MS = 2000;

/**
 * What one client may ask of the hub. A display or console sends a handful of messages a
 * minute; these limits leave room for reconnect bursts and stop floods.
 */
export const SOCKET_LIMITS = {
  /** Messages per socket: a burst of 20, then 10 a second. Excess messages are dropped… */
  burst: 20,
  refillMs: 100,
  /** …and a socket that keeps flooding (this many dropped, none 10 s apart) is disconnected. */
  maxDropped: 100,
  /** Answers still waiting to be written to a socket that does not read them. */
  maxPendingWrites: 200,
  /** Open sockets per client address (the hub machine itself is not limited). */
  maxPerAddress: 20,
} as const;

export type HubSocketServer = SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function attachRealtime(
  server: HttpServer,
  store: HubStore,
  log: (msg: string, err: unknown) => void,
  allowedHosts: ReadonlySet<string>,
  options: { pushWindowMs?: number } = {},
): {
  io: HubSocketServer;
  broadcast: (events: readonly StaffEvent[]) => void;
  /** Re-checks every open socket's token now; one that ended loses staff data at once. */
  recheckTokens: () => void;
  close: () => void;
} {
  const perAddress = new Map<string, number>();
  const io: HubSocketServer = new SocketServer(server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => {
      const address = req.socket.remoteAddress ?? '';
      // Only pages of this hub (or non-browser clients, which send no Origin) open sockets.
      if (!hostAllowed(req.headers.host, allowedHosts) || !originAllowed(req.headers.origin, allowedHosts)) {
        store.auth.auditRefusalOnce('socket.refused', { address, host: req.headers.host ?? null, origin: req.headers.origin ?? null });
        return callback('unknown host or origin', false);
      }
      if (!isHubMachine(address) && (perAddress.get(address) ?? 0) >= SOCKET_LIMITS.maxPerAddress) {
        store.auth.auditRefusalOnce('socket.too-many', { address });
        return callback('too many connections from this address', false);
      }
      callback(null, true);
    },
  });
  const messages = new RateLimiter(SOCKET_LIMITS.burst, SOCKET_LIMITS.refillMs, 100_000);

  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    socket.data.actor = store.auth.resolve(token);
    if (token && socket.data.actor.kind !== 'anonymous') socket.data.token = token;
    next();
  });

  io.on('connection', (socket) => {
    const address = socket.conn.remoteAddress;
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    let dropped = 0;
    let lastDrop = 0;
    socket.on('disconnect', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
      messages.forget(socket.id);
    });
    // Each incoming message spends from the socket's budget; a flood is dropped, then cut off.
    socket.use((_packet, next) => {
      const pending = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
      const now = Date.now();
      if (messages.take(socket.id, now).ok && pending < SOCKET_LIMITS.maxPendingWrites) return next();
      if (now - lastDrop > 10_000) dropped = 0; // an occasional burst is forgiven
      lastDrop = now;
      if (++dropped > SOCKET_LIMITS.maxDropped) {
        store.auth.auditRefusalOnce('socket.flood', { address });
        socket.disconnect(true);
      }
    });
    // A phone tracking page follows its own ticket or vehicle only (issue #15): it gets a bare
    // "changed" ping for it, and for queue moves, and never the public projections of others.
    const track = socket.handshake.auth?.track;
    if (typeof track === 'string' && /^[0-9a-f]{32}$/.test(track)) {
      void socket.join(['track', `track:${track}`]);
    } else {
      void socket.join(publicRooms.get(socket.handshake.auth?.push) ?? 'public-single');
    }
    if (socket.data.actor.kind === 'device') void socket.join(`device:${socket.data.actor.id}`);
    if (can(socket.data.actor, 'ticket.read')) void socket.join('staff');

    socket.on('sync', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = SyncRequest.safeParse(request ?? {});
      if (!parsed.success) return ack({ ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') });
      try {
        ack({ ok: true, ...store.sync(parsed.data.lastSeq, parsed.data.hubId) });
      } catch (err) {
        log('sync failed', err);
        ack({ ok: false, error: 'internal error' });
      }
    });

    socket.on('staff-sync', (_request, ack) => {
      if (typeof ack !== 'function') return;
      if (socket.data.token) recheck(socket);
      if (!can(socket.data.actor, 'ticket.read')) return ack({ ok: false, error: socket.data.signedOut ? 'signed_out' : 'log in as staff first' });
      try {
        ack({ ok: true, snapshot: store.staffSnapshot() });
      } catch (err) {
        log('staff-sync failed', err);
        ack({ ok: false, error: 'internal error' });
      }
    });
  });

  /** Drops a socket whose token no longer holds from the staff and device rooms, and tells it why. */
  function recheck(socket: HubSocket): void {
    const token = socket.data.token;
    if (!token) return;
    const now = store.auth.resolve(token, { touch: false });
    if (now.kind !== 'anonymous') return;
    socket.data.token = undefined;
    socket.data.signedOut = true;
    const before = socket.data.actor;
    socket.data.actor = now;
    void socket.leave('staff');
    if (before.kind === 'device') void socket.leave(`device:${before.id}`);
    socket.emit('session-ended', { reason: store.auth.whyEnded(token) });
  }

  const recheckTokens = (): void => {
    try {
      for (const socket of io.of('/').sockets.values()) recheck(socket);
    } catch (err) {
      log('token re-check failed', err);
    }
  };
  const timer = setInterval(recheckTokens, RECHECK_MS);
  timer.unref();

  // Screens and phone pages get changes per push window: one frame per window, however many
  // changes a burst brings. Staff consoles (a handful) get each full record at once.
  // The push window follows the audience (push-window.ts): a change reaches a store's few
  // screens within a few ms, and under a burst 500 screens get at most 50 frames a second each.
  const publicPush = pushWindow<StaffEvent>(options.pushWindowMs ?? (() => windowForAudience(io.engine.clientsCount)), (events) => {
    const projected = events.map(toPublicEvent);
    const has = (room: string): boolean => (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
    if (has('public-lean')) io.to('public-lean').emit('events', leanFrame(projected));
    if (has('public')) io.to('public').emit('events', projected);
    if (has('public-single')) for (const event of projected) io.to('public-single').emit('event', event);
    const rooms = new Set(events.flatMap(trackRooms));
    for (const room of rooms) io.to(room).emit('track-changed');
  });
  const broadcast = (events: readonly StaffEvent[]): void => {
    for (const event of events) {
      publicPush.add(event);
      io.to('staff').emit('staff-event', event);
    }
  };
  /** Which phone pages an event concerns: a job's own (and its ticket's), or every waiting one for queue moves. */
  const trackRooms = (event: StaffEvent): string[] => {
    if (event.type === 'job.created' || event.type === 'job.updated') {
      const rooms = [`track:${event.job.trackingToken}`];
      if (event.job.ticketId !== null) {
        // One indexed read: the ticket's QR leads to the same vehicle.
        const token = store.ctx.db.prepare('SELECT tracking_token FROM tickets WHERE id = ?').pluck().get(event.job.ticketId) as string | undefined;
        if (token) rooms.push(`track:${token}`);
      }
      return rooms;
    }
    return event.type.startsWith('ticket.') || event.type === 'counter.state' ? ['track'] : [];
  };
  return {
    io,
    broadcast,
    recheckTokens,
    close: () => {
      clearInterval(timer);
      publicPush.flush();
    },
  };
}
