/**
 * Load shedding (issue #17 item 2) against the real hub process. Pressure is real: the hub
 * process is stopped (SIGSTOP) for 4 s, as a long GC pause or a starved CPU would stop it, so
 * its event loop falls 4 s behind; the limits are set tiny so that one pause passes them.
 * While the hub reports pressure, ordinary requests get 503 + Retry-After + `overloaded`,
 * health is always answered, and essential ones (a kiosk's ticket) are refused only past their
 * own, higher limit — and then the station's client waits as told and retries with the same key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpHubClient } from '../kiosk/station/hub-client.ts';
import { HubProcess } from './helpers/hub-process.ts';

// A 4 s stop makes one 250 ms sample's mean delay ≈ 4000 / 26 ms, far above 60 ms; a busy shared
// machine's ordinary jitter stays well below it.
const TIGHT = { HUB_SHED_DELAY_MS: '60', HUB_SHED_SAMPLE_MS: '250', HUB_SHED_RETRY_AFTER_S: '1' };

/** The tight limits also catch the hub's own start-up work: begin once it answers ordinary requests again. */
async function calm(hub: HubProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const answer = await fetch(`${hub.url}/api/queue`);
    await answer.arrayBuffer();
    if (answer.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the hub kept shedding after start-up');
}

/**
 * Sends requests while the hub's process is stopped for `ms` (SIGSTOP, as a long GC pause or a
 * starved CPU would stop it), then lets it run on: the requests wait in the kernel and reach the
 * hub just as it resumes, its event loop 4 s behind — deterministically inside the pressure.
 */
async function duringStall<T>(hub: HubProcess, send: () => Promise<T>, ms = 4000): Promise<{ answer: T; resumedAt: number }> {
  process.kill(hub.pid(), 'SIGSTOP');
  let answer: Promise<T>;
  try {
    answer = send();
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    process.kill(hub.pid(), 'SIGCONT');
  }
  const resumedAt = Date.now();
  return { answer: await answer, resumedAt };
}

describe('a hub under pressure', () => {
  let hub: HubProcess;
  let kiosk: string;
  let firstAnswer = 0;
  beforeAll(async () => {
    hub = new HubProcess({ env: { ...TIGHT, HUB_SHED_ESSENTIAL_DELAY_MS: '60000' } });
    await hub.start();
    firstAnswer = (await fetch(`${hub.url}/api/queue`)).status;
    await calm(hub);
    kiosk = await hub.enrol(await hub.login(), 'kiosk');
  });
  afterAll(() => hub.stop());

  it('does not count its own start-up work as overload: the first request after start is answered', () => {
    expect(firstAnswer).toBe(200);
  });

  it('refuses ordinary requests at once with 503, Retry-After and `overloaded`, still answers health and kiosk tickets, and recovers', async () => {
    expect((await fetch(`${hub.url}/api/queue`)).status).toBe(200);
    const {
      answer: [shed, health, ticket],
    } = await duringStall(hub, () =>
      Promise.all([
        fetch(`${hub.url}/api/queue`),
        hub.get('/api/health'),
        hub.post('/api/tickets', { service: 'maintenance', idempotencyKey: 'shed-essential-1' }, kiosk),
      ]),
    );
    expect({ queue: shed.status, health: health.status, ticket: ticket.status }).toEqual({ queue: 503, health: 200, ticket: 201 });
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(await shed.json()).toMatchObject({ error: 'overloaded' });
    // Once the loop has caught up, the next sample clears the pressure.
    const deadline = Date.now() + 10_000;
    let status = 503;
    while (status === 503 && Date.now() < deadline) {
      const answer = await fetch(`${hub.url}/api/queue`);
      status = answer.status;
      await answer.arrayBuffer();
      if (status === 503) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});

describe('a hub refusing even essential requests', () => {
  let hub: HubProcess;
  let kiosk: string;
  let admin: string;
  beforeAll(async () => {
    hub = new HubProcess({ env: { ...TIGHT, HUB_SHED_ESSENTIAL_DELAY_MS: '60' } });
    await hub.start();
    await calm(hub);
    admin = await hub.login();
    kiosk = await hub.enrol(admin, 'kiosk');
  });
  afterAll(() => hub.stop());

  it('the station waits as Retry-After says and retries with the same key: one ticket', async () => {
    // Its first attempt waits out the stall (the attempt's limit is longer), meets the pressure and is refused.
    const client = httpHubClient(hub.url, { token: kiosk, issueAttemptMs: 6000, issueBudgetMs: 9000 });
    const { answer: ticket, resumedAt } = await duringStall(hub, () => client.issueTicket({ service: 'repair', idempotencyKey: 'shed-station-1' }));
    const took = Date.now() - resumedAt;
    expect(ticket.number).toMatch(/^[A-Z]/);
    // Refused at first (the pressure lasts one 250 ms sample), then asked again after the 1 s it was told.
    expect(took).toBeGreaterThanOrEqual(1000);
    const tickets = (await hub.get('/api/tickets', admin)).body as { number: string }[];
    expect(tickets.filter((t) => t.number === ticket.number)).toHaveLength(1);
  });

  it('gives up at once with `overloaded` when the hinted wait does not fit in the customer’s patience', async () => {
    // 800 ms of patience left once the hub answers: a 1 s Retry-After does not fit.
    const client = httpHubClient(hub.url, { token: kiosk, issueAttemptMs: 6000, issueBudgetMs: 4800 });
    const { answer: failure, resumedAt } = await duringStall(hub, () =>
      client.issueTicket({ service: 'repair', idempotencyKey: 'shed-station-2' }).catch((err: unknown) => err),
    );
    expect(failure).toMatchObject({ status: 503, body: { error: 'overloaded' } });
    expect(Date.now() - resumedAt).toBeLessThan(800);
  });
});
