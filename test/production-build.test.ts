/**
 * The production build: esbuild bundles in dist/ that run with plain `node` (no tsx), as
 * build/hub.service runs the hub and `npm start` runs the all-in-one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain-JavaScript build script without type declarations
import { buildServer } from '../build/build-server.mjs';
import { HubProcess } from './helpers/hub-process.ts';

const started: HubProcess[] = [];

beforeAll(async () => {
  await (buildServer as () => Promise<void>)();
});

afterAll(async () => {
  for (const hub of started) await hub.stop();
});

async function start(entry: 'built hub' | 'built all-in-one'): Promise<HubProcess> {
  const hub = new HubProcess({ entry });
  started.push(hub);
  await hub.start();
  return hub;
}

describe('production build', () => {
  it('runs the hub alone with plain node: API and pages, no station', async () => {
    const hub = await start('built hub');
    const kiosk = await hub.enrol(await hub.login(), 'kiosk');
    const ticket = await hub.post('/api/tickets', { service: 'maintenance', idempotencyKey: `prod-hub-${Date.now()}` }, kiosk);
    expect(ticket.status).toBe(201);
    expect((await hub.get('/display')).status).toBe(200);
    expect((await hub.post('/station/tickets', { service: 'maintenance', idempotencyKey: `prod-hub-st-${Date.now()}` })).status).toBe(404);
  });

  it('runs the all-in-one with plain node: a ticket from the embedded station reaches the virtual printer', async () => {
    const hub = await start('built all-in-one');
    const issued = await hub.post('/station/tickets', { service: 'maintenance', idempotencyKey: `prod-aio-${Date.now()}` });
    expect(issued.status).toBe(201);
    expect(issued.body.print).toEqual({ ok: true });
    const printerPage = (await hub.get('/printer')).body as string;
    expect(printerPage).toContain(issued.body.ticket.number.split('').join(' '));
  });
});
