/** Wall-clock time in a store's time zone, without a date library. Pure. */

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDateTime(at: Date, timeZone: string): LocalDateTime {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const part of fmt.formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, minutes: parts.hour! * 60 + parts.minute! };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `HH:MM` in the zone. */
export function localClock(at: Date, timeZone: string): string {
  const { minutes } = localDateTime(at, timeZone);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `YYYY-MM-DD HH:MM` in the zone. */
export function localDateTimeText(at: Date, timeZone: string): string {
  const l = localDateTime(at, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${localClock(at, timeZone)}`;
}

function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The business day (`YYYY-MM-DD`) an instant belongs to. Before opening time it still belongs
 * to the previous day, so a ticket at 07:59 in a store opening at 08:00 continues yesterday's
 * sequence instead of starting the new one.
 */
export function businessDay(at: Date, timeZone: string, openingTime: string): string {
  const local = localDateTime(at, timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (local.minutes < parseClock(openingTime)) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
