/**
 * The abusive client of the access-flood bench, in its own process so its own work does not
 * slow the measuring client: `tsx bench/flood-client.ts <hub url> sync|pins`.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/src/protocol.ts';
import { lanHost, postFrom } from '../test/helpers/from-address.ts';

const [url, mode] = process.argv.slice(2) as [string, 'sync' | 'pins'];

if (mode === 'sync') {
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  for (let i = 0; i < 20; i++) {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      localAddress: lanHost(i),
      reconnection: false,
    } as never);
    sockets.push(socket);
    await new Promise<void>((r) => socket.once('connect', () => r()));
  }
  let acks = 0;
  const closed = sockets.map((s) => new Promise<void>((r) => s.once('disconnect', () => r())));
  for (const socket of sockets) for (let m = 0; m < 2000; m++) socket.emit('sync', { lastSeq: 0 }, () => acks++);
  await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 15_000))]);
  console.log(JSON.stringify({ acks }));
  for (const s of sockets) s.close();
} else {
  let refused = 0;
  for (let round = 0; round < 5; round++) {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, a) => postFrom(lanHost(100 + a), `${url}/api/login`, { pin: String(100000 + round * 100 + a) })),
    );
    refused += answers.filter((x) => x.status === 429).length;
  }
  console.log(JSON.stringify({ refused }));
}
process.exit(0);
