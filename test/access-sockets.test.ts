/**
 * Issue #12 item 1: an open socket loses staff data within 5 s of its token ending (logout,
 * device revocation, staff deactivation), and `staff-sync` refuses from then on. Real hub
 * process, real socket.io clients.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents, StaffEvent } from '../shared/src/protocol.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';
import { until } from './helpers/until.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let hub: HubProcess;
let admin: string;
let kiosk: string;
const sockets: Client[] = [];
let n = 0;
const key = (): string => `sockets-${process.pid}-${++n}`;

beforeAll(async () => {
  ({ hub, admin, kiosk } = await startedHub());
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await hub?.stop();
});

/** A connected socket with this token, recording staff events and the end of its session. */
async function connect(token: string): Promise<{ socket: Client; staffEvents: StaffEvent[]; ended: string[] }> {
  const socket: Client = io(hub.url, { transports: ['websocket'], auth: { token }, reconnection: false });
  sockets.push(socket);
  const staffEvents: StaffEvent[] = [];
  const ended: string[] = [];
  socket.on('staff-event', (e) => staffEvents.push(e));
  socket.on('session-ended', (e) => ended.push(e.reason));
  socket.on('disconnect', (reason) => ended.push(`disconnect:${reason}`));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, staffEvents, ended };
}

const staffSync = (socket: Client): Promise<{ ok: boolean }> => new Promise((resolve) => socket.emit('staff-sync', {}, (result) => resolve(result)));

/** Issues a ticket with a phone number and waits until `client` saw it, or 1.5 s passed. */
async function issueAndWatch(client: { staffEvents: StaffEvent[] }): Promise<boolean> {
  const before = client.staffEvents.length;
  const issued = await hub.post('/api/tickets', { service: 'maintenance', phone: '13800138000', notifyConsent: true, idempotencyKey: key() }, kiosk);
  expect(issued.status).toBe(201);
  const deadline = Date.now() + 1500;
  while (Date.now() < deadline) {
    if (client.staffEvents.length > before) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

async function expectCutOff(client: { socket: Client; staffEvents: StaffEvent[]; ended: string[] }, endedAt: number): Promise<void> {
  await until(() => client.ended.length > 0, 'the socket to be told its session ended', 5000);
  expect(Date.now() - endedAt).toBeLessThan(5000);
  expect(client.ended.join(' ')).toMatch(/signed_out|revoked|deactivated|expired/);
  if (client.socket.connected) expect((await staffSync(client.socket)).ok).toBe(false);
  expect(await issueAndWatch(client)).toBe(false);
}

describe('a live socket loses access with its token', () => {
  it('after the staff member logs out', async () => {
    const token = await hub.staff(admin, 'advisor', '246801');
    const client = await connect(token);
    expect((await staffSync(client.socket)).ok).toBe(true);
    expect(await issueAndWatch(client)).toBe(true);
    const out = await hub.post('/api/logout', {}, token);
    expect(out.status).toBe(200);
    await expectCutOff(client, Date.now());
  });

  it('after the desk device is revoked', async () => {
    const desk = await hub.enrol(admin, 'desk', 'desk to revoke');
    const client = await connect(desk);
    expect((await staffSync(client.socket)).ok).toBe(true);
    const devices = (await hub.get('/api/devices', admin)).body as { id: number; name: string }[];
    const id = devices.find((d) => d.name === 'desk to revoke')!.id;
    const revoked = await hub.post(`/api/devices/${id}/revoke`, { idempotencyKey: key() }, admin);
    expect(revoked.status).toBe(200);
    await expectCutOff(client, Date.now());
  });

  it('after the staff member is deactivated', async () => {
    const token = await hub.staff(admin, 'advisor', '975310');
    const me = (await hub.get('/api/me', token)).body as { id: number };
    const client = await connect(token);
    expect((await staffSync(client.socket)).ok).toBe(true);
    const off = await hub.post(`/api/staff/${me.id}/deactivate`, { idempotencyKey: key() }, admin);
    expect(off.status).toBe(200);
    await expectCutOff(client, Date.now());
  });
});

describe('POST /api/logout with a device token', () => {
  it('does not claim to end a token it cannot end', async () => {
    const desk = await hub.enrol(admin, 'desk');
    const out = await hub.post('/api/logout', {}, desk);
    expect(out.status).toBe(400);
    expect(out.body.error).toBe('not_a_session');
    expect((await hub.get('/api/me', desk)).status).toBe(200);
  });
});
