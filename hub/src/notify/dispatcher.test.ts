/**
 * The outbox and its dispatcher against a real SQLite file, an injected clock and local HTTP
 * fakes of the providers that check signatures as the real ones do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateJobRequest } from '../../../shared/src/protocol.ts';
import type { NotifySettings } from '../../../shared/src/services.ts';
import { advisor, kiosk, testHub, type TestHub } from '../store/test-support.ts';
import { Dispatcher } from './dispatcher.ts';
import { FakeAliyunSms, FakeWebhookReceiver, FakeWeComRobot } from './fake-providers.ts';

const SECRET = 'a-shared-secret-of-32-characters';
const workshop = { kind: 'staff' as const, id: 5, name: 'Zhao', role: 'workshop' as const };
const fakes: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});

async function receiver(secret = SECRET): Promise<FakeWebhookReceiver> {
  const r = new FakeWebhookReceiver(secret);
  await r.start();
  fakes.push(r);
  return r;
}

function hubWith(notify: Partial<NotifySettings>, start?: string): { h: TestHub; dispatcher: Dispatcher } {
  const h = testHub({ notify: notify as NotifySettings }, start);
  const dispatcher = new Dispatcher(h.store.outbox, h.clock, () => ({
    ...h.store.ctx.config.notify,
    timeZone: h.store.ctx.config.timeZone,
    openingTime: h.store.ctx.config.openingTime,
  }));
  return { h, dispatcher };
}

const jobRequest = (h: TestHub, patch: Partial<CreateJobRequest> = {}): CreateJobRequest => ({
  plate: '粤B12345',
  model: 'Camry',
  surname: '王',
  title: '先生',
  phone: '13812345678',
  notifyConsent: true,
  services: ['maintenance'],
  promisedAt: '2026-11-25T05:00:00Z',
  wash: false,
  idempotencyKey: h.key(),
  ...patch,
});

/** Takes a job from reception to `ready` as the workshop does. */
function toReady(h: TestHub, jobId: number): void {
  for (const to of ['waiting', 'repair', 'qc', 'ready'] as const) h.store.jobs.move(jobId, to, h.key(), workshop);
}

const messages = (h: TestHub) =>
  h.db.prepare('SELECT id, type, phone, text, link, status, attempts, last_error, channel FROM messages ORDER BY rowid').all() as {
    id: string;
    type: string;
    phone: string | null;
    text: string;
    link: string | null;
    status: string;
    attempts: number;
    last_error: string | null;
    channel: string | null;
  }[];

