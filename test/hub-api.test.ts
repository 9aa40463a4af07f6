/**
 * The hub's public contract, against the real hub process (`hub/src/main.ts`) with its real
 * SQLite file, real HTTP and real socket.io clients.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveQueue } from '../display/src/live-queue.ts';
import type { ClientToServerEvents, HubEvent, ServerToClientEvents, SyncResult } from '../shared/src/protocol.ts';
import { HubProcess } from './helpers/hub-process.ts';

let hub: HubProcess;
let n = 0;
const key = (): string => `api-test-${process.pid}-${++n}`;

beforeAll(async () => {
  hub = new HubProcess();
  await hub.start();
});

afterAll(async () => {
  await hub?.stop();
});

async function until<T>(read: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('POST /api/tickets', () => {
  it('issues a numbered ticket with people ahead', async () => {
    const first = await hub.post('/api/tickets', { service: 'warranty', idempotencyKey: key() });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: 'D001', service: 'warranty', status: 'waiting', ahead: expect.any(Number) });
    expect(Date.parse(first.body.issuedAt)).not.toBeNaN();
    const second = await hub.post('/api/tickets', { service: 'warranty', idempotencyKey: key() });
    expect(second.body.number).toBe('D002');
    expect(second.body.ahead).toBe(first.body.ahead + 1);
  });

  it('returns the same ticket for the same idempotency key, never a second one', async () => {
    const body = { service: 'accident', plate: '粤B12345', idempotencyKey: key() };
    const first = await hub.post('/api/tickets', body);
    const again = await hub.post('/api/tickets', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const queue = await hub.get('/api/queue');
    expect(queue.body.waiting.accident).toEqual([first.body.number]);
  });

  it.each([
    [{ service: 'maintenance' }, 'idempotencyKey'],
    [{ idempotencyKey: 'abcdefgh' }, 'service'],
    [{ service: 'maintenance', plate: 'ABC', idempotencyKey: 'abcdefgh' }, 'plate'],
    [{ service: 'maintenance', phone: '555', idempotencyKey: 'abcdefgh' }, 'phone'],
    [{ service: 'teleport', idempotencyKey: 'abcdefgh' }, 'service'],
  ])('answers 400 naming the bad field for %o and stores nothing', async (body, field) => {
    const before = await hub.get('/api/queue');
    const response = await hub.post('/api/tickets', body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(`${field}:`);
    const after = await hub.get('/api/queue');
    expect(after.body).toEqual(before.body);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${hub.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"service":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('bad_request');
  });
});

describe('POST /api/counters/{counterId}/call-next', () => {
  it('calls the next ticket, then answers 204 when the queue is empty', async () => {
    // Drain whatever other tests left waiting.
    while ((await hub.post('/api/counters/3/call-next')).status === 200);
    const issued = await hub.post('/api/tickets', { service: 'pickup', idempotencyKey: key() });
    const called = await hub.post('/api/counters/3/call-next', {});
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ number: issued.body.number, status: 'called', counterId: '3' });
    const empty = await hub.post('/api/counters/3/call-next', {});
    expect(empty.status).toBe(204);
    const queue = await hub.get('/api/queue');
    expect(queue.body.recentCalls[0]).toMatchObject({ number: issued.body.number, counterId: '3' });
  });

  it('answers 404 for an unknown counter and 400 for a malformed one', async () => {
    expect((await hub.post('/api/counters/9/call-next')).status).toBe(404);
    const bad = await hub.post('/api/counters/a%20b/call-next');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('counterId:');
  });
});

describe('socket.io push', () => {
  it('pushes every change with a strictly increasing seq, after a snapshot', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'] });
    const events: HubEvent[] = [];
    socket.on('event', (e) => events.push(e));
    const sync = await new Promise<SyncResult>((resolve) => socket.emit('sync', {}, resolve));
    expect(sync.ok).toBe(true);
    const startSeq = sync.ok ? sync.snapshot.seq : -1;

    const issued = await hub.post('/api/tickets', { service: 'enquiry', idempotencyKey: key() });
    await hub.post('/api/counters/2/call-next');
    await until(() => events.some((e) => e.type === 'ticket.called' && e.ticket.number === issued.body.number), 'called event');

    const seqs = events.map((e) => e.seq);
    expect(seqs[0]).toBe(startSeq + 1);
    seqs.forEach((s, i) => i > 0 && expect(s).toBe(seqs[i - 1]! + 1));
    expect(events.find((e) => e.type === 'ticket.issued')?.ticket.number).toBe(issued.body.number);
    socket.close();
  });

  it('answers a malformed sync with an error, not a crash', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, { transports: ['websocket'] });
    const answer = await new Promise<SyncResult>((resolve) => socket.emit('sync', { lastSeq: -5 } as never, resolve));
    expect(answer.ok).toBe(false);
    socket.close();
  });
});

describe('hub restart', () => {
  it('keeps tickets, continues numbering and seq, and live clients resync by themselves', async () => {
    const live = new LiveQueue(hub.url);
    await until(() => live.current.connected && live.current.snapshot, 'first snapshot');
    const before = await hub.post('/api/tickets', { service: 'bodypaint', idempotencyKey: key() });
    await until(() => live.current.snapshot?.waiting.bodypaint?.includes(before.body.number), 'pushed ticket');
    const seqBefore = live.current.snapshot!.seq;

    await hub.kill(); // SIGKILL: no graceful shutdown
    await until(() => !live.current.connected, 'disconnect noticed');
    await hub.start();

    const after = await hub.post('/api/tickets', { service: 'bodypaint', idempotencyKey: key() });
    expect(Number(after.body.number.slice(1))).toBe(Number(before.body.number.slice(1)) + 1);
    const snapshot = await until(
      () => live.current.connected && live.current.snapshot?.waiting.bodypaint?.includes(after.body.number) && live.current.snapshot,
      'resync after restart',
      20_000,
    );
    expect(snapshot.seq).toBeGreaterThan(seqBefore);
    expect(snapshot.waiting.bodypaint).toEqual(expect.arrayContaining([before.body.number, after.body.number]));
    live.close();
  });
});
