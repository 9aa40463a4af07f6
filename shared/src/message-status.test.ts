import { describe, expect, it } from 'vitest';
import { translator } from './i18n.ts';
import { messageStatusText, type MessageStatus } from './message-status.ts';

const zh = translator('zh-CN');
const en = translator('en');
const base: MessageStatus = { type: 'job.ready', status: 'queued', lastError: null, sentAt: null, nextAttemptAt: null };

describe('message status at the desk', () => {
  it('says what went and when, in store time', () => {
    expect(messageStatusText(zh, { ...base, status: 'sent', sentAt: '2026-11-24T02:05:00Z' }, 'Asia/Shanghai')).toBe('完工取车 · 已发送 10:05');
    expect(messageStatusText(en, { ...base, type: 'ticket.called', status: 'sent', sentAt: '2026-11-24T02:05:00Z' }, 'Asia/Shanghai')).toBe(
      'Called · sent 10:05',
    );
  });

  it('names the near notice and appointment messages (never "test")', () => {
    const sent = { ...base, status: 'sent' as const, sentAt: '2026-11-24T02:05:00Z' };
    expect(messageStatusText(zh, { ...sent, type: 'ticket.near' }, 'Asia/Shanghai')).toBe('即将叫号 · 已发送 10:05');
    expect(messageStatusText(en, { ...sent, type: 'appointment.reminder' }, 'Asia/Shanghai')).toBe('Appointment reminder · sent 10:05');
    expect(messageStatusText(zh, { ...sent, type: 'appointment.confirmed' }, 'Asia/Shanghai')).toBe('预约确认 · 已发送 10:05');
  });

  it('says why a message waits or failed, with the provider code but no internals', () => {
    const held = { ...base, lastError: 'quiet_hours', nextAttemptAt: '2026-11-25T00:00:00Z' };
    expect(messageStatusText(zh, held, 'Asia/Shanghai')).toBe('完工取车 · 待发送 · 夜间免打扰，08:00 发送');
    expect(messageStatusText(zh, { ...base, lastError: 'ECONNREFUSED' }, 'Asia/Shanghai')).toBe('完工取车 · 待发送 · 连不上服务商，将自动重试');
    expect(
      messageStatusText(zh, { ...base, type: 'job.delivered', status: 'failed', lastError: 'isv.MOBILE_NUMBER_ILLEGAL: 号码不合法' }, 'Asia/Shanghai'),
    ).toBe('交车评价 · 未发出 · 服务商拒收（isv.MOBILE_NUMBER_ILLEGAL: 号码不合法）');
    expect(messageStatusText(en, { ...base, status: 'failed', lastError: 'expired (last: HTTP 503)' }, 'Asia/Shanghai')).toBe(
      'Ready · not sent · too late to be useful',
    );
  });
});
