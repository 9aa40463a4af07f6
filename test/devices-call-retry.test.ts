/**
 * A call button pressed while the hub sheds load (issue #17 goal 2): the hub answers 503 with
 * `Retry-After`; the station waits as told and asks again with the same idempotency key, so the
 * press calls one customer — never none because the hub was busy for a second, never two. It
 * gives up (and says so) when the hub stays overloaded beyond a few seconds. A real HTTP server
 * on a real port plays the shedding hub, answering as hub/src/load-shedding.ts does.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpDeviceHub } from '../kiosk/devices/device-service.ts';

interface Seen {
  at: number;
  path: string;
  key: string;
}

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = null;
});

const bodyOf = async (request: IncomingMessage): Promise<string> => {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
};

/** A hub that refuses the first `refusals` requests with 503 + `Retry-After: 1`, then answers 200. */
async function sheddingHub(refusals: number): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((request, response) => {
    void bodyOf(request).then((text) => {
      seen.push({ at: Date.now(), path: request.url ?? '', key: (JSON.parse(text) as { idempotencyKey: string }).idempotencyKey });
      if (seen.length <= refusals) {
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        response.end(JSON.stringify({ error: 'overloaded', message: 'the hub is overloaded; retry after the time in Retry-After' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 1, number: 'A001', status: 'called' }));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

describe('a call button press while the hub sheds load', () => {
  it('waits as Retry-After says and asks again with the same idempotency key', async () => {
    const hub = await sheddingHub(2);
    await httpDeviceHub(hub.url, 'token').counterAction('3', 'call-next');
    expect(hub.seen).toHaveLength(3);
    expect(hub.seen.every((s) => s.path === '/api/counters/3/call-next')).toBe(true);
    expect(new Set(hub.seen.map((s) => s.key)).size).toBe(1);
    // Not earlier than told (a second, less the timers' millisecond rounding).
    expect(hub.seen[1]!.at - hub.seen[0]!.at).toBeGreaterThanOrEqual(990);
    expect(hub.seen[2]!.at - hub.seen[1]!.at).toBeGreaterThanOrEqual(990);
  });

  it('gives up when the hub stays overloaded past its patience, and says so', async () => {
    const hub = await sheddingHub(Infinity);
    const started = Date.now();
    await expect(httpDeviceHub(hub.url, 'token', { budgetMs: 2500 }).counterAction('3', 'call-next')).rejects.toThrow(/503 overloaded.*3 attempts/);
    // Asked at 0, ~1 s and ~2 s; a third wait of 1 s would not fit in 2.5 s, so it stops there.
    expect(hub.seen).toHaveLength(3);
    expect(new Set(hub.seen.map((s) => s.key)).size).toBe(1);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('a second press is a new call: its own key', async () => {
    const hub = await sheddingHub(0);
    const station = httpDeviceHub(hub.url, 'token');
    await station.counterAction('3', 'call-next');
    await station.counterAction('3', 'call-next');
    expect(hub.seen).toHaveLength(2);
    expect(hub.seen[0]!.key).not.toBe(hub.seen[1]!.key);
  });
});

describe('pressing again while a press is still being retried', () => {
  it('joins the press under way: one key, one call, not a second recall when the hub recovers', async () => {
    const hub = await sheddingHub(1);
    const station = httpDeviceHub(hub.url, 'token');
    const first = station.counterAction('3', 'recall');
    await new Promise((r) => setTimeout(r, 300)); // refused, waiting out Retry-After: nothing seems to happen
    const again = station.counterAction('3', 'recall');
    await Promise.all([first, again]);
    expect(hub.seen).toHaveLength(2); // the refused attempt and its retry
    expect(new Set(hub.seen.map((s) => s.key)).size).toBe(1);
    // Another counter's press is its own call.
    await station.counterAction('2', 'recall');
    expect(hub.seen).toHaveLength(3);
    expect(hub.seen[2]!.path).toBe('/api/counters/2/recall');
    expect(hub.seen[2]!.key).not.toBe(hub.seen[0]!.key);
  });

  it('says the outcome is unknown, not that the call failed, when the hub never answered', async () => {
    server = createServer(() => undefined); // takes the request, never answers
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(httpDeviceHub(url, 'token', { budgetMs: 1200, attemptMs: 400 }).counterAction('3', 'call-next')).rejects.toThrow(
      /no answer from the hub: the call may or may not have been made/,
    );
    server.closeAllConnections();
  });
});
