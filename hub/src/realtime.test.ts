/**
 * Issue #12 item 1, the expiry case: a socket whose staff session expires (12 h, on the hub's
 * injected clock) loses staff data within 5 s. The real hub on port 0, a real socket.io client.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/src/protocol.ts';
import { createHub, type Hub } from './app.ts';
import { testHub } from './store/test-support.ts';

let hub: Hub | undefined;
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
afterEach(async () => {
  socket?.close();
  await hub?.close();
});

describe('an open socket whose session expires', () => {
  it('is told "expired" within 5 s and staff-sync refuses', async () => {
    const t = testHub();
    hub = await createHub({ db: t.db, config: t.store.ctx.config, clock: t.clock, alertIntervalMs: 0, autoCallIntervalMs: 0 });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const address = hub.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    hub.store.auth.bootstrapAdmin('135790');
    const session = hub.store.auth.login('135790')!;
    const client: Socket<ServerToClientEvents, ClientToServerEvents> = io(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      auth: { token: session.token },
      reconnection: false,
    });
    socket = client;
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const sync = (): Promise<{ ok: boolean; error?: string }> =>
      new Promise((resolve) => client.emit('staff-sync', {}, (r) => resolve(r as { ok: boolean; error?: string })));
    expect((await sync()).ok).toBe(true);

    const ended = new Promise<{ reason: string; afterMs: number }>((resolve) => {
      const from = Date.now();
      client.once('session-ended', (info) => resolve({ reason: info.reason, afterMs: Date.now() - from }));
    });
    t.clock.advance(12 * 3_600_000 + 1);
    const { reason, afterMs } = await ended;
    expect(reason).toBe('expired');
    expect(afterMs).toBeLessThan(5000);
    expect(await sync()).toEqual({ ok: false, error: 'signed_out' });
  });
});
