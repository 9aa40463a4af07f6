/**
 * Issue #12 item 4: nobody can stall the hub. A socket flooding un-awaited `sync` messages
 * gets only its rate's worth answered and is then disconnected; one address cannot open
 * sockets without bound. Real hub process, real socket.io clients from loopback source
 * addresses playing LAN hosts. (The /api/queue latency under a flood is measured by
 * `npm run bench -- access-flood`.)
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/src/protocol.ts';
import { HubProcess } from './helpers/hub-process.ts';
import { lanHost } from './helpers/from-address.ts';
import { until } from './helpers/until.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
let hub: HubProcess;
const sockets: Client[] = [];

beforeAll(async () => {
  hub = new HubProcess();
  await hub.start();
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await hub?.stop();
});

function open(from: string): Promise<Client | null> {
  const socket: Client = io(hub.url, { transports: ['websocket'], localAddress: from, reconnection: false, timeout: 5000 } as never);
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', () => resolve(null));
  });
}

describe('a flooding socket', () => {
  it('gets only its rate answered, is disconnected, and the hub keeps answering others', async () => {
    const flooder = (await open(lanHost(30)))!;
    expect(flooder).not.toBeNull();
    let acks = 0;
    let disconnected = false;
    flooder.on('disconnect', () => (disconnected = true));
    for (let i = 0; i < 5000; i++) flooder.emit('sync', { lastSeq: 0 }, () => acks++);
    await until(() => disconnected, 'the flooding socket to be disconnected', 10_000);
    expect(acks).toBeLessThan(500);
    const health = await hub.get('/api/health');
    expect(health.status).toBe(200);
    const polite = (await open(lanHost(31)))!;
    const answer = await new Promise<{ ok: boolean }>((resolve) => polite.emit('sync', { lastSeq: 0 }, (r) => resolve(r)));
    expect(answer.ok).toBe(true);
  });
});

describe('sockets per address', () => {
  it('are capped', async () => {
    const opened: (Client | null)[] = [];
    for (let i = 0; i < 40; i++) opened.push(await open(lanHost(40)));
    const connected = opened.filter((s) => s !== null).length;
    expect(connected).toBeGreaterThanOrEqual(10);
    expect(connected).toBeLessThanOrEqual(20);
    expect(await open(lanHost(41))).not.toBeNull(); // another address is not affected
  });

  it('audits the flood and the refused sockets', async () => {
    const audit = (await hub.get('/api/audit?limit=1000', await hub.login())).body as { action: string; detail: string }[];
    expect(audit.find((a) => a.action === 'socket.flood')?.detail).toContain(lanHost(30));
    expect(audit.find((a) => a.action === 'socket.too-many')?.detail).toContain(lanHost(40));
  });
});
