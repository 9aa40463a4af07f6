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
