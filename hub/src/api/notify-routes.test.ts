/**
 * Message settings and routes on the real hub (in process, injected clock, real SQLite file):
 * secrets masked on the way out and kept when the mask comes back, the manager's test message,
 * and the status of a job's messages for the desk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../app.ts';
import { FakeWebhookReceiver } from '../notify/fake-providers.ts';
import { testHub } from '../store/test-support.ts';

const SECRET = 'webhook-secret-0123456789abcdef';
let hub: Hub | undefined;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  for (const s of stops.splice(0)) await s();
});

async function setUp(): Promise<{ hub: Hub; admin: string; receiver: FakeWebhookReceiver }> {
  const receiver = new FakeWebhookReceiver(SECRET);
  await receiver.start();
  stops.push(() => receiver.stop());
  const t = testHub();
  hub = await createHub({ db: t.db, config: t.store.ctx.config, clock: t.clock, alertIntervalMs: 0, autoCallIntervalMs: 0, notifyIntervalMs: 0 });
  hub.store.auth.bootstrapAdmin('135790');
  return { hub, admin: hub.store.auth.login('135790')!.token, receiver };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely and asserted field by field
async function call(h: Hub, method: 'GET' | 'POST', url: string, token: string, payload?: unknown): Promise<{ status: number; body: any }> {
  const r = await h.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

let keys = 0;
const key = (): string => `notify-route-${++keys}-${process.pid}`;

describe('message settings', () => {
  it('never answer a secret in full, keep it when the mask comes back, and keep it out of the audit log', async () => {
    const { hub: h, admin, receiver } = await setUp();
    const settings = (await call(h, 'GET', '/api/settings', admin)).body;
    settings.notify.webhook = { url: receiver.url, secret: SECRET };
    settings.notify.wecom = { key: 'wecom-robot-key-7f3a9c', endpoint: 'http://127.0.0.1:9/cgi-bin/webhook/send' };
    const saved = await call(h, 'POST', '/api/settings', admin, { settings, idempotencyKey: key() });
    expect(saved.status).toBe(200);
    expect(saved.body.notify.webhook.secret).toBe('••••••••cdef');
    const shown = (await call(h, 'GET', '/api/settings', admin)).body;
    expect(shown.notify.webhook.secret).toBe('••••••••cdef');
    expect(shown.notify.wecom.key).toBe('••••••••3a9c');
    expect(JSON.stringify(shown)).not.toContain(SECRET);

    // The manager page saves the whole form back, mask included: the stored secret stays.
    shown.notify.quietHours = { start: '00:00', end: '00:00' };
    expect((await call(h, 'POST', '/api/settings', admin, { settings: shown, idempotencyKey: key() })).status).toBe(200);
    expect(h.store.ctx.config.notify.webhook?.secret).toBe(SECRET);
    const audit = JSON.stringify((await call(h, 'GET', '/api/audit?limit=50', admin)).body);
    expect(audit).toContain('settings.update');
    expect(audit).not.toContain(SECRET);
    expect(audit).not.toContain('wecom-robot-key-7f3a9c');

    // And the receiver, which checks the signature with the real secret, accepts the test message.
    const test = await call(h, 'POST', '/api/settings/notify/test', admin, { audience: 'customer', phone: '13900001111', idempotencyKey: key() });
    expect(test.status).toBe(202);
    await h.dispatchMessages();
    expect(receiver.refused).toEqual([]);
    expect(receiver.received).toMatchObject([{ id: test.body.id, type: 'customer.test', phone: '13900001111' }]);
    expect((await call(h, 'GET', `/api/messages/${test.body.id}`, admin)).body).toMatchObject({ status: 'sent', channel: 'webhook' });
  });

  it('refuses a test message on a channel that is not set up, with a code pages can say', async () => {
    const { hub: h, admin } = await setUp();
    const answer = await call(h, 'POST', '/api/settings/notify/test', admin, { audience: 'staff', idempotencyKey: key() });
    expect(answer).toMatchObject({ status: 409, body: { error: 'notify_not_configured' } });
  });
});

describe('GET /api/jobs/:id/messages', () => {
  it("shows each message of the job with its status and the provider's reason, and no phone or text", async () => {
    const { hub: h, admin, receiver } = await setUp();
    const config = h.store.ctx.config;
    h.store.updateSettings(
      { ...config, notify: { ...config.notify, webhook: { url: receiver.url, secret: SECRET }, quietHours: { start: '00:00', end: '00:00' } } },
      key(),
      { kind: 'system', name: 'test' },
    );
    const created = await call(h, 'POST', '/api/jobs', admin, {
      plate: '粤B12345',
      model: 'Camry',
      surname: '王',
      title: '先生',
      phone: '13812345678',
      notifyConsent: true,
      services: ['maintenance'],
      promisedAt: '2026-11-24T08:00:00Z',
      wash: false,
      idempotencyKey: key(),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    for (const to of ['waiting', 'repair', 'qc', 'ready']) {
      expect((await call(h, 'POST', `/api/jobs/${id}/stage`, admin, { to, idempotencyKey: key() })).status).toBe(200);
    }
    receiver.mode = 'error';
    await h.dispatchMessages();
    const listed = await call(h, 'GET', `/api/jobs/${id}/messages`, admin);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ type: 'job.ready', status: 'queued', attempts: 1, lastError: 'HTTP 503', channel: 'webhook', sentAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/13812345678|粤B/);
    expect((await call(h, 'GET', '/api/jobs/9999/messages', admin)).body).toMatchObject({ error: 'unknown_job' });
  });
});
