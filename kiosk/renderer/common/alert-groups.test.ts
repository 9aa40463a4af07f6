import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/src/i18n.ts';
import type { Alert, CounterStatus, Ticket } from '../../../shared/src/protocol.ts';
import { duration, groupAlerts } from './alert-groups.ts';

const t = translator('zh-CN');
const NOW = Date.parse('2026-11-24T02:00:00Z');
const iso = (msAgo: number): string => new Date(NOW - msAgo).toISOString();

const alert = (id: number, kind: string, subject: Alert['subject'], more: Partial<Alert> = {}): Alert => ({
  id,
  kind,
  audience: 'desk',
  subject,
  businessDay: '2026-11-24',
  raisedAt: iso(60_000),
  resolvedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...more,
});
const waiting = (id: number, msAgo: number, calls = 0) => ({ id, status: 'waiting', calls, issuedAt: iso(msAgo) }) as unknown as Ticket;

describe('alert groups', () => {
  it('says how many customers wait past the limit and the longest wait, live from the tickets', () => {
    const greeting = alert(1, 'greeting_wait', { count: 2, limitSeconds: 60, cause: 'idle', oldestIssuedAt: iso(120_000) });
    const tickets = [
      waiting(1, 7 * 60_000 + 5_000),
      waiting(2, 90_000),
      waiting(3, 61_000),
      waiting(4, 30_000),
      waiting(5, 400_000, 1),
      waiting(6, 70_000),
      waiting(7, 65_000),
    ];
    const open = [{ counterId: '1', state: 'open', ticketNumber: null }] as unknown as CounterStatus[];
    const [group] = groupAlerts([greeting], { tickets, counters: open }, NOW, t);
    expect(group!.text).toBe('5 位客户等候超过 1 分钟，最长 7 分钟');
    expect(group!.hint).toBe('有空闲服务台，请尽快叫号');
    // Lunch: every counter paused — the line says more hands are needed.
    const paused = [{ counterId: '1', state: 'paused', ticketNumber: null }] as unknown as CounterStatus[];
    expect(groupAlerts([greeting], { tickets, counters: paused }, NOW, t)[0]!.hint).toBe('所有服务台忙碌或暂停，请增派人手接待');
    // Everybody called: the line goes away although the hub has not resolved it yet.
    expect(groupAlerts([greeting], { tickets: [waiting(1, 7 * 60_000, 1)], counters: open }, NOW, t)).toEqual([]);
  });

  it('groups per kind, most urgent first, counts unacknowledged ones and drops resolved ones', () => {
    const groups = groupAlerts(
      [
        alert(1, 'printer_fault', { detail: '纸将用尽' }),
        alert(2, 'preinspection_dwell', { plate: '粤B·***45', minutes: 21, since: iso(25 * 60_000) }),
        alert(3, 'preinspection_dwell', { plate: '粤B·***46', minutes: 21, since: iso(21 * 60_000) }, { acknowledgedAt: iso(1000) }),
        alert(4, 'preinspection_dwell', { plate: '粤B·***47', minutes: 21, since: iso(90 * 60_000) }, { resolvedAt: iso(1000) }),
      ],
      null,
      NOW,
      t,
    );
    expect(groups.map((g) => [g.kind, g.alerts.length, g.unacknowledged])).toEqual([
      ['preinspection_dwell', 2, 1],
      ['printer_fault', 1, 1],
    ]);
    expect(groups[0]!.text).toBe('2 辆车在预检区停留过久，最长 25 分钟（粤B·***45、粤B·***46）');
  });

  it('puts complaints past their promised reply first after late greetings, with how late the oldest is', () => {
    const groups = groupAlerts(
      [
        alert(1, 'printer_fault', { detail: '纸将用尽' }),
        alert(2, 'complaint_overdue', { caseId: 1, plate: '粤B·***45', promisedReplyAt: iso(12 * 60_000) }),
        alert(3, 'complaint_overdue', { caseId: 2, plate: '', promisedReplyAt: iso(3 * 60_000) }),
      ],
      null,
      NOW,
      t,
    );
    expect(groups.map((g) => g.kind)).toEqual(['complaint_overdue', 'printer_fault']);
    expect(groups[0]!.text).toBe('2 个投诉已过承诺回复时间仍未联系客户，最久超时 12 分钟');
  });

  it('writes durations as people say them', () => {
    expect(duration(45, t)).toBe('45 秒');
    expect(duration(7 * 60 + 59, t)).toBe('7 分钟');
    expect(duration(65 * 60, t)).toBe('1 小时 5 分钟');
  });
});
