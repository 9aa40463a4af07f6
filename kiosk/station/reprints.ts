/** Keeps a station connected to the hub's push channel to receive reprint requests from the desk. */
import { io, type Socket } from 'socket.io-client';
import { Ticket, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/src/protocol.ts';
import type { Station } from './station.ts';

export function listenForReprints(hubUrl: string, token: string, station: Station, log: (message: string) => void): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hubUrl, { transports: ['websocket'], auth: { token } });
  socket.on('reprint', (raw) => {
    const parsed = Ticket.safeParse(raw);
    if (!parsed.success) return log('ignored a malformed reprint request');
    void station.reprint(parsed.data).then((outcome) => {
      if (!outcome.ok) log(`reprint of ${parsed.data.number} failed: ${outcome.message}`);
    });
  });
  return () => socket.close();
}
