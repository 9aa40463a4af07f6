/**
 * The message outbox across SIGKILLs of the real hub process (issue #15): a message committed
 * with its cause reaches the receiver after the hub dies before sending it, and after it dies
 * while the receiver holds the request unanswered; it is marked sent only after a 2xx, and every
 * repeat carries the same id, so the receiver acts on it once.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeWebhookReceiver } from '../hub/src/notify/fake-providers.ts';
import type { HubProcess } from './helpers/hub-process.ts';
import { hubWithWebhook } from './helpers/notify-hub.ts';
import { until } from './helpers/until.ts';

const SECRET = 'shared-secret-for-the-sigkill-test';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ hub: HubProcess; receiver: FakeWebhookReceiver; kiosk: string; desk: string }> {
  const receiver = new FakeWebhookReceiver(SECRET);
  await receiver.start();
  cleanups.push(() => receiver.stop());
  const hub = hubWithWebhook(`${receiver.url}/hook`, SECRET);
  await hub.start();
  cleanups.push(() => hub.stop());
  const admin = await hub.login();
  return { hub, receiver, kiosk: await hub.enrol(admin, 'kiosk'), desk: await hub.enrol(admin, 'desk') };
}

function outbox(hub: HubProcess): { id: string; status: string; attempts: number }[] {
  const db = new Database(join(hub.dataDir, 'hub.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, status, attempts FROM messages ORDER BY rowid').all() as { id: string; status: string; attempts: number }[];
  } finally {
    db.close();
  }
}

/** A customer who agreed to messages takes a ticket and is called: one `ticket.called` message. */
async function callCustomer(hub: HubProcess, kiosk: string, desk: string, n: number): Promise<void> {
  const issued = await hub.post(
    '/api/tickets',
    { service: 'maintenance', phone: '13812345678', notifyConsent: true, idempotencyKey: `notify-issue-${n}-${process.pid}` },
    kiosk,
  );
  expect(issued.status).toBe(201);
  const called = await hub.post('/api/counters/1/call-next', { idempotencyKey: `notify-call-${n}-${process.pid}`, heldOutcome: 'served' }, desk);
  expect(called.status).toBe(200);
}

describe('message outbox across SIGKILL', () => {
  it('delivers a message committed just before the hub died, after its restart', { timeout: 120_000 }, async () => {
    const { hub, receiver, kiosk, desk } = await setUp();
    await receiver.stop(); // nothing can be delivered before the kill
    await callCustomer(hub, kiosk, desk, 1);
    await hub.kill();
    const [queued] = outbox(hub);
    expect(queued).toMatchObject({ status: 'queued' });
    await receiver.start();
    await hub.start();
    // At most one 30 s backoff if the dead hub had already tried the closed port.
    await until(() => receiver.received.length > 0, 'the message after the restart', 45_000);
    await until(() => outbox(hub)[0]?.status === 'sent', 'sent recorded', 5_000);
    expect(receiver.uniqueIds).toEqual([queued!.id]);
    expect(receiver.refused).toEqual([]);
  });

  it('sends again with the same id when the hub died waiting for the answer; marks sent only after a 2xx', { timeout: 120_000 }, async () => {
    const { hub, receiver, kiosk, desk } = await setUp();
    receiver.mode = 'hang'; // takes the request and never answers
    await callCustomer(hub, kiosk, desk, 2);
    await until(() => receiver.received.length === 1, 'the first attempt', 10_000);
    await hub.kill();
    // The receiver saw it, but no 2xx came: the outbox must not claim it was sent.
    expect(outbox(hub)).toEqual([{ id: receiver.received[0]!.id, status: 'queued', attempts: 0 }]);
    receiver.mode = 'ok';
    await hub.start();
    await until(() => outbox(hub)[0]?.status === 'sent', 'sent after the restart', 20_000);
    expect(receiver.received.map((m) => m.id)).toEqual([receiver.received[0]!.id, receiver.received[0]!.id]);
    expect(receiver.uniqueIds).toHaveLength(1);
    expect(receiver.received[1]).toEqual(receiver.received[0]);
    expect(receiver.received[0]).toMatchObject({ type: 'ticket.called', phone: '13812345678', ticketNumber: 'A001' });
  });
});
