/**
 * "Your number is near" (issue #15 §3): a consented ticket that comes within
 * `notify.nearAhead` people of the head gets one `ticket.near` message, never repeated;
 * a ticket already that near when it was issued gets none (the customer just read it on
 * the ticket). Real SQLite file, injected clock.
 */
import { describe, expect, it } from 'vitest';
import type { NotifySettings } from '../../../shared/src/services.ts';
import { advisor, kiosk, testHub, type TestHub } from '../store/test-support.ts';

const webhook = { url: 'http://127.0.0.1:9/hook', secret: 'a-shared-secret-of-32-characters' };
const near = (h: TestHub) =>
  h.db.prepare(`SELECT ticket_number, text FROM messages WHERE type = 'ticket.near' ORDER BY rowid`).all() as { ticket_number: string; text: string }[];

function hub(nearAhead?: number): TestHub {
  return testHub({ notify: { webhook, ...(nearAhead !== undefined ? { nearAhead } : {}) } as NotifySettings });
}

const issue = (h: TestHub, phone?: string) =>
  h.store.tickets.issue({ service: 'maintenance', ...(phone ? { phone, notifyConsent: true } : {}), idempotencyKey: h.key() }, kiosk).result;

describe('the near notice', () => {
  it('tells each consented ticket once, when it comes within nearAhead of the head', () => {
    const h = hub(2);
    const tickets = ['13800000001', '13800000002', '13800000003', '13800000004', undefined, '13800000006'].map((p) => issue(h, p));
    expect(tickets.map((t) => t.ahead)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(near(h)).toEqual([]);

    h.store.tickets.callNext('1', h.key(), advisor); // A004 now has 2 ahead
    expect(near(h)).toEqual([{ ticket_number: 'A004', text: '【示例汽车4S店 售后服务中心】您的号码 A004 前面还有 2 位，请回到服务区留意叫号。' }]);
    // A recall moves nobody: nothing new, and A004 is never told twice.
    const called = h.store.tickets.today().find((t) => t.number === 'A001')!;
    h.clock.advance(60_000);
    h.store.tickets.act(called.id, 'recall', h.key(), advisor);
    h.store.tickets.callNext('2', h.key(), { ...advisor, id: 2, name: 'Chen' }); // A005 (no phone) near
    expect(near(h).map((m) => m.ticket_number)).toEqual(['A004']);
    h.store.tickets.callNext('3', h.key(), { ...advisor, id: 3, name: 'Wu' }); // A006 near
    expect(near(h).map((m) => m.ticket_number)).toEqual(['A004', 'A006']);
    h.store.tickets.act(tickets[3]!.id, 'cancel', h.key(), advisor);
    expect(near(h).map((m) => m.ticket_number)).toEqual(['A004', 'A006']);
  });

  it('is off with nearAhead 0', () => {
    const h = hub(0);
    for (let i = 1; i <= 4; i++) issue(h, `1380000000${i}`);
    for (const c of ['1', '2', '3']) h.store.tickets.callNext(c, h.key(), { ...advisor, id: Number(c), name: c });
    expect(near(h)).toEqual([]);
  });
});
