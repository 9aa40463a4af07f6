/**
 * The hub's public contract, against the real hub process (`hub/src/main.ts`) with its real
 * SQLite file, real HTTP, and real socket.io clients.
 */
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveQueue } from '../shared/src/client/live-queue.ts';
import type { ClientToServerEvents, HubEvent, ServerToClientEvents, StaffEvent, SyncResult } from '../shared/src/protocol.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';
import { until } from './helpers/until.ts';

let hub: HubProcess;
let admin: string;
let kiosk: string;
let advisor: string;
let desk: string;
let n = 0;
const key = (): string => `api-test-${process.pid}-${++n}`;

beforeAll(async () => {
  ({ hub, admin, kiosk } = await startedHub());
  advisor = await hub.staff(admin, 'advisor', '2468');
  // A desk device calls at any counter; an advisor holds one ticket at one counter at a time.
  desk = await hub.enrol(admin, 'desk');
});

afterAll(async () => {
  await hub?.stop();
});

const issue = (body: Record<string, unknown>, token = kiosk) => hub.post('/api/tickets', { idempotencyKey: key(), ...body }, token);
const drain = async (counter: string): Promise<void> => {
  while ((await hub.post(`/api/counters/${counter}/call-next`, { idempotencyKey: key(), heldOutcome: 'served' }, desk)).status === 200);
};

describe('POST /api/tickets', () => {
  it('issues a numbered ticket with people ahead and an estimated wait', async () => {
    const first = await issue({ service: 'warranty' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      number: 'D001',
      service: 'warranty',
      status: 'waiting',
      ahead: expect.any(Number),
      estimatedWaitMinutes: expect.any(Number),
    });
    expect(Date.parse(first.body.issuedAt)).not.toBeNaN();
    const second = await issue({ service: 'warranty' });
    expect(second.body.number).toBe('D002');
    expect(second.body.ahead).toBe(first.body.ahead + 1);
  });

  it('returns the same ticket for the same idempotency key, never a second one', async () => {
    const body = { service: 'accident', plate: '粤B12345', idempotencyKey: key() };
    const first = await hub.post('/api/tickets', body, kiosk);
    const again = await hub.post('/api/tickets', body, kiosk);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await hub.get('/api/queue')).body.waiting.accident).toEqual([first.body.number]);
  });

  it('takes the idempotency key from the Idempotency-Key header too', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${kiosk}`, 'idempotency-key': key() };
    const send = () => fetch(`${hub.url}/api/tickets`, { method: 'POST', headers, body: JSON.stringify({ service: 'enquiry' }) }).then((r) => r.json());
    const [a, b] = [await send(), await send()];
    expect(a).toEqual(b);
  });

  it.each([
    [{ service: 'maintenance' }, 'idempotencyKey'],
    [{ idempotencyKey: 'abcdefgh' }, 'service'],
    [{ service: 'maintenance', plate: 'ABC', idempotencyKey: 'abcdefgh' }, 'plate'],
    [{ service: 'maintenance', phone: '555', idempotencyKey: 'abcdefgh' }, 'phone'],
    [{ service: 'teleport', idempotencyKey: 'abcdefgh' }, 'service'],
  ])('answers 400 naming the bad field for %o and stores nothing', async (body, field) => {
    const before = await hub.get('/api/queue');
    const response = await hub.post('/api/tickets', body, kiosk);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(`${field}:`);
    expect((await hub.get('/api/queue')).body).toEqual(before.body);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${hub.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk}` },
      body: '{"service":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('bad_request');
  });
});

