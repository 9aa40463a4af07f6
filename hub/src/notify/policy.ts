/**
 * When a queued message may go out (issue #15). Pure: the caller passes the time and what was
 * already sent; nothing here reads a clock or a database.
 */
import { SMS_MESSAGE_TYPES } from '../../../shared/src/services.ts';
import { localDateTime } from '../../../shared/src/time.ts';

/** Every customer message type, each with its SMS template slot in the settings. */
export const CUSTOMER_TYPES = SMS_MESSAGE_TYPES;
export type CustomerMessageType = (typeof CUSTOMER_TYPES)[number];
export type MessageType = CustomerMessageType | 'staff.alert' | 'staff.test' | 'customer.test';

export interface PolicySettings {
  timeZone: string;
  openingTime: string;
  closingTime: string;
  quietHours: { start: string; end: string };
  maxPerPhonePerHour: number;
}

export interface PendingMessage {
  type: MessageType;
  audience: 'customer' | 'staff';
  createdAt: number;
}

export type Decision = { kind: 'send' } | { kind: 'wait'; until: number; reason: 'quiet_hours' | 'rate_limited' } | { kind: 'give_up'; reason: string };

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * How long a message stays worth sending. Long enough to outlast an hour-long provider outage;
 * a call notice a day late would only confuse.
 */
export const MAX_AGE_MS: Record<MessageType, number> = {
  'ticket.called': 3 * HOUR,
  // Worth little once the number is called.
  'ticket.near': HOUR,
  'job.approval-needed': 24 * HOUR,
  'job.ready': 24 * HOUR,
  'job.delivered': 48 * HOUR,
  'appointment.confirmed': 24 * HOUR,
  // Due up to three days before the slot; held by quiet hours at most a night.
  'appointment.reminder': 12 * HOUR,
  'staff.alert': 6 * HOUR,
  'staff.test': HOUR,
  'customer.test': HOUR,
};

/** Delay before attempt `failures + 1`: 30 s doubling, at most 10 min, so a provider back up is used within 10 min. */
export function backoffMs(failures: number): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(30_000 * 2 ** Math.min(exponent, 20), 10 * MINUTE);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Whether `minute` (since local midnight) lies in [start, end), a range that may wrap midnight. */
function within(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The instant quiet hours end, or null when `now` is outside them. Whole minutes in the store's zone. */
export function quietUntil(now: number, settings: PolicySettings): number | null {
  const local = localDateTime(new Date(now), settings.timeZone);
  const start = minutesOf(settings.quietHours.start);
  const end = minutesOf(settings.quietHours.end);
  if (start === end || !within(local.minutes, start, end)) return null;
  const ahead = (end - local.minutes + 1440) % 1440;
  const startOfMinute = now - (now % MINUTE);
  return startOfMinute + ahead * MINUTE;
}

export function storeOpen(now: number, settings: PolicySettings): boolean {
  const minute = localDateTime(new Date(now), settings.timeZone).minutes;
  return within(minute, minutesOf(settings.openingTime), minutesOf(settings.closingTime));
}

/** When the next message to a phone may go, given the times of those sent in the last hour; null = now. */
export function rateLimitedUntil(sentAt: readonly number[], now: number, maxPerHour: number): number | null {
  const recent = sentAt.filter((t) => t > now - HOUR).sort((a, b) => a - b);
  if (recent.length < maxPerHour) return null;
  // The oldest that must leave the window before one more fits.
  return recent[recent.length - maxPerHour]! + HOUR;
}

/**
 * Quiet hours 21:00–08:00 (settable) hold customer messages, except "ready for pickup" while
 * the store is still open; staff alerts always go. Then the per-phone rate limit.
 */
export function decide(message: PendingMessage, now: number, sentToPhone: readonly number[], settings: PolicySettings): Decision {
  if (now - message.createdAt > MAX_AGE_MS[message.type]) return { kind: 'give_up', reason: 'expired' };
  if (message.audience === 'staff') return { kind: 'send' };
  const quiet = quietUntil(now, settings);
  if (quiet !== null && !(message.type === 'job.ready' && storeOpen(now, settings))) return { kind: 'wait', until: quiet, reason: 'quiet_hours' };
  const limited = rateLimitedUntil(sentToPhone, now, settings.maxPerPhonePerHour);
  if (limited !== null) return { kind: 'wait', until: limited, reason: 'rate_limited' };
  return { kind: 'send' };
}
