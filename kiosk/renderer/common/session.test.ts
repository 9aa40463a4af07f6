/**
 * Issue #12 item 5 / #13: a staff page's writes carry one idempotency key per action, made
 * without secure-context APIs, and a retry after a lost connection reuses it. A real HTTP
 * server that drops the first connection.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, newIdempotencyKey } from './session.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('newIdempotencyKey', () => {
  it('makes 32 hex digits without crypto.randomUUID (absent at http LAN addresses)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});

describe('api', () => {
  it('retries a POST lost on the network with the same idempotency key, with no crypto.randomUUID', async () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    close = () => Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    const keys: string[] = [];
    let requests = 0;
    const server = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        keys.push((JSON.parse(text) as { idempotencyKey: string }).idempotencyKey);
        if (++requests === 1) {
          req.socket.destroy(); // the connection drops before an answer
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const restore = close;
    close = () => {
      restore();
      server.close();
    };
    const port = (server.address() as { port: number }).port;
    const baseUrl = `http://127.0.0.1:${port}`;
    const pause = { params: { counterId: '1' }, body: { state: 'paused' as const, reason: 'break' as const } };
    expect(await api(endpoints.setCounterState, pause, { baseUrl })).toEqual({ ok: true });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await api(endpoints.setCounterState, pause, { baseUrl });
    expect(keys[2]).not.toBe(keys[0]); // a new action, a new key
  });
});