describe('counters and the ticket lifecycle', () => {
  it('calls the next ticket, then answers 204 when the queue is empty', async () => {
    await drain('3');
    const issued = await issue({ service: 'pickup' });
    const called = await hub.post('/api/counters/3/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ number: issued.body.number, status: 'called', counterId: '3' });
    expect((await hub.post('/api/counters/3/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk)).status).toBe(204);
    expect((await hub.get('/api/queue')).body.recentCalls[0]).toMatchObject({ number: issued.body.number, counterId: '3' });
  });

  it('answers 404 for an unknown counter and 400 for a malformed one', async () => {
    expect((await hub.post('/api/counters/9/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk)).status).toBe(404);
    const bad = await hub.post('/api/counters/a%20b/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('counterId:');
  });

  it('starts and finishes a ticket, and refuses an illegal transition with 409', async () => {
    await drain('2');
    const issued = await issue({ service: 'repair' });
    await hub.post('/api/counters/2/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    const id = issued.body.id as number;
    expect((await hub.post(`/api/tickets/${id}/start`, { idempotencyKey: key() }, advisor)).body.status).toBe('serving');
    const illegal = await hub.post(`/api/tickets/${id}/recall`, { idempotencyKey: key() }, advisor);
    expect(illegal.status).toBe(409);
    expect(illegal.body.message).toMatch(/cannot recall a ticket that is serving/);
    expect((await hub.post(`/api/tickets/${id}/finish`, { idempotencyKey: key() }, advisor)).body.status).toBe('done');
  });
});

describe('roles', () => {
  it('lets no unauthenticated client change anything, on any mutating route', async () => {
    const seq = (await hub.get('/api/health')).body.seq;
    const paths = Object.entries((await hub.get('/api/openapi.json')).body.paths as Record<string, Record<string, { security?: unknown }>>);
    const mutating = paths.flatMap(([path, ops]) => (ops.post?.security ? [path] : []));
    expect(mutating.length).toBeGreaterThan(15);
    for (const path of mutating) {
      const concrete = path.replace('{counterId}', '1').replace('{id}', '1').replace('{action}', 'finish');
      const answer = await hub.post(concrete, { idempotencyKey: key(), service: 'repair' });
      expect(answer.status, path).toBe(401);
    }
    const forged = await issue({ service: 'repair' }, 'not-a-real-token');
    expect(forged.status).toBe(401);
    expect((await hub.get('/api/health')).body.seq).toBe(seq);
  });

  it('refuses a display or kiosk token calling numbers, and workshop staff calling or issuing', async () => {
    const display = await hub.enrol(admin, 'display');
    const workshop = await hub.staff(admin, 'workshop', '97531');
    const seq = (await hub.get('/api/health')).body.seq;
    for (const token of [display, kiosk, workshop]) {
      expect((await hub.post('/api/counters/1/call-next', { idempotencyKey: key() }, token)).status).toBe(403);
    }
    expect((await issue({ service: 'repair' }, workshop)).status).toBe(403);
    expect((await issue({ service: 'repair' }, display)).status).toBe(403);
    expect((await hub.post('/api/staff', { name: 'x', role: 'admin', pin: '1111', idempotencyKey: key() }, advisor)).status).toBe(403);
    expect((await hub.get('/api/tickets', display)).status).toBe(403);
    expect((await hub.get('/api/health')).body.seq).toBe(seq);
  });

  it('stops a revoked device at once', async () => {
    const doomed = await hub.enrol(admin, 'kiosk', 'doomed kiosk');
    expect((await issue({ service: 'pickup' }, doomed)).status).toBe(201);
    const devices = (await hub.get('/api/devices', admin)).body as { id: number; name: string }[];
    const id = devices.find((d) => d.name === 'doomed kiosk')!.id;
    expect((await hub.post(`/api/devices/${id}/revoke`, { idempotencyKey: key() }, admin)).status).toBe(200);
    expect((await issue({ service: 'pickup' }, doomed)).status).toBe(401);
  });

  it('slows down PIN guessing', async () => {
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push((await hub.post('/api/login', { pin: `99${i}999` })).status);
    expect(guesses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(guesses[5]).toBe(429);
  });

  it('records who did what in the audit log', async () => {
    const issued = await issue({ service: 'bodypaint' });
    const audit = (await hub.get('/api/audit?limit=50', admin)).body as { actor: string; action: string }[];
    expect(audit.some((a) => a.action === 'ticket.issue' && a.actor.startsWith('device:'))).toBe(true);
    expect(issued.status).toBe(201);
    expect((await hub.get('/api/audit', advisor)).status).toBe(403);
  });
});

describe('socket.io push', () => {
  it('pushes every change with a strictly increasing seq; public clients never see plates or phones', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'], auth: { push: 'batched' } });
    const events: HubEvent[] = [];
    socket.on('events', (batch) => events.push(...batch));
    const sync = await new Promise<SyncResult>((resolve) => socket.emit('sync', {}, resolve));
    expect(sync.ok && sync.mode).toBe('snapshot');
    await drain('2');
    const startSeq = (await hub.get('/api/health')).body.seq as number;
    expect(sync.ok && sync.mode === 'snapshot' && sync.snapshot.seq).toBeLessThanOrEqual(startSeq);

    const issued = await issue({ service: 'enquiry', plate: '粤B54321', phone: '13912345678', notifyConsent: true });
    await hub.post('/api/counters/2/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    await until(() => events.some((e) => e.type === 'ticket.called' && e.ticket.number === issued.body.number), 'called event');

    const seqs = events.filter((e) => e.seq > startSeq).map((e) => e.seq);
    expect(seqs[0]).toBe(startSeq + 1);
    seqs.forEach((s, i) => i > 0 && expect(s).toBe(seqs[i - 1]! + 1));
    expect(JSON.stringify(events)).not.toMatch(/粤B54321|13912345678|trackingToken/);
    socket.close();
  });

  it('sends the events of one command in one frame, and each event alone to a page from before batching', async () => {
    const batched: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'], auth: { push: 'batched' } });
    const legacy: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'] });
    const frames: HubEvent[][] = [];
    const single: HubEvent[] = [];
    batched.on('events', (batch) => frames.push(batch));
    legacy.on('event', (e) => single.push(e));
    legacy.on('events', (batch) => frames.push(batch)); // must not happen: an old page only knows `event`
    await until(() => batched.connected && legacy.connected, 'connections');
    await drain('2');
    const first = await issue({ service: 'enquiry' });
    const second = await issue({ service: 'enquiry' });
    const issuedSecond = (e: HubEvent): boolean => e.type === 'ticket.issued' && e.ticket.number === second.body.number;
    await until(() => frames.flat().some(issuedSecond) && single.some(issuedSecond), 'second issue on both');
    frames.length = 0;
    single.length = 0;
    // Finishing the first and calling the second: two events of one command.
    await hub.post('/api/counters/2/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    await hub.post('/api/counters/2/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    await until(() => single.filter((e) => e.type === 'ticket.called').length === 2, 'both calls, one by one');
    await until(() => frames.flat().filter((e) => e.type === 'ticket.called').length === 2, 'both calls, batched');
    // The frame holding the second call also holds the finish of the first, just before it (a
    // busy hub may have put the first call-next's events in the same frame too).
    const frame = frames.find((f) => f.some((e) => e.type === 'ticket.called' && e.ticket.number === second.body.number))!;
    const at = frame.findIndex((e) => e.type === 'ticket.called' && e.ticket.number === second.body.number);
    const before = frame[at - 1];
    expect(before?.type === 'ticket.finished' && before.ticket.number).toBe(first.body.number);
    expect(frames.flat().map((e) => e.seq)).toEqual(single.map((e) => e.seq));
    batched.close();
    legacy.close();
  });

  it('sends a lean screen the waits once per frame, on its last ticket event, and the same queue', async () => {
    const batched: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'], auth: { push: 'batched' } });
    const lean: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'], auth: { push: 'lean' } });
    const full: HubEvent[][] = [];
    const trimmed: HubEvent[][] = [];
    batched.on('events', (batch) => full.push(batch));
    lean.on('events', (batch) => trimmed.push(batch));
    // A display's own client takes lean frames too, and keeps the waits right.
    const live = new LiveQueue(hub.url);
    const applied: HubEvent[] = [];
    live.onEvent((e) => applied.push(e));
    await until(() => batched.connected && lean.connected && live.current.snapshot, 'connections');
    await drain('2');
    await issue({ service: 'enquiry' });
    await issue({ service: 'enquiry' });
    full.length = 0;
    trimmed.length = 0;
    // The finish of the first and the call of the second leave in one frame (one command).
    await hub.post('/api/counters/2/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    await hub.post('/api/counters/2/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, desk);
    const finalSeq = (await hub.get('/api/health')).body.seq as number;
    const lastSeq = (frames: HubEvent[][]): number => frames.flat().at(-1)?.seq ?? 0;
    await until(() => lastSeq(full) === finalSeq && lastSeq(trimmed) === finalSeq, 'both calls on both');
    const frame = trimmed.find((f) => f.some((e) => e.type === 'ticket.finished'))!;
    const ticketEvents = frame.filter((e) => e.type.startsWith('ticket.'));
    expect(ticketEvents.map((e) => 'waits' in e)).toEqual([...ticketEvents.slice(1).map(() => false), true]);
    // Both screens end with the same events and the same waits.
    expect(trimmed.flat().map((e) => e.seq)).toEqual(full.flat().map((e) => e.seq));
    const lastWaits = (frames: HubEvent[][]): unknown => frames.flat().findLast((e) => 'waits' in e && e.waits !== undefined)!;
    expect((lastWaits(trimmed) as { waits: unknown }).waits).toEqual((lastWaits(full) as { waits: unknown }).waits);
    expect(full.flat().every((e) => !e.type.startsWith('ticket.') || 'waits' in e)).toBe(true);
    await until(() => live.current.snapshot?.seq === finalSeq, 'the display caught up');
    expect(live.current.snapshot!.waits).toEqual((lastWaits(full) as { waits: unknown }).waits);
    expect(applied.some((e) => e.type === 'ticket.finished' && !('waits' in e))).toBe(true);
    expect(live.current.snapshots).toBe(1);
    live.close();
    batched.close();
    lean.close();
  });

  it('treats an unknown push mode, names of object internals included, as a page from before batching', async () => {
    const odd = ['constructor', '__proto__', 'toString', 'fast'].map((push) => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'], auth: { push } });
      const got: HubEvent[] = [];
      const batches: HubEvent[][] = [];
      socket.on('event', (e) => got.push(e));
      socket.on('events', (batch) => batches.push(batch));
      return { socket, got, batches };
    });
    await until(() => odd.every((o) => o.socket.connected), 'connections');
    const issued = await issue({ service: 'enquiry' });
    for (const { got, batches } of odd) {
      await until(() => got.some((e) => e.type === 'ticket.issued' && e.ticket.number === issued.body.number), 'the issue, alone');
      expect(batches).toEqual([]);
    }
    for (const { socket } of odd) socket.close();
  });

  it('gives staff clients full records in the staff room only', async () => {
    const staffSocket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'], auth: { token: advisor } });
    const anonymous: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'] });
    const staffEvents: StaffEvent[] = [];
    const leaked: StaffEvent[] = [];
    staffSocket.on('staff-event', (e) => staffEvents.push(e));
    anonymous.on('staff-event', (e) => leaked.push(e));
    await until(() => staffSocket.connected && anonymous.connected, 'connections');
    const denied = await new Promise<{ ok: boolean }>((resolve) => anonymous.emit('staff-sync', {}, resolve));
    expect(denied.ok).toBe(false);
    await issue({ service: 'enquiry', plate: '粤B77777' });
    await until(() => staffEvents.some((e) => 'ticket' in e && e.ticket.plate === '粤B77777'), 'staff event');
    expect(leaked).toEqual([]);
    staffSocket.close();
    anonymous.close();
  });

  it('answers a malformed sync with an error, not a crash', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'] });
    const answer = await new Promise<SyncResult>((resolve) => socket.emit('sync', { lastSeq: -5 } as never, resolve));
    expect(answer.ok).toBe(false);
    socket.close();
  });
});

describe('documentation and backup', () => {
  it('serves the OpenAPI document generated from the schemas, and a readable page', async () => {
    const doc = (await hub.get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const issueOp = doc.paths['/api/tickets'].post;
    const schema = issueOp.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['idempotencyKey']);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['service', 'plate', 'phone', 'appointmentCode']));
    expect(schema.properties.plate.maxLength).toBe(16);
    expect(doc.paths['/api/counters/{counterId}/call-next'].post.security).toEqual([{ bearer: [] }]);
    const page = await hub.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/api/jobs/{id}/stage');
  });

  it('makes an online backup that holds the same tickets', async () => {
    await issue({ service: 'repair' });
    const backup = await hub.post('/api/admin/backup', {}, admin);
    expect(backup.status).toBe(200);
    const files = readdirSync(join(hub.dataDir, 'backups'));
    expect(files.length).toBeGreaterThan(0);
    const copy = new Database(backup.body.file, { readonly: true });
    const live = (await hub.get('/api/tickets', admin)).body as unknown[];
    expect(copy.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(live.length);
    copy.close();
    expect((await hub.post('/api/admin/backup', {}, advisor)).status).toBe(403);
  });
});

describe('hub restart', () => {
  it('keeps tickets, continues numbering and seq, and live clients catch up on what they missed', async () => {
    const live = new LiveQueue(hub.url);
    await until(() => live.current.connected && live.current.snapshot, 'first snapshot');
    const before = await issue({ service: 'bodypaint' });
    await until(() => live.current.snapshot?.waiting.bodypaint?.includes(before.body.number), 'pushed ticket');
    const seqBefore = live.current.snapshot!.seq;

    await hub.kill(); // SIGKILL: no graceful shutdown
    await until(() => !live.current.connected, 'disconnect noticed');
    await hub.start();

    const after = await issue({ service: 'bodypaint' });
    expect(Number(after.body.number.slice(1))).toBe(Number(before.body.number.slice(1)) + 1);
    const snapshot = await until(
      () => live.current.connected && live.current.snapshot?.waiting.bodypaint?.includes(after.body.number) && live.current.snapshot,
      'resync after restart',
      20_000,
    );
    expect(snapshot.seq).toBeGreaterThan(seqBefore);
    expect(snapshot.waiting.bodypaint).toEqual(expect.arrayContaining([before.body.number, after.body.number]));
    // It caught up through missed events, not by a second snapshot.
    expect(live.current.snapshots).toBe(1);
    live.close();
  });
});
