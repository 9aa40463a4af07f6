/**
 * A live client (the lounge display's LiveQueue over real socket.io) keeps the same waiting
 * order as the hub's snapshot while events arrive, including an appointment check-in that the
 * hub puts ahead of earlier walk-ins (head starts), so screens never drift until the next
 * snapshot. Real hub process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveQueue } from '../shared/src/client/live-queue.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';

let hub: HubProcess;
let live: LiveQueue;
let admin: string;
let kiosk: string;
let keys = 0;
const key = (): string => `live-order-${process.pid}-${++keys}`;

beforeAll(async () => {
  ({ hub, admin, kiosk } = await startedHub());
  live = new LiveQueue(hub.url);
});

afterAll(async () => {
  live?.close();
  await hub?.stop();
});

describe('live waiting order', () => {
  it('matches the hub snapshot after walk-ins and an appointment check-in', async () => {
    await expect.poll(() => live.current.snapshot !== null).toBe(true);
    const walkIns: string[] = [];
    for (let i = 0; i < 3; i++) walkIns.push((await hub.post('/api/tickets', { service: 'maintenance', idempotencyKey: key() }, kiosk)).body.number);
    const appointment = (await hub.post('/api/appointments', { service: 'maintenance', scheduledAt: new Date().toISOString(), idempotencyKey: key() }, admin))
      .body as { code: string };
    const checkedIn = await hub.post('/api/tickets', { appointmentCode: appointment.code, idempotencyKey: key() }, kiosk);
    expect(checkedIn.status).toBe(201);

    const hubOrder = ((await hub.get('/api/queue')).body as { waiting: Record<string, string[]> }).waiting.maintenance;
    // The hub calls the appointment first: the test is only meaningful if the order differs from arrival.
    expect(hubOrder).toEqual([checkedIn.body.number, ...walkIns]);
    await expect.poll(() => live.current.snapshot?.waiting.maintenance).toEqual(hubOrder);
    expect(live.current.snapshots).toBe(1);
  });
});

describe('calls for announcing', () => {
  it('hands every call to event listeners, also two that arrive together in a catch-up after a reconnect', async () => {
    await expect.poll(() => live.current.snapshot !== null).toBe(true);
    const li = await hub.staff(admin, 'advisor', '246813');
    const wang = await hub.staff(admin, 'advisor', '135792');
    const heard: string[] = [];
    const stop = live.onEvent((event) => {
      if (event.type === 'ticket.called') heard.push(event.ticket.number);
    });
    const issued: string[] = [];
    for (let i = 0; i < 2; i++) issued.push((await hub.post('/api/tickets', { service: 'repair', idempotencyKey: key() }, kiosk)).body.number);
    await expect.poll(() => live.current.snapshot?.waiting.repair?.length).toBe(2);
    // Away (a TV's Wi-Fi drops) while two counters call; back, it catches up with both at once.
    live.socket.disconnect();
    const first = await hub.post('/api/counters/1/call-next', { idempotencyKey: key() }, li);
    const second = await hub.post('/api/counters/2/call-next', { idempotencyKey: key() }, wang);
    expect([first.status, second.status]).toEqual([200, 200]);
    const called = [first.body.number as string, second.body.number as string];
    live.socket.connect();
    await expect.poll(() => live.current.snapshot?.recentCalls.slice(0, 2).map((c) => c.number)).toEqual([...called].reverse());
    expect(live.current.snapshots).toBe(1); // caught up with events, not a snapshot
    expect(heard).toEqual(called);
    stop();
  });
});
