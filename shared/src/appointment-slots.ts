/**
 * Appointments that level the day (来车的平均化, issue #16 §1), as pure rules: 30-minute slots
 * in the store's time zone, each service's capacity per slot, the load of each slot, the
 * nearest least-loaded slots to propose for a full one, who is a no-show, which reminders are
 * due, and which of today's appointments a plate at the kiosk belongs to. No clock, no storage.
 */
import { localDateTime } from './time.ts';

export const SLOT_MINUTES = 30;
const SLOT_MS = SLOT_MINUTES * 60_000;

export interface SlotSettings {
  slotCapacity: Record<string, number>;
  defaultSlotCapacity: number;
  firstSlot: string;
  lastSlot: string;
}

const clockMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** The instant a local wall-clock time (`day` at `minutes` after midnight) names in the zone. */
export function zonedInstant(day: string, minutes: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, 0, minutes);
  let at = wall;
  // Two rounds settle the zone's offset at that instant (also across a DST change).
  for (let i = 0; i < 2; i++) {
    const local = localDateTime(new Date(at), timeZone);
    const seen = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
    at += wall - seen;
  }
  return at;
}

/** The start of the slot an instant falls in (local half hours). */
export function slotOf(at: number, timeZone: string): number {
  const local = localDateTime(new Date(at), timeZone);
  const intoSlot = (local.minutes % SLOT_MINUTES) * 60_000 + (at % 60_000);
  return at - intoSlot;
}

/** The bookable slots of a day, first to last, as instants. */
export function daySlots(day: string, settings: Pick<SlotSettings, 'firstSlot' | 'lastSlot'>, timeZone: string): number[] {
  const slots: number[] = [];
  for (let m = clockMinutes(settings.firstSlot); m <= clockMinutes(settings.lastSlot); m += SLOT_MINUTES) slots.push(zonedInstant(day, m, timeZone));
  return slots;
}

export function capacityOf(settings: Pick<SlotSettings, 'slotCapacity' | 'defaultSlotCapacity'>, service: string): number {
  return settings.slotCapacity[service] ?? settings.defaultSlotCapacity;
}

/** One local hour of the day: appointments booked in its slots, and what its slots can take over all services. */
export interface HourLoad {
  /** Local hour, `HH`. */
  hour: string;
  booked: number;
  capacity: number;
}

/**
 * The day's load per hour against capacity (issue #16 §1 figures): each bookable slot adds every
 * service's capacity to its hour; each appointment counts in the hour of its slot.
 */
export function loadByHour(day: string, settings: SlotSettings, services: readonly string[], bookedAt: readonly number[], timeZone: string): HourLoad[] {
  const perSlot = services.reduce((sum, service) => sum + capacityOf(settings, service), 0);
  const hours = new Map<string, HourLoad>();
  const hourOf = (at: number): string => String(Math.floor(localDateTime(new Date(at), timeZone).minutes / 60)).padStart(2, '0');
  for (const slot of daySlots(day, settings, timeZone)) {
    const hour = hourOf(slot);
    const entry = hours.get(hour) ?? { hour, booked: 0, capacity: 0 };
    entry.capacity += perSlot;
    hours.set(hour, entry);
  }
  for (const at of bookedAt) {
    const hour = hourOf(slotOf(at, timeZone));
    const entry = hours.get(hour) ?? { hour, booked: 0, capacity: 0 };
    entry.booked += 1;
    hours.set(hour, entry);
  }
  return [...hours.values()].sort((a, b) => a.hour.localeCompare(b.hour));
}

export interface SlotLoad {
  /** Slot start, ISO. */
  start: string;
  load: number;
  capacity: number;
}

