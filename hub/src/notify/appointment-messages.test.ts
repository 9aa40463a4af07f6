/**
 * Appointment messages (issues #15 §3, #16 §1): `appointment.confirmed` when booked and
 * `appointment.reminder` before the slot, only with recorded consent, held by quiet hours;
 * a real SQLite file, an injected clock and the signature-checking webhook fake.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateAppointmentRequest } from '../../../shared/src/protocol.ts';
import type { NotifySettings, StoreConfigInput } from '../../../shared/src/services.ts';
import { advisor, testHub, type TestHub } from '../store/test-support.ts';
import { Dispatcher } from './dispatcher.ts';
import { FakeWebhookReceiver } from './fake-providers.ts';

const SECRET = 'a-shared-secret-of-32-characters';
const fakes: FakeWebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});

async function setUp(config: Partial<StoreConfigInput> = {}, start?: string): Promise<{ h: TestHub; r: FakeWebhookReceiver; dispatcher: Dispatcher }> {
  const r = new FakeWebhookReceiver(SECRET);
  await r.start();
  fakes.push(r);
  const h = testHub({ ...config, notify: { webhook: { url: r.url, secret: SECRET } } as NotifySettings }, start);
  const dispatcher = new Dispatcher(h.store.outbox, h.clock, () => ({
    ...h.store.ctx.config.notify,
    timeZone: h.store.ctx.config.timeZone,
    openingTime: h.store.ctx.config.openingTime,
  }));
  return { h, r, dispatcher };
}

const booking = (h: TestHub, patch: Partial<CreateAppointmentRequest> = {}): CreateAppointmentRequest => ({
  service: 'maintenance',
  scheduledAt: '2026-11-25T02:00:00Z', // 10:00 tomorrow in Shanghai
  plate: '粤B12345',
  phone: '13812345678',
  customerName: '王先生',
  notifyConsent: true,
  idempotencyKey: h.key(),
  ...patch,
});

const messages = (h: TestHub) =>
  h.db.prepare('SELECT type, phone, text, status, last_error FROM messages ORDER BY rowid').all() as {
    type: string;
    phone: string;
    text: string;
    status: string;
    last_error: string | null;
  }[];

describe('appointment messages', () => {
  it('confirms a booking only when the customer agreed, and records the consent with time and source', async () => {
    const { h, r, dispatcher } = await setUp();
    const agreed = h.store.appointments.book(booking(h), advisor).result;
    const silent = h.store.appointments.book(booking(h, { plate: '粤B99999', phone: '13900000000', notifyConsent: undefined }), advisor).result;
    expect(messages(h)).toHaveLength(1);
    const [confirmed] = messages(h);
    expect(confirmed).toMatchObject({ type: 'appointment.confirmed', phone: '13812345678', status: 'queued' });
    expect(confirmed!.text).toBe(`【示例汽车4S店 售后服务中心】您已预约 11月25日 10:00 保养，车辆 粤B·***45，预约码 ${agreed.code}。`);
    const consent = h.db.prepare('SELECT notify_consent_at, consent_source FROM appointments WHERE id = ?').all(agreed.id);
    expect(consent).toEqual([{ notify_consent_at: '2026-11-24T01:00:00.000Z', consent_source: 'staff:1:Li' }]);
    expect(h.db.prepare('SELECT notify_consent_at FROM appointments WHERE id = ?').pluck().get(silent.id)).toBeNull();
    expect(await dispatcher.run()).toMatchObject({ sent: 1 });
    expect(r.received.map((m) => m.type)).toEqual(['appointment.confirmed']);
  });

  it('sends the reminder once, when it falls due on the injected clock, and never without consent', async () => {
    const { h, r, dispatcher } = await setUp();
    h.store.appointments.book(booking(h), advisor);
    h.store.appointments.book(booking(h, { plate: '粤B99999', phone: '13900000000', notifyConsent: undefined }), advisor);
    await dispatcher.run();
    h.clock.set('2026-11-24T01:59:00Z'); // 24 h and 1 min before
    await dispatcher.run();
    expect(messages(h).map((m) => m.type)).toEqual(['appointment.confirmed']);
    h.clock.set('2026-11-24T02:00:00Z');
    expect(await dispatcher.run()).toMatchObject({ sent: 1 });
    const reminder = messages(h)[1]!;
    expect(reminder).toMatchObject({ type: 'appointment.reminder', phone: '13812345678', status: 'sent' });
    expect(reminder.text).toBe('【示例汽车4S店 售后服务中心】提醒：您预约了 11月25日 10:00 保养（车辆 粤B·***45），请准时到店。');
    h.clock.advance(60 * 60_000);
    await dispatcher.run();
    expect(messages(h)).toHaveLength(2);
    expect(r.received.map((m) => m.type)).toEqual(['appointment.confirmed', 'appointment.reminder']);
    // The unconsented booking was marked neither reminded nor messaged.
    expect(h.db.prepare(`SELECT COUNT(*) FROM messages WHERE phone = '13900000000'`).pluck().get()).toBe(0);
  });

  it('holds a reminder that falls due in quiet hours until they end', async () => {
    // Reminded 12 h before a 09:00 slot: due at 21:00, quiet until 08:00.
    const { h, r, dispatcher } = await setUp({ appointments: { reminderHoursBefore: 12 } as StoreConfigInput['appointments'] });
    h.store.appointments.book(booking(h, { scheduledAt: '2026-11-25T01:00:00Z' }), advisor);
    await dispatcher.run();
    h.clock.set('2026-11-24T13:00:00Z'); // 21:00
    expect(await dispatcher.run()).toMatchObject({ held: 1, sent: 0 });
    expect(messages(h)[1]).toMatchObject({ type: 'appointment.reminder', status: 'queued', last_error: 'quiet_hours' });
    h.clock.set('2026-11-25T00:00:00Z'); // 08:00
    expect(await dispatcher.run()).toMatchObject({ sent: 1 });
    expect(r.received.map((m) => m.type)).toEqual(['appointment.confirmed', 'appointment.reminder']);
  });

  it('confirms a move with the new time; a cancelled booking gets no reminder', async () => {
    const { h, dispatcher } = await setUp();
    const a = h.store.appointments.book(booking(h), advisor).result;
    h.store.appointments.move(a.id, '2026-11-25T03:00:00Z', undefined, h.key(), advisor);
    expect(messages(h).map((m) => m.text.match(/\d+:\d+/)?.[0])).toEqual(['10:00', '11:00']);
    h.store.appointments.cancel(a.id, undefined, h.key(), advisor);
    h.clock.set('2026-11-24T03:00:00Z');
    await dispatcher.run();
    expect(messages(h).map((m) => m.type)).toEqual(['appointment.confirmed', 'appointment.confirmed']);
  });
});
