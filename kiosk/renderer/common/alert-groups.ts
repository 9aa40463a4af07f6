/**
 * Open alerts grouped by kind for the consoles' compact alert area (issue #14 item 1): one line
 * per kind with a count and durations that tick with the clock. Pure: alerts, tickets and the
 * time in, lines out.
 */
import type { Translate } from '../../../shared/src/i18n.ts';
import type { Alert, CounterStatus, Ticket } from '../../../shared/src/protocol.ts';

/** What a console knows live: its tickets and the counters' states. */
export interface LiveState {
  tickets: readonly Ticket[];
  counters: readonly CounterStatus[];
}

export interface AlertGroup {
  kind: string;
  /** The sentence shown, in the console's language. */
  text: string;
  /** Second sentence: what to do (may be empty). */
  hint: string;
  alerts: Alert[];
  /** Alerts of the group nobody acknowledged yet. */
  unacknowledged: number;
}

/** Most urgent first: customers waiting, then the workshop, then devices. */
const ORDER = ['greeting_wait', 'complaint_overdue', 'complaint_case', 'preinspection_congestion', 'preinspection_dwell', 'printer_fault', 'device_fault'];

/** "45 秒", "7 分钟", "1 小时 5 分钟". */
export function duration(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return t('duration.seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('duration.minutes', { n: m });
  return t('duration.hours', { h: Math.floor(m / 60), m: m % 60 });
}

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const secondsSince = (iso: string, now: number): number => (now - Date.parse(iso)) / 1000;

export function groupAlerts(alerts: readonly Alert[], live: LiveState | null, now: number, t: Translate): AlertGroup[] {
  const byKind = new Map<string, Alert[]>();
  for (const alert of alerts) {
    if (alert.resolvedAt) continue; // its cause ended: it leaves the screen by itself
    byKind.set(alert.kind, [...(byKind.get(alert.kind) ?? []), alert]);
  }
  const groups: AlertGroup[] = [];
  for (const [kind, list] of byKind) {
    const line = describe(kind, list, live, now, t);
    if (!line) continue;
    groups.push({ kind, ...line, alerts: list, unacknowledged: list.filter((a) => !a.acknowledgedAt).length });
  }
  const rank = (kind: string): number => (ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length);
  return groups.sort((a, b) => rank(a.kind) - rank(b.kind));
}

function describe(kind: string, list: Alert[], live: LiveState | null, now: number, t: Translate): { text: string; hint: string } | null {
  const latest = list.reduce((a, b) => (b.raisedAt > a.raisedAt ? b : a));
  const subject = latest.subject;
  switch (kind) {
    case 'greeting_wait': {
      const limitSeconds = num(subject.limitSeconds, 60);
      // Live from the console's own tickets when it has them: the count follows every call.
      let count = num(subject.count, 1);
      let longest = subject.oldestIssuedAt ? secondsSince(str(subject.oldestIssuedAt), now) : num(subject.waitedSeconds);
      let busy = subject.cause === 'busy';
      if (live) {
        const late = live.tickets.filter((x) => x.status === 'waiting' && x.calls === 0 && secondsSince(x.issuedAt, now) > limitSeconds);
        if (!late.length) return null;
        count = late.length;
        longest = Math.max(...late.map((x) => secondsSince(x.issuedAt, now)));
        busy = !live.counters.some((c) => c.state === 'open' && c.ticketNumber === null);
      }
      return {
        text: t('alertGroup.greeting_wait', { count, limit: duration(limitSeconds, t), longest: duration(longest, t) }),
        hint: busy ? t('alertGroup.greeting_wait.busy') : t('alertGroup.greeting_wait.idle'),
      };
    }
    case 'preinspection_congestion':
      return {
        text: t('alertGroup.preinspection_congestion', {
          vehicles: num(subject.vehicles),
          limit: num(subject.limit),
          longest: duration(secondsSince(latest.raisedAt, now), t),
        }),
        hint: '',
      };
    case 'preinspection_dwell': {
      const longest = Math.max(...list.map((a) => (a.subject.since ? secondsSince(str(a.subject.since), now) : num(a.subject.minutes) * 60)));
      const plates = list.slice(0, 3).map((a) => str(a.subject.plate));
      const more = list.length > 3 ? ` ${t('alertGroup.more', { count: list.length })}` : '';
      return { text: t('alertGroup.preinspection_dwell', { count: list.length, longest: duration(longest, t), plates: plates.join('、') + more }), hint: '' };
    }
    case 'complaint_case': {
      // Oldest first: how long the longest-waiting complaint has gone without a contact.
      const longest = Math.max(...list.map((a) => secondsSince(a.raisedAt, now)));
      return { text: t('alertGroup.complaint_case', { count: list.length, longest: duration(longest, t) }), hint: '' };
    }
    case 'complaint_overdue': {
      // How late the latest-promised reply is, from the promised time.
      const longest = Math.max(...list.map((a) => secondsSince(str(a.subject.promisedReplyAt) || a.raisedAt, now)));
      return { text: t('alertGroup.complaint_overdue', { count: list.length, longest: duration(longest, t) }), hint: '' };
    }
    case 'printer_fault':
    case 'device_fault': {
      const more = list.length > 1 ? ` ${t('alertGroup.more', { count: list.length })}` : '';
      return { text: t(`alertGroup.${kind}`, { detail: str(subject.detail) }) + more, hint: '' };
    }
    default:
      return null;
  }
}
