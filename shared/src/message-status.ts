/**
 * One short phrase per customer message for the desk (issue #15): its kind, whether it went, and
 * if not why, in the page's language. The provider's own code (HTTP 503, errcode 93000, isv.…)
 * stays in brackets so staff can pass it on; internals like ECONNREFUSED become a sentence. Pure.
 */
import type { Translate } from './i18n.ts';
import { SMS_MESSAGE_TYPES } from './services.ts';
import { localClock } from './time.ts';

export interface MessageStatus {
  type: string;
  status: 'queued' | 'sent' | 'failed';
  lastError: string | null;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

/** Every customer message type has its own sentence (and SMS template slot). */
const KNOWN_TYPES = SMS_MESSAGE_TYPES;
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|timeout|fetch failed)/;

function kind(t: Translate, type: string): string {
  const known = KNOWN_TYPES.find((k) => k === type);
  return known ? t(`messages.type.${known}`) : t('messages.type.other');
}

function reason(t: Translate, m: MessageStatus, timeZone: string): string {
  const error = m.lastError ?? '';
  const at = m.nextAttemptAt ? localClock(new Date(m.nextAttemptAt), timeZone) : '';
  if (error === 'quiet_hours') return t('messages.reason.quiet_hours', { time: at });
  if (error === 'rate_limited') return t('messages.reason.rate_limited', { time: at });
  if (error === 'no_channel') return t('messages.reason.no_channel');
  if (error.startsWith('expired')) return t('messages.reason.expired');
  if (NETWORK.test(error)) return t('messages.reason.unreachable');
  return t(m.status === 'failed' ? 'messages.reason.refusedFinal' : 'messages.reason.refused', { detail: error.slice(0, 60) });
}

export function messageStatusText(t: Translate, m: MessageStatus, timeZone: string): string {
  if (m.status === 'sent') return `${kind(t, m.type)} · ${t('messages.sent', { time: m.sentAt ? localClock(new Date(m.sentAt), timeZone) : '' })}`;
  const state = t(m.status === 'failed' ? 'messages.failed' : 'messages.queued');
  return m.lastError ? `${kind(t, m.type)} · ${state} · ${reason(t, m, timeZone)}` : `${kind(t, m.type)} · ${state}`;
}