/** Booked (not cancelled) appointments of one service in each slot. */
export function slotLoads(
  slots: readonly number[],
  bookings: readonly { service: string; at: number }[],
  service: string,
  capacity: number,
  timeZone: string,
): SlotLoad[] {
  const counts = new Map<number, number>();
  for (const b of bookings) if (b.service === service) counts.set(slotOf(b.at, timeZone), (counts.get(slotOf(b.at, timeZone)) ?? 0) + 1);
  return slots.map((s) => ({ start: new Date(s).toISOString(), load: counts.get(s) ?? 0, capacity }));
}

/** Full: no room left. Busy: one place left, or three quarters taken — still bookable, but proposals are shown. */
export function slotState(slot: Pick<SlotLoad, 'load' | 'capacity'>): 'free' | 'busy' | 'full' {
  if (slot.load >= slot.capacity) return 'full';
  return slot.load > 0 && (slot.capacity - slot.load <= 1 || slot.load >= slot.capacity * 0.75) ? 'busy' : 'free';
}

/**
 * Up to `count` slots to offer instead of `requested`: slots with room, not in the past, scored
 * by distance in slots plus twice their load ratio, so a nearby empty slot beats a nearby half
 * full one and both beat an empty slot hours away. Returned in time order.
 */
export function proposeSlots(loads: readonly SlotLoad[], requested: number, now: number, count = 3): string[] {
  const scored = loads
    .filter((s) => s.load < s.capacity && Date.parse(s.start) >= now && Date.parse(s.start) !== requested)
    .map((s) => ({
      start: s.start,
      distance: Math.abs(Date.parse(s.start) - requested),
      score: Math.abs(Date.parse(s.start) - requested) / SLOT_MS + (2 * s.load) / s.capacity,
    }));
  // Equal scores: the nearer slot, then the earlier one.
  scored.sort((a, b) => a.score - b.score || a.distance - b.distance || a.start.localeCompare(b.start));
  return scored
    .slice(0, count)
    .map((s) => s.start)
    .sort();
}

export type AppointmentStatus = 'booked' | 'arrived' | 'cancelled' | 'no_show';

/** Not arrived once the late window after its time has passed. */
export function isNoShow(appointment: { scheduledAt: string; status: AppointmentStatus }, now: number, lateMinutes: number): boolean {
  return appointment.status === 'booked' && now > Date.parse(appointment.scheduledAt) + lateMinutes * 60_000;
}

/** Arrived inside [time − early, time + late]: on time. */
export function onTime(scheduledAt: string, arrivedAt: number, window: { earlyMinutes: number; lateMinutes: number }): boolean {
  const at = Date.parse(scheduledAt);
  return arrivedAt >= at - window.earlyMinutes * 60_000 && arrivedAt <= at + window.lateMinutes * 60_000;
}

export interface ReminderCandidate {
  id: number;
  scheduledAt: string;
  status: AppointmentStatus;
  phone: string | null;
  remindedAt: string | null;
}

/**
 * The appointments due their reminder at `now`: still booked, with a phone, not yet reminded,
 * and within `hoursBefore` of their time but not past it. The caller (the outbox) sends and
 * records `remindedAt`, so a second call does not pick them again.
 */
export function remindersDue<T extends ReminderCandidate>(appointments: readonly T[], now: number, hoursBefore: number): T[] {
  return appointments.filter((a) => {
    const at = Date.parse(a.scheduledAt);
    return a.status === 'booked' && a.phone !== null && a.remindedAt === null && now < at && now >= at - hoursBefore * 3_600_000;
  });
}

/**
 * Which booked appointment a plate entered at the kiosk or desk belongs to: the plate's
 * appointment of this business day whose time is nearest to now. Null when there is none.
 */
export function matchByPlate<T extends { plate: string | null; scheduledAt: string; status: AppointmentStatus }>(
  todays: readonly T[],
  plate: string,
  now: number,
): T | null {
  const candidates = todays.filter((a) => a.status === 'booked' && a.plate === plate);
  candidates.sort((a, b) => Math.abs(Date.parse(a.scheduledAt) - now) - Math.abs(Date.parse(b.scheduledAt) - now));
  return candidates[0] ?? null;
}
