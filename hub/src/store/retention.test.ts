/**
 * Customer data is kept only as long as needed (个人信息保护法): after the retention setting,
 * phone numbers, full plates and surnames are gone from every table, the event log, the audit
 * log, the message outbox and stored idempotency replies — checked in the database file's own bytes.
 */
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advisor, kiosk, testHub } from './test-support.ts';

const OLD_PHONE = '13912345678';
const OLD_PLATE = '粤B54321';
const OLD_SURNAME = '欧阳';
const OLD_AGENT = 'OldPhoneBrowser/7.1 (unique-device-4711)';
const OLD_PHOTO = 'pixels-of-an-old-car-photo-0815';
const NEW_PHONE = '13800001111';
const NEW_PLATE = '粤A77777';

function fileHolds(file: string, text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(needle));
}

describe('retention of customer data', () => {
  it('removes phones, full plates and surnames older than the setting from every byte of the database, keeping the figures', () => {
    // With a message channel, so the outbox holds the old phone too (nothing sends in this test).
    const webhook = { url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars' };
    const h = testHub({ privacy: { retentionDays: 90 }, notify: { webhook } }, '2026-08-01T01:00:00Z');
    // An old visit with everything a store records: ticket, appointment, job, events, audit, idempotency reply.
    h.store.createAppointment(
      { service: 'maintenance', scheduledAt: '2026-08-01T02:00:00Z', plate: OLD_PLATE, phone: OLD_PHONE, customerName: OLD_SURNAME, idempotencyKey: h.key() },
      advisor,
    );
    const old = h.store.tickets.issue(
      { service: 'maintenance', plate: OLD_PLATE, phone: OLD_PHONE, notifyConsent: true, idempotencyKey: h.key() },
      kiosk,
    ).result;
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.act(old.id, 'start', h.key(), advisor);
    const job = h.store.jobs.create(
      {
        ticketId: old.id,
        plate: OLD_PLATE,
        phone: OLD_PHONE,
        notifyConsent: true,
        model: '凯美瑞',
        surname: OLD_SURNAME,
        title: '先生',
        services: ['maintenance'],
        promisedAt: '2026-08-01T06:00:00Z',
        wash: false,
        idempotencyKey: h.key(),
      },
      advisor,
    ).result;
    h.clock.advance(30 * 60_000);
    h.store.tickets.act(old.id, 'finish', h.key(), advisor);
    for (const to of ['waiting', 'repair'] as const) h.store.jobs.move(job.id, to, h.key(), advisor);
    // Additional work answered on the phone: the answer stays, the phone's user agent goes.
    h.store.jobs.createAdditionalWork(job.id, [{ description: '更换刹车片', priceYuan: 480 }], undefined, h.key(), advisor);
    const workId = h.store.jobs.get(job.id).additionalWork![0]!.id;
    // A photo of the car (it may show the plate): it goes whole.
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(OLD_PHOTO, 'utf8')]);
    h.store.jobs.addWorkPhoto(job.id, workId, 'image/png', photo, h.key(), advisor);
    h.store.jobs.answerWork(job.id, workId, [{ itemIndex: 0, approved: true }], { source: 'phone', userAgent: OLD_AGENT }, h.key(), { kind: 'anonymous' });
    for (const to of ['qc', 'ready', 'delivered'] as const) h.store.jobs.move(job.id, to, h.key(), advisor);
    const oldFigures = h.store.dayStats('2026-08-01');

    // A recent visit, 10 days ago.
    h.clock.set('2026-11-14T01:00:00Z');
    h.store.tickets.issue({ service: 'repair', plate: NEW_PLATE, phone: NEW_PHONE, notifyConsent: true, idempotencyKey: h.key() }, kiosk);

    h.clock.set('2026-11-24T01:00:00Z');
    expect(fileHolds(h.file, OLD_PHONE)).toBe(true); // the search finds what is there
    expect(fileHolds(h.file, OLD_AGENT)).toBe(true);
    expect(fileHolds(h.file, OLD_PHOTO)).toBe(true);
    const result = h.store.applyRetention();
    expect(result.result.tickets).toBe(1);
    expect(result.result.jobs).toBe(1);
    expect(result.result.appointments).toBe(1);
    expect(result.result.messages).toBe(6); // called, approval, ready, delivered; one user agent and one photo

    for (const secret of [OLD_PHONE, OLD_PLATE, OLD_SURNAME, OLD_AGENT, OLD_PHOTO]) expect(fileHolds(h.file, secret), secret).toBe(false);
    // Recent customers are untouched, and so are the old day's figures.
    expect(fileHolds(h.file, NEW_PHONE)).toBe(true);
    expect(fileHolds(h.file, NEW_PLATE)).toBe(true);
    expect(h.store.dayStats('2026-08-01')).toEqual(oldFigures);
    const masked = h.db.prepare('SELECT plate, phone, anonymized_at FROM tickets WHERE id = ?').get(old.id) as {
      plate: string;
      phone: string | null;
      anonymized_at: string;
    };
    expect(masked).toEqual({ plate: '粤B·***21', phone: null, anonymized_at: '2026-11-24T01:00:00.000Z' });
    // A second run has nothing left to do.
    expect(h.store.applyRetention().result).toEqual({
      tickets: 0,
      jobs: 0,
      appointments: 0,
      arrivals: 0,
      cases: 0,
      events: 0,
      audit: 0,
      idempotency: 0,
      messages: 0,
    });
  });

  it('keeps a phone only for a customer who agreed, with when and where it was asked', () => {
    const h = testHub();
    expect(() => h.store.tickets.issue({ service: 'repair', phone: NEW_PHONE, idempotencyKey: h.key() }, kiosk)).toThrow(
      expect.objectContaining({ code: 'phone_without_consent' }),
    );
    expect(h.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
    const t = h.store.tickets.issue({ service: 'repair', phone: NEW_PHONE, notifyConsent: true, idempotencyKey: h.key() }, kiosk).result;
    expect(h.db.prepare('SELECT notify_consent_at, consent_source FROM tickets WHERE id = ?').get(t.id)).toEqual({
      notify_consent_at: '2026-11-24T01:00:00.000Z',
      consent_source: 'device:1:kiosk 1',
    });
  });
});
