/**
 * Counter operations through the real hub: parallel desks never get the same ticket, and every
 * way of calling (API, chosen ticket, desk device such as a call button, auto-call) reaches the
 * displays the same way.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubEvent } from '../shared/src/protocol.ts';
import { DEFAULT_STORE_INPUT } from '../shared/src/services.ts';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';
import { until } from './helpers/until.ts';

const COUNTERS = 10;
let hub: HubProcess;
let admin: string;
let kiosk: string;
let n = 0;
const key = (): string => `ops-${process.pid}-${++n}`;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-'));
  const config = join(dir, 'store.json');
  writeFileSync(
    config,
    JSON.stringify({
      ...DEFAULT_STORE_INPUT,
      counters: Array.from({ length: COUNTERS }, (_, i) => ({ id: String(i + 1), name: DEFAULT_STORE_INPUT.counters[0]!.name })),
      queue: { noShow: { minCalls: 2, minSecondsSinceLastCall: 0, minSecondsBetweenCalls: 3 } },
    }),
  );
  ({ hub, admin, kiosk } = await startedHub({ env: { STORE_CONFIG: config } }));
});

afterAll(async () => {
  await hub?.stop();
});

const issue = async (service = 'repair') => (await hub.post('/api/tickets', { service, idempotencyKey: key() }, kiosk)).body as { id: number; number: string };

describe('parallel desks', () => {
  it('never gives two desks calling at the same instant the same ticket', async () => {
    const advisors = await Promise.all(Array.from({ length: COUNTERS }, (_, i) => hub.staff(admin, 'advisor', String(50000 + i))));
    for (let i = 0; i < COUNTERS * 2; i++) await issue(['repair', 'maintenance', 'complaint'][i % 3]);
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(
        advisors.map((token, i) => hub.post(`/api/counters/${i + 1}/call-next`, { idempotencyKey: key(), heldOutcome: 'served' }, token)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(COUNTERS).fill(200));
      const numbers = answers.map((a) => a.body.number as string);
      expect(new Set(numbers).size).toBe(COUNTERS);
    }
    const tickets = (await hub.get('/api/tickets', admin)).body as { number: string; status: string }[];
    expect(tickets.filter((t) => t.status === 'waiting')).toHaveLength(0);
    expect(tickets.filter((t) => t.status === 'called')).toHaveLength(COUNTERS);
  });
});

describe('every path announces', () => {
  it('API call, chosen call, desk device and auto-call all reach displays as ticket.called', async () => {
    const display = io(hub.url, { transports: ['websocket'] });
    const calls: HubEvent[] = [];
    display.on('event', (e) => e.type === 'ticket.called' && calls.push(e));
    await until(() => display.connected, 'display connected');
    const advisor = await hub.staff(admin, 'advisor', '61616');
    const deskDevice = await hub.enrol(admin, 'desk');
    // Make counters 1 and 2 free of earlier tickets.
    for (const c of ['1', '2']) await hub.post(`/api/counters/${c}/state`, { state: 'open', idempotencyKey: key() }, advisor);

    const viaApi = await issue();
    await hub.post('/api/counters/1/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, advisor);
    const chosenLater = await issue();
    await issue();
    await hub.post(`/api/tickets/${viaApi.id}/start`, { idempotencyKey: key() }, advisor);
    const chosen = await hub.post('/api/counters/1/call', { ticketId: chosenLater.id, reason: 'at the counter already', idempotencyKey: key() }, advisor);
    expect(chosen.status).toBe(200);
    const viaButton = await hub.post('/api/counters/2/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, deskDevice);
    expect(viaButton.status).toBe(200);

    await hub.post('/api/counters/1/auto-call', { enabled: true, graceSeconds: 0, idempotencyKey: key() }, advisor);
    const autoTarget = await issue('pickup');
    await hub.post(`/api/tickets/${chosenLater.id}/start`, { idempotencyKey: key() }, advisor);
    await hub.post(`/api/tickets/${chosenLater.id}/finish`, { idempotencyKey: key() }, advisor);

    const expected = [viaApi.number, chosenLater.number, viaButton.body.number, autoTarget.number];
    await until(() => expected.every((num) => calls.some((c) => c.type === 'ticket.called' && c.ticket.number === num)), 'all four calls announced');
    for (const call of calls.filter((c) => c.type === 'ticket.called' && expected.includes(c.ticket.number))) {
      expect(call.type === 'ticket.called' && Object.keys(call.ticket).sort()).toEqual(['calledAt', 'counterId', 'issuedAt', 'number', 'service', 'status']);
    }
    display.close();
  });
});

describe('fair recalls', () => {
  it('refuses a recall within seconds of the last call and a no-show before enough calls', async () => {
    const advisor = await hub.staff(admin, 'advisor', '73737');
    await hub.post('/api/counters/5/call-next', { idempotencyKey: key(), heldOutcome: 'served' }, advisor);
    const t = await issue('enquiry');
    const called = await hub.post('/api/counters/5/call', { ticketId: t.id, reason: 'fair recall test', idempotencyKey: key() }, advisor);
    expect(called.status).toBe(200);
    const tooSoon = await hub.post(`/api/tickets/${t.id}/recall`, { idempotencyKey: key() }, advisor);
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.message).toMatch(/recall again after 3 s/);
    const early = await hub.post(`/api/tickets/${t.id}/no-show`, { idempotencyKey: key() }, advisor);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/at least 2 calls/);
  });
});
