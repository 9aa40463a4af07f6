/**
 * Issue #13, one typed HTTP contract: every route the hub serves is an endpoint declared once in
 * shared/src/api/, each with its answer's schema; answers leave through that schema (a field it
 * does not name is dropped); and the one typed client reaches a real listening hub, keeping one
 * idempotency key per action and turning errors into their stable codes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiFailure, call, requestFor } from '../../../shared/src/api/client.ts';
import { takesIdempotencyKey } from '../../../shared/src/api/endpoint.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { createHub, type Hub } from '../app.ts';
import { testHub } from '../store/test-support.ts';
import { AnswerMismatch, answerSerializer } from './serialize.ts';

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function listening(): Promise<{ hub: Hub; baseUrl: string; admin: string }> {
  const t = testHub();
  hub = await createHub({ db: t.db, config: t.store.ctx.config, clock: t.clock, alertIntervalMs: 0, autoCallIntervalMs: 0, notifyIntervalMs: 0 });
  hub.store.auth.bootstrapAdmin('135790');
  const address = await hub.app.listen({ port: 0, host: '127.0.0.1' });
  return { hub, baseUrl: address, admin: hub.store.auth.login('135790')!.token };
}

describe('the route contract', () => {
  it('is what the hub serves: every endpoint registered once, nothing registered outside it, every answer typed', async () => {
    const { hub } = await listening();
    const served = hub.routes.map((r) => `${r.endpoint.method} ${r.endpoint.path}`).sort();
    const declared = Object.values(endpoints)
      .map((e) => `${e.method} ${e.path}`)
      .sort();
    expect(served).toEqual(declared);
    expect(new Set(served).size).toBe(served.length);
    for (const r of hub.routes) expect(r.endpoint).toBe(Object.values(endpoints).find((e) => e.path === r.endpoint.path && e.method === r.endpoint.method));
    const untyped = Object.entries(endpoints).filter(([, e]) => !('schema' in e.response) && !('file' in e.response));
    expect(untyped).toEqual([]);
  });

  it('drops a field the answer schema does not name, at any depth, and refuses an answer that does not fit', () => {
    const serialize = answerSerializer(z.object({ number: z.string(), vehicle: z.object({ model: z.string() }) }));
    const answer = { number: 'A001', phone: '13812345678', vehicle: { model: '凯美瑞', plate: '粤B12345' } };
    expect(serialize(answer)).toEqual({ number: 'A001', vehicle: { model: '凯美瑞' } });
    expect(JSON.stringify(serialize(answer))).not.toMatch(/138|粤B/);
    expect(() => serialize({ number: 7 })).toThrow(AnswerMismatch);
  });

  it('knows which bodies take an idempotency key: commands do, login and reads do not', () => {
    expect(takesIdempotencyKey(endpoints.issueTicket.body)).toBe(true);
    expect(takesIdempotencyKey(endpoints.testNotify.body)).toBe(true); // a union of two command shapes
    expect(takesIdempotencyKey(endpoints.login.body)).toBe(false);
    expect(takesIdempotencyKey(undefined)).toBe(false);
    const { url, init } = requestFor(
      endpoints.transferTicket,
      { params: { id: 12 }, body: { service: 'repair' } },
      { idempotencyKey: 'k-123456789', token: 't' },
    );
    expect(url).toBe('/api/tickets/12/transfer');
    expect(JSON.parse(String(init.body))).toEqual({ service: 'repair', idempotencyKey: 'k-123456789' });
    expect(requestFor(endpoints.rangeStats, { query: { from: '2026-11-01', to: '2026-11-30' } }).url).toBe('/api/stats?from=2026-11-01&to=2026-11-30');
    expect(requestFor(endpoints.track, { params: { token: 'a/b?c' } }).url).toBe('/api/track/a%2Fb%3Fc');
  });

  it('typed client against a real hub: one key per action replays the same ticket, errors carry their stable code', async () => {
    const { baseUrl, admin } = await listening();
    const first = await call(endpoints.issueTicket, { body: { service: 'maintenance' } }, { baseUrl, token: admin, idempotencyKey: 'contract-key-0001' });
    const again = await call(endpoints.issueTicket, { body: { service: 'maintenance' } }, { baseUrl, token: admin, idempotencyKey: 'contract-key-0001' });
    expect(first.number).toMatch(/^[A-Z]\d{3}$/);
    expect(again).toEqual(first);
    expect((await call(endpoints.listTickets, {}, { baseUrl, token: admin })).map((t) => t.number)).toEqual([first.number]);

    const refused = await call(endpoints.getTicket, { params: { id: 999 } }, { baseUrl, token: admin }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect((refused as ApiFailure).status).toBe(404);
    expect((refused as ApiFailure).body.error).toMatch(/^[a-z_]+$/);
    const anonymous = await call(endpoints.listTickets, {}, { baseUrl }).catch((err: unknown) => err);
    expect((anonymous as ApiFailure).body.error).toBe('unauthenticated');
    // Nobody waits at counter 1 after the one ticket is called and finished: the empty answer is null.
    const called = await call(endpoints.callNext, { params: { counterId: '1' }, body: {} }, { baseUrl, token: admin });
    expect(called?.number).toBe(first.number);
    await call(endpoints.actOnTicket, { params: { id: first.id, action: 'start' }, body: {} }, { baseUrl, token: admin });
    expect(await call(endpoints.callNext, { params: { counterId: '1' }, body: {} }, { baseUrl, token: admin })).toBeNull();
  });
});