describe('the outbox', () => {
  it('queues a message in the same transaction as its cause, only for customers who agreed', async () => {
    const r = await receiver();
    const { h } = hubWith({ webhook: { url: r.url, secret: SECRET } });
    const agreed = h.store.tickets.issue(
      { service: 'maintenance', plate: '粤B12345', phone: '13812345678', notifyConsent: true, idempotencyKey: h.key() },
      kiosk,
    );
    const silent = h.store.tickets.issue({ service: 'maintenance', plate: '粤B99999', idempotencyKey: h.key() }, kiosk);
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.callNext('2', h.key(), { ...advisor, id: 2, name: 'Chen' });
    const [called] = messages(h);
    expect(messages(h)).toHaveLength(1);
    expect(called).toMatchObject({ type: 'ticket.called', phone: '13812345678', status: 'queued' });
    expect(called!.text).toContain(agreed.result.number);
    expect(called!.text).toContain('示例汽车4S店');
    expect(called!.text).not.toMatch(/13812345678|粤B12345/);
    expect(silent.result.phone).toBeNull();

    // A job without a phone (no consent) gets no message; one with consent gets "ready", masked.
    const without = h.store.jobs.create(jobRequest(h, { plate: '粤B99999', phone: undefined, notifyConsent: undefined }), advisor).result;
    toReady(h, without.id);
    const job = h.store.jobs.create(jobRequest(h), advisor).result;
    toReady(h, job.id);
    const ready = messages(h).filter((m) => m.type === 'job.ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]!.text).toBe('【示例汽车4S店 售后服务中心】您的车辆 粤B·***45 车辆已完工，可以取车。');
  });

  it('queues nothing for a refused change, and one message however often its cause recurs', async () => {
    const r = await receiver();
    const { h } = hubWith({ webhook: { url: r.url, secret: SECRET } });
    const job = h.store.jobs.create(jobRequest(h), advisor).result;
    for (const to of ['waiting', 'repair', 'qc'] as const) h.store.jobs.move(job.id, to, h.key(), workshop);
    const key = h.key();
    h.store.jobs.move(job.id, 'ready', key, workshop);
    expect(h.store.jobs.move(job.id, 'ready', key, workshop).replayed).toBe(true);
    expect(() => h.store.jobs.move(job.id, 'ready', h.key(), workshop)).toThrow();
    expect(messages(h).map((m) => m.type)).toEqual(['job.ready']);
    h.store.jobs.move(job.id, 'delivered', h.key(), workshop);
    const delivered = messages(h)[1]!;
    expect(delivered.type).toBe('job.delivered');
    expect(delivered.link).toBe(`/t/${job.trackingToken}`);
  });

  it('asks for approval of additional work with the phone-page link', async () => {
    const r = await receiver();
    const { h } = hubWith({ webhook: { url: r.url, secret: SECRET } });
    h.store.outbox.publicUrl = 'http://192.168.1.20:8080';
    const job = h.store.jobs.create(jobRequest(h), advisor).result;
    h.store.jobs.flagAdditionalWork(job.id, '刹车片磨损', h.key(), workshop);
    const [asked] = messages(h);
    expect(asked).toMatchObject({ type: 'job.approval-needed', link: `http://192.168.1.20:8080/t/${job.trackingToken}` });
    expect(asked!.text).toContain(`http://192.168.1.20:8080/t/${job.trackingToken}`);
  });
});

describe('a fault in the outbox', () => {
  it('loses that message only, never the change that caused it', async () => {
    const r = await receiver();
    const { h } = hubWith({ webhook: { url: r.url, secret: SECRET } });
    const job = h.store.jobs.create(jobRequest(h), advisor).result;
    for (const to of ['waiting', 'repair', 'qc'] as const) h.store.jobs.move(job.id, to, h.key(), workshop);
    h.db.exec('DROP INDEX messages_by_phone; ALTER TABLE messages RENAME TO messages_gone');
    const moved = h.store.jobs.move(job.id, 'ready', h.key(), workshop);
    expect(moved.result.stage).toBe('ready');
    expect(h.store.jobs.get(job.id).stage).toBe('ready');
    expect(h.db.prepare('SELECT COUNT(*) FROM messages_gone').pluck().get()).toBe(0);
  });
});

describe('the dispatcher', () => {
  it('delivers a signed message the receiver verifies, and marks it sent only then', async () => {
    const r = await receiver();
    const { h, dispatcher } = hubWith({ webhook: { url: r.url, secret: SECRET } });
    const job = h.store.jobs.create(jobRequest(h), advisor).result;
    toReady(h, job.id);
    expect(await dispatcher.run()).toMatchObject({ sent: 1 });
    const [m] = messages(h);
    expect(r.refused).toEqual([]);
    expect(r.received).toEqual([{ id: m!.id, type: 'job.ready', createdAt: '2026-11-24T01:00:00.000Z', phone: '13812345678', jobId: job.id, text: m!.text }]);
    expect(m).toMatchObject({ status: 'sent', attempts: 1, channel: 'webhook', last_error: null });
    expect(await dispatcher.run()).toMatchObject({ sent: 0 });
    expect(r.received).toHaveLength(1);
  });

  it('keeps a message the receiver refuses (wrong secret) and retries it with backoff', async () => {
    const r = await receiver('the-receiver-expects-another-secret');
    const { h, dispatcher } = hubWith({ webhook: { url: r.url, secret: SECRET } });
    toReady(h, h.store.jobs.create(jobRequest(h), advisor).result.id);
    expect(await dispatcher.run()).toMatchObject({ sent: 0, retried: 1 });
    expect(r.refused).toEqual(['bad signature']);
    expect(messages(h)[0]).toMatchObject({ status: 'queued', attempts: 1, last_error: 'HTTP 401' });
    // Not due again before its 30 s backoff.
    h.clock.advance(29_000);
    await dispatcher.run();
    expect(r.refused).toHaveLength(1);
    h.clock.advance(1_000);
    await dispatcher.run();
    expect(r.refused).toHaveLength(2);
    expect(messages(h)[0]).toMatchObject({ status: 'queued', attempts: 2 });
  });

  it('outlasts an hour-long outage: delivered later, with the same id', async () => {
    const r = await receiver();
    const { h, dispatcher } = hubWith({ webhook: { url: r.url, secret: SECRET } });
    toReady(h, h.store.jobs.create(jobRequest(h), advisor).result.id);
    await r.stop();
    for (let minute = 0; minute < 60; minute++) {
      await dispatcher.run();
      h.clock.advance(60_000);
    }
    const during = messages(h)[0]!;
    expect(during).toMatchObject({ status: 'queued', last_error: 'ECONNREFUSED' });
    expect(during.attempts).toBeGreaterThan(3);
    await r.start();
    h.clock.advance(10 * 60_000);
    await dispatcher.run();
    expect(r.uniqueIds).toEqual([during.id]);
    expect(messages(h)[0]).toMatchObject({ id: during.id, status: 'sent' });
  });

  it('holds customer messages in quiet hours (injected clock) and sends them at 08:00', async () => {
    const r = await receiver();
    // 22:30 in Shanghai: quiet, and the store (closing 18:00 by default) is closed.
    const { h, dispatcher } = hubWith({ webhook: { url: r.url, secret: SECRET } }, '2026-11-24T14:30:00Z');
    toReady(h, h.store.jobs.create(jobRequest(h), advisor).result.id);
    expect(await dispatcher.run()).toMatchObject({ held: 1, sent: 0 });
    expect(messages(h)[0]).toMatchObject({ status: 'queued', last_error: 'quiet_hours', attempts: 0 });
    h.clock.set('2026-11-24T23:59:00Z'); // 07:59
    await dispatcher.run();
    expect(r.received).toEqual([]);
    h.clock.set('2026-11-25T00:00:00Z'); // 08:00
    expect(await dispatcher.run()).toMatchObject({ sent: 1 });
    expect(r.received).toHaveLength(1);
  });

  it('sends "ready for pickup" in quiet hours while the store is still open', async () => {
    const r = await receiver();
    const { h, dispatcher } = hubWith({ webhook: { url: r.url, secret: SECRET }, closingTime: '22:00' }, '2026-11-24T13:30:00Z'); // 21:30
    const job = h.store.jobs.create(jobRequest(h), advisor).result;
    h.store.jobs.flagAdditionalWork(job.id, '雨刮片', h.key(), workshop);
    h.store.jobs.answerAdditionalWork(job.id, true, h.key(), advisor);
    toReady(h, job.id);
    expect(await dispatcher.run()).toMatchObject({ sent: 1, held: 1 });
    expect(r.received.map((m) => m.type)).toEqual(['job.ready']);
  });

  it('limits messages per phone per hour', async () => {
    const r = await receiver();
    const { h, dispatcher } = hubWith({ webhook: { url: r.url, secret: SECRET }, maxPerPhonePerHour: 1 });
    const job = h.store.jobs.create(jobRequest(h), advisor).result;
    toReady(h, job.id);
    h.store.jobs.move(job.id, 'delivered', h.key(), workshop);
    expect(await dispatcher.run()).toMatchObject({ sent: 1, held: 1 });
    expect(messages(h)[1]).toMatchObject({ type: 'job.delivered', status: 'queued', last_error: 'rate_limited' });
    h.clock.advance(59 * 60_000);
    await dispatcher.run();
    expect(r.received).toHaveLength(1);
    h.clock.advance(60_000);
    await dispatcher.run();
    expect(r.received.map((m) => m.type)).toEqual(['job.ready', 'job.delivered']);
  });
});

describe('staff alerts to a WeCom group robot', () => {
  it('posts pre-inspection and complaint alerts; a wrong key is the robot errcode, retried', async () => {
    const robot = new FakeWeComRobot('robot-key-123');
    await robot.start();
    fakes.push(robot);
    const { h, dispatcher } = hubWith({ wecom: { key: 'robot-key-123', endpoint: robot.endpoint } });
    h.store.tickets.issue({ service: 'complaint', idempotencyKey: h.key() }, kiosk);
    for (const plate of ['粤B10001', '粤B10002', '粤B10003', '粤B10004']) {
      h.store.jobs.create(jobRequest(h, { plate, phone: undefined, notifyConsent: undefined }), advisor);
    }
    h.store.evaluateAlerts();
    expect(await dispatcher.run()).toMatchObject({ sent: 2 });
    expect(robot.received).toEqual([
      '【示例汽车4S店 售后服务中心】投诉客户已取号 H001，请优先接待。',
      '【示例汽车4S店 售后服务中心】预检区拥堵：4 辆车等候（提醒线 4 辆），请服务经理协调。',
    ]);

    h.store.updateSettings(
      { ...h.store.ctx.config, notify: { ...h.store.ctx.config.notify, wecom: { key: 'wrong-key-456', endpoint: robot.endpoint } } },
      h.key(),
      advisor,
    );
    h.store.tickets.issue({ service: 'complaint', idempotencyKey: h.key() }, kiosk);
    expect(await dispatcher.run()).toMatchObject({ retried: 1 });
    expect(messages(h)[2]).toMatchObject({ status: 'queued', last_error: 'errcode 93000: invalid webhook url' });
  });
});

describe('SMS through the Aliyun SDK', () => {
  it('sends with the approved template; the fake endpoint verifies the signature the SDK computed', async () => {
    const endpoint = new FakeAliyunSms('LTAI-test-id', 'the-access-key-secret');
    await endpoint.start();
    fakes.push(endpoint);
    const sms = (secret: string) => ({
      accessKeyId: 'LTAI-test-id',
      accessKeySecret: secret,
      signName: '示例汽车',
      templates: { 'job.ready': 'SMS_100001' },
      endpoint: endpoint.url,
    });
    // The SDK signs with the machine's clock, which the fake checks as Aliyun does; so the hub runs
    // on it too, with quiet hours off (start = end) whatever the hour of the test run.
    const always = { start: '00:00', end: '00:00' };
    const { h, dispatcher } = hubWith({ sms: sms('the-access-key-secret'), quietHours: always }, new Date().toISOString());
    toReady(h, h.store.jobs.create(jobRequest(h), advisor).result.id);
    expect(await dispatcher.run()).toMatchObject({ sent: 1 });
    const id = messages(h)[0]!.id;
    expect(endpoint.refused).toEqual([]);
    expect(endpoint.sent).toEqual([
      { phoneNumbers: '13812345678', signName: '示例汽车', templateCode: 'SMS_100001', templateParam: { plate: '粤B·***45' }, outId: id },
    ]);

    const other = hubWith({ sms: sms('a-wrong-access-key-secret'), quietHours: always }, new Date().toISOString());
    toReady(other.h, other.h.store.jobs.create(jobRequest(other.h), advisor).result.id);
    expect(await other.dispatcher.run()).toMatchObject({ retried: 1 });
    expect(endpoint.refused).toEqual(['SignatureDoesNotMatch']);
    expect(messages(other.h)[0]).toMatchObject({ status: 'queued', last_error: expect.stringContaining('SignatureDoesNotMatch') });
  });
});
