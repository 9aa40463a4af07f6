/**
 * Issue #12 item 3: no anonymous writes from the LAN. The embedded station's `/station/*`
 * routes on the hub's port take only the kiosk screen on the hub machine (loopback) or a
 * paired kiosk token; one survey per visit; a survey's answer does not tell whether a plate
 * visited; ticket issuing is rate-limited per address and device. Real hub process; LAN hosts
 * played by loopback source addresses (127.0.0.2…), which the hub, like any LAN host, does
 * not take for the hub machine (only 127.0.0.1 and ::1 are).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startedHub, type HubProcess } from './helpers/hub-process.ts';
import { lanHost, postFrom } from './helpers/from-address.ts';

let hub: HubProcess;
let admin: string;
let kiosk: string;
let n = 0;
const key = (): string => `station-${process.pid}-${++n}`;
const scores = { overall: 1, advisor: 1, speed: 1, lounge: 1 };

beforeAll(async () => {
  ({ hub, admin, kiosk } = await startedHub({ entry: 'all-in-one' }));
});

afterAll(async () => {
  await hub?.stop();
});

const auditActions = async (): Promise<string[]> => ((await hub.get('/api/audit?limit=1000', admin)).body as { action: string }[]).map((a) => a.action);

describe('/station/* on the hub port', () => {
  it('refuses a LAN host without a kiosk token, and audits it', async () => {
    const from = lanHost(10);
    const ticket = await postFrom(from, `${hub.url}/station/tickets`, { service: 'maintenance', idempotencyKey: key() });
    expect(ticket.status).toBe(401);
    const survey = await postFrom(from, `${hub.url}/station/surveys`, { plate: '京A99999', scores, idempotencyKey: key() });
    expect(survey.status).toBe(401);
    const desk = await hub.enrol(admin, 'desk');
    const asDesk = await postFrom(from, `${hub.url}/station/tickets`, { service: 'maintenance', idempotencyKey: key() }, { authorization: `Bearer ${desk}` });
    expect(asDesk.status).toBe(403);
    expect((await hub.get('/api/queue')).body.waiting.maintenance ?? []).toEqual([]);
    expect(await auditActions()).toContain('station.refused');
  });

  it('serves the kiosk screen on the hub machine and a paired kiosk on the LAN', async () => {
    expect((await hub.post('/station/tickets', { service: 'maintenance', idempotencyKey: key() })).status).toBe(201);
    const remote = await postFrom(
      lanHost(11),
      `${hub.url}/station/tickets`,
      { service: 'maintenance', idempotencyKey: key() },
      { authorization: `Bearer ${kiosk}` },
    );
    expect(remote.status).toBe(201);
  });

  it('limits ticket issuing per address to a busy kiosk, not a script', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const answer = await postFrom(
        lanHost(12),
        `${hub.url}/station/tickets`,
        { service: 'repair', idempotencyKey: key() },
        { authorization: `Bearer ${kiosk}` },
      );
      statuses.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    const issued = statuses.filter((s) => s === 201).length;
    expect(issued).toBeGreaterThanOrEqual(10); // a queue of customers at a busy kiosk is served
    expect(issued).toBeLessThan(45);
    expect(statuses[0]).toBe(201);
    expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
    expect(await auditActions()).toContain('station.throttled');
  });
});

describe('surveys', () => {
  it('takes one survey per visit and refuses later ones kindly', async () => {
    const ticket = await hub.post('/station/tickets', { service: 'enquiry', idempotencyKey: key() });
    const token = ticket.body.ticket.trackingToken as string;
    const first = await hub.post('/station/surveys', { ticketToken: token, scores, idempotencyKey: key() });
    expect(first.status).toBe(201);
    const again = await hub.post('/station/surveys', { ticketToken: token, scores, idempotencyKey: key() });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('survey_done');
    expect(again.body.message).toMatch(/谢谢/);
  });

  it('answers the same whether or not a plate visited', async () => {
    const job = await hub.post(
      '/api/jobs',
      {
        plate: '京A12345',
        model: 'Camry',
        surname: '王',
        title: '先生',
        services: ['maintenance'],
        wash: false,
        promisedAt: new Date(Date.now() + 3_600_000).toISOString(),
        idempotencyKey: key(),
      },
      admin,
    );
    expect(job.status, JSON.stringify(job.body)).toBe(201);
    const ask = (plate: string) => hub.post('/station/surveys', { plate, scores, idempotencyKey: key() });
    const visited = await ask('京A12345');
    const stranger = await ask('京A99999');
    expect(stranger.status).toBe(visited.status);
    expect(stranger.body).toEqual(visited.body);
    const visitedAgain = await ask('京A12345');
    const strangerAgain = await ask('京A99999');
    expect(visitedAgain.status).toBe(409);
    expect(strangerAgain.status).toBe(visitedAgain.status);
    expect(strangerAgain.body).toEqual(visitedAgain.body);
  });
});
