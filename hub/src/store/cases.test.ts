/**
 * Issue #16 §3 with the injected clock: a complaint at the kiosk opens a case and alerts the
 * manager at once; the first contact ends the alert; the case closes with its resolution; the
 * figures give open cases, time to first contact and time to close. Cases show customers masked
 * and never reach public clients.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreConfigInput } from '../../../shared/src/services.ts';
import { toPublicEvent } from './projection.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const manager = { kind: 'staff', id: 2, name: '赵经理', role: 'manager' } as const;

describe('complaints as cases', () => {
  it('opens a case from the kiosk complaint choice and alerts the manager at once, masked, and never publicly', () => {
    const issued = h.store.tickets.issue({ service: 'complaint', plate: '粤B12345', idempotencyKey: h.key() }, kiosk);
    const types = issued.events.map((e) => e.type);
    expect(types).toEqual(['ticket.issued', 'alert.raised', 'case.opened']);
    const raised = issued.events.find((e) => e.type === 'alert.raised');
    expect(raised).toMatchObject({ alert: { kind: 'complaint_case', audience: 'manager', subject: { plate: '粤B·***45' } } });
    const [open] = h.store.cases.openCases();
    expect(open).toMatchObject({
      ticketId: issued.result.id,
      maskedPlate: '粤B·***45',
      topic: null,
      status: 'open',
      promisedReplyAt: new Date(h.clock.now().getTime() + 30 * 60_000).toISOString(),
      replyOverdue: false,
    });
    expect(JSON.stringify(open)).not.toContain('粤B12345');
    // Public clients see neither the case nor the alert.
    for (const event of issued.events.filter((e) => e.type !== 'ticket.issued')) expect(toPublicEvent(event).type).toBe('private');
    expect(h.store.staffSnapshot().cases).toHaveLength(1);
    // A complaint customer's car is not a pre-inspection arrival.
    expect(h.store.arrivals.open()).toEqual([]);
  });

  it('alerts the desk and the manager once the promised reply time has passed without a contact, until a contact or the close', () => {
    const overdue = () => h.store.alerts.list({ openOnly: true }).filter((a) => a.kind === 'complaint_overdue');
    const first = h.store.cases.open({ topic: '异响', plate: '粤B54321', idempotencyKey: h.key() }, advisor).result;
    const second = h.store.cases.open({ topic: '等待太久', idempotencyKey: h.key() }, advisor).result;
    h.clock.advance(30 * 60_000); // exactly the promised 30 minutes: not late yet
    h.store.evaluateAlerts();
    expect(overdue()).toEqual([]);
    h.clock.advance(60_000);
    const raised = h.store.evaluateAlerts();
    expect(raised.result).toEqual({ raised: 2, resolved: 0 });
    expect(overdue()).toHaveLength(2);
    expect(overdue()[0]).toMatchObject({ audience: 'desk', subject: { caseId: first.id, plate: '粤B·***21', promisedReplyAt: first.promisedReplyAt } });
    expect(JSON.stringify(overdue())).not.toContain('粤B54321');
    h.clock.advance(10 * 60_000);
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 0, resolved: 0 }); // still one alert per case
    // A contact note ends it at once, in the same command; closing the other ends its own.
    const noted = h.store.cases.note(first.id, '已致电客户', true, h.key(), advisor);
    expect(noted.events.flatMap((e) => (e.type === 'alert.resolved' ? [e.alert.kind] : []))).toEqual(['complaint_case', 'complaint_overdue']);
    expect(overdue().map((a) => a.subject.caseId)).toEqual([second.id]);
    h.store.cases.close(second.id, '已道歉并赠送保养券', h.key(), manager);
    expect(overdue()).toEqual([]);
    h.clock.advance(60 * 60_000);
    expect(h.store.evaluateAlerts().result).toEqual({ raised: 0, resolved: 0 });
  });

  it('sends the overdue reply to the manager’s WeCom group, plate masked', () => {
    h = testHub({ notify: { wecom: { key: 'robot-key-123' } } as StoreConfigInput['notify'] });
    h.store.cases.open({ topic: '异响', plate: '粤B54321', idempotencyKey: h.key() }, advisor);
    h.clock.advance(31 * 60_000);
    h.store.evaluateAlerts();
    const texts = h.db.prepare(`SELECT text FROM messages WHERE type = 'staff.alert'`).pluck().all();
    expect(texts).toEqual(['【示例汽车4S店 售后服务中心】投诉案例 1（粤B·***21）已过承诺回复时间，仍未联系客户，请服务经理跟进。']);
  });

  it('ends the alert at the first contact, closes with a resolution, and gives the figures', () => {
    const kioskCase = (h.store.tickets.issue({ service: 'complaint', idempotencyKey: h.key() }, kiosk), h.store.cases.openCases()[0]!);
    h.clock.advance(5 * 60_000);
    const staffCase = h.store.cases.open(
      { topic: '保养后仍有异响', plate: '粤B54321', customer: '李女士', phone: '13800138000', idempotencyKey: h.key() },
      advisor,
    ).result;
    expect(staffCase).toMatchObject({ customer: '李女士', maskedPhone: '138****8000', maskedPlate: '粤B·***21' });
    expect(h.store.alerts.list({ openOnly: true }).filter((a) => a.kind === 'complaint_case')).toHaveLength(2);

    h.store.cases.assign(kioskCase.id, '赵经理', undefined, h.key(), manager);
    h.clock.advance(10 * 60_000); // the kiosk case: 15 minutes to first contact
    h.store.cases.note(kioskCase.id, '电话联系客户，约定今天下午回访', true, h.key(), manager);
    expect(h.store.alerts.list({ openOnly: true }).filter((a) => a.kind === 'complaint_case')).toHaveLength(1);
    h.clock.advance(30 * 60_000); // the staff case: 40 minutes, past its promised 30
    expect(h.store.cases.get(staffCase.id).replyOverdue).toBe(true);
    h.store.cases.note(staffCase.id, '已致电客户', true, h.key(), advisor);
    expect(h.store.alerts.list({ openOnly: true }).filter((a) => a.kind === 'complaint_case')).toEqual([]);
    h.clock.advance(15 * 60_000); // the kiosk case closes 60 minutes after opening
    const closed = h.store.cases.close(kioskCase.id, '免费复检，客户满意', h.key(), manager).result;
    expect(closed).toMatchObject({ status: 'closed', owner: '赵经理', resolution: '免费复检，客户满意' });
    expect(closed.notes.map((n) => n.kind)).toEqual(['contact', 'close']);
    expect(() => h.store.cases.note(kioskCase.id, 'x', false, h.key(), manager)).toThrow(expect.objectContaining({ status: 409, code: 'case_closed' }));

    expect(h.store.cases.figures('2026-11-24', '2026-11-24')).toEqual({
      from: '2026-11-24',
      to: '2026-11-24',
      opened: 2,
      open: 1,
      closed: 1,
      firstContactMedianMinutes: (15 + 40) / 2,
      closeMedianMinutes: 60,
      repliedLate: 1,
    });
    expect(h.store.cases.between('2026-11-01', '2026-11-30').map((c) => c.id)).toEqual([kioskCase.id, staffCase.id]);
  });
});
