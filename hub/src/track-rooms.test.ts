/**
 * A phone tracking page hears only about its own vehicle (issue #15): a socket opened with its
 * tracking token gets a bare `track-changed` for its job and for queue moves, never another
 * vehicle's change and never the public projections. Real hub on port 0, real socket.io clients.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/src/protocol.ts';
import { createHub, type Hub } from './app.ts';
import { advisor, testHub } from './store/test-support.ts';

let hub: Hub | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub?.close();
});

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('phone tracking pages', () => {
  it('get a ping for their own vehicle only, and no public events', async () => {
    const t = testHub();
    hub = await createHub({ db: t.db, config: t.store.ctx.config, clock: t.clock, alertIntervalMs: 0, autoCallIntervalMs: 0, notifyIntervalMs: 0 });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const address = hub.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const job = (plate: string) =>
      t.store.jobs.create(
        {
          plate,
          model: 'Camry',
          surname: '王',
          title: '先生',
          services: ['maintenance'],
          promisedAt: '2026-11-24T08:00:00Z',
          wash: false,
          idempotencyKey: t.key(),
        },
        advisor,
      ).result;
    const a = job('粤B10001');
    const b = job('粤B10002');
    const heard: Record<string, string[]> = { a: [], b: [] };
    const connect = async (name: 'a' | 'b', token: string): Promise<Client> => {
      const client: Client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { track: token }, reconnection: false });
      sockets.push(client);
      client.on('track-changed', () => heard[name]!.push('changed'));
      client.on('event', (e) => heard[name]!.push(`event:${e.type}`));
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      return client;
    };
    await connect('a', a.trackingToken);
    await connect('b', b.trackingToken);

    const move = (id: number) => hub!.broadcast(t.store.jobs.move(id, 'waiting', t.key(), advisor).events);
    move(a.id);
    await expect.poll(() => heard.a).toEqual(['changed']);
    // Events reach each socket in order: had b heard a's move, it would come before its own.
    move(b.id);
    await expect.poll(() => heard.b).toEqual(['changed']);
    expect(heard.a).toEqual(['changed']);
  });
});
