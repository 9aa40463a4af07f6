/**
 * socket.io: every client joins the public room and gets public projections; staff and desk
 * devices also join the staff room for full records. Clients only read here — every change
 * goes through the HTTP API, where it is validated and its role checked.
 */
import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';
import { SyncRequest, type ClientToServerEvents, type ServerToClientEvents, type StaffEvent } from '../../shared/src/protocol.ts';
import { can, type Actor } from './auth.ts';
import { toPublicEvent } from './store/projection.ts';
import type { HubStore } from './store/hub-store.ts';

interface SocketData {
  actor: Actor;
}

export type HubSocketServer = SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function attachRealtime(server: HttpServer, store: HubStore, log: (msg: string, err: unknown) => void): {
  io: HubSocketServer;
  broadcast: (events: readonly StaffEvent[]) => void;
} {
  const io: HubSocketServer = new SocketServer(server, { serveClient: false });

  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    socket.data.actor = store.auth.resolve(token);
    next();
  });

  io.on('connection', (socket) => {
    void socket.join('public');
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
      if (!can(socket.data.actor, 'ticket.read')) return ack({ ok: false, error: 'log in as staff first' });
      try {
        ack({ ok: true, snapshot: store.staffSnapshot() });
      } catch (err) {
        log('staff-sync failed', err);
        ack({ ok: false, error: 'internal error' });
      }
    });
  });

  const broadcast = (events: readonly StaffEvent[]): void => {
    for (const event of events) {
      io.to('public').emit('event', toPublicEvent(event));
      io.to('staff').emit('staff-event', event);
    }
  };
  return { io, broadcast };
}
