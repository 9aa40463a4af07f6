/**
 * What the station's loopback HTTP face answers when the hub refuses or cannot be reached: the
 * status and the `{error, message}` body the kiosk page translates. A hub refusal passes through
 * as the hub sent it; no hub and no offline notebook is a 503 `hub_unreachable`. Real hub process,
 * real station (createStation + stationRoutes on Fastify), real TCP (a closed port for "no hub").
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpHubClient } from '../kiosk/station/hub-client.ts';
import { createStation, stationRoutes } from '../kiosk/station/station.ts';
import { freePort, HubProcess } from './helpers/hub-process.ts';

const hub = new HubProcess();
let keys = 0;
const key = (): string => `station-wire-${process.pid}-${++keys}`;

/** A station with no printer (none of these answers reaches printing) and no offline notebook. */
function stationApp(hubUrl: string, token?: string): FastifyInstance {
  const app = Fastify();
  const station = createStation({
    hub: httpHubClient(hubUrl, { ...(token ? { token } : {}), timeoutMs: 2000 }),
    openPrinter: () => {
      throw new Error('no printing expected in this test');
    },
    publicUrl: 'http://127.0.0.1/',
  });
  stationRoutes(app, station);
  return app;
}

beforeAll(() => hub.start(), 60_000);
afterAll(() => hub.stop());

describe('the station’s answer to a hub problem', () => {
  it('passes a hub refusal through with its status and body', async () => {
    const app = stationApp(hub.url); // not enrolled: the hub refuses its commands
    const ticket = { service: 'maintenance', idempotencyKey: key() };
    const direct = await fetch(`${hub.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ticket) });
    const directBody = (await direct.json()) as { error: string; message: string };
    expect(direct.status).toBeGreaterThanOrEqual(400);
    const viaStation = await app.inject({ method: 'POST', url: '/station/tickets', payload: { ...ticket, idempotencyKey: key() } });
    expect(viaStation.statusCode).toBe(direct.status);
    expect(viaStation.payload).toBe(JSON.stringify(directBody));

    const survey = { plate: '粤B70001', scores: { overall: 5, advisor: 5, speed: 5, lounge: 5 }, idempotencyKey: key() };
    const surveyDirect = await fetch(`${hub.url}/api/surveys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(survey),
    });
    const surveyDirectBody = (await surveyDirect.json()) as { error: string; message: string };
    expect(surveyDirect.status).toBeGreaterThanOrEqual(400);
    const surveyViaStation = await app.inject({ method: 'POST', url: '/station/surveys', payload: { ...survey, idempotencyKey: key() } });
    expect(surveyViaStation.statusCode).toBe(surveyDirect.status);
    expect(surveyViaStation.payload).toBe(JSON.stringify(surveyDirectBody));
    await app.close();
  });

  it('answers 503 hub_unreachable when no hub listens and there is no offline notebook', async () => {
    const closedPort = await freePort(); // nothing listens here: connections are refused
    const app = stationApp(`http://127.0.0.1:${closedPort}`);
    const answer = await app.inject({ method: 'POST', url: '/station/tickets', payload: { service: 'maintenance', idempotencyKey: key() } });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.payload).toBe(JSON.stringify({ error: 'hub_unreachable', message: 'the hub is unreachable and this kiosk has no offline mode' }));
    await app.close();
  });
});
