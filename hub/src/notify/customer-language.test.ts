/**
 * Messages in the customer's language (issue #15 §3): the one used at the kiosk or chosen at
 * booking, kept with the ticket or appointment; the store's `notify.language` without one.
 */
import { describe, expect, it } from 'vitest';
import type { NotifySettings } from '../../../shared/src/services.ts';
import { advisor, kiosk, testHub, type TestHub } from '../store/test-support.ts';

const webhook = { url: 'http://127.0.0.1:9/hook', secret: 'a-shared-secret-of-32-characters' };
const workshop = { kind: 'staff' as const, id: 5, name: 'Zhao', role: 'workshop' as const };
const texts = (h: TestHub) => h.db.prepare('SELECT type, text FROM messages ORDER BY rowid').all() as { type: string; text: string }[];

function hub(language?: NotifySettings['language']): TestHub {
  return testHub({ notify: { webhook, ...(language ? { language } : {}) } as NotifySettings });
}

describe('the customer’s language', () => {
  it('calls a ticket in the language the customer used at the kiosk, and keeps it on the ticket', () => {
    const h = hub();
    const en = h.store.tickets.issue(
      { service: 'maintenance', phone: '13812345678', notifyConsent: true, language: 'en', idempotencyKey: h.key() },
      kiosk,
    ).result;
    const tw = h.store.tickets.issue(
      { service: 'maintenance', phone: '13812345679', notifyConsent: true, language: 'zh-TW', idempotencyKey: h.key() },
      kiosk,
    ).result;
    const plain = h.store.tickets.issue({ service: 'maintenance', phone: '13812345670', notifyConsent: true, idempotencyKey: h.key() }, kiosk).result;
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.callNext('2', h.key(), { ...advisor, id: 2, name: 'Chen' });
    h.store.tickets.callNext('3', h.key(), { ...advisor, id: 3, name: 'Wu' });
    expect(texts(h).map((m) => m.text)).toEqual([
      `Demo Motors Service Centre: number ${en.number} is called, please go to Counter 1.`,
      `【示例汽車4S店 售後服務中心】您的號碼 ${tw.number} 已叫到，請到2號服務台辦理。`,
      `【示例汽车4S店 售后服务中心】您的号码 ${plain.number} 已叫到，请到3号服务台办理。`,
    ]);
    expect(h.db.prepare('SELECT language FROM tickets ORDER BY id').pluck().all()).toEqual(['en', 'zh-TW', null]);
  });

  it('falls back to the store’s language, and tells a job’s progress in its ticket’s language', () => {
    const h = hub('zh-TW');
    const ticket = h.store.tickets.issue(
      { service: 'maintenance', plate: '粤B12345', phone: '13812345678', notifyConsent: true, language: 'en', idempotencyKey: h.key() },
      kiosk,
    ).result;
    const job = h.store.jobs.create(
      {
        ticketId: ticket.id,
        plate: '粤B12345',
        model: 'Camry',
        surname: '王',
        title: '先生',
        services: ['maintenance'],
        promisedAt: '2026-11-24T05:00:00Z',
        wash: false,
        idempotencyKey: h.key(),
      },
      advisor,
    ).result;
    for (const to of ['waiting', 'repair', 'qc', 'ready'] as const) h.store.jobs.move(job.id, to, h.key(), workshop);
    h.store.appointments.book(
      { service: 'maintenance', scheduledAt: '2026-11-25T02:00:00Z', phone: '13900000000', notifyConsent: true, code: 'APPT00001', idempotencyKey: h.key() },
      advisor,
    );
    h.store.appointments.book(
      {
        service: 'maintenance',
        scheduledAt: '2026-11-25T02:30:00Z',
        phone: '13900000001',
        notifyConsent: true,
        language: 'en',
        code: 'APPT00002',
        idempotencyKey: h.key(),
      },
      advisor,
    );
    expect(texts(h)).toEqual([
      { type: 'job.ready', text: 'Demo Motors Service Centre: 粤B·***45 is ready for pickup.' },
      { type: 'appointment.confirmed', text: '【示例汽車4S店 售後服務中心】您已預約 11月25日 10:00 保養，預約碼 APPT00001。' },
      { type: 'appointment.confirmed', text: 'Demo Motors Service Centre: your Maintenance appointment is booked for 25 Nov 10:30, code APPT00002.' },
    ]);
  });
});
