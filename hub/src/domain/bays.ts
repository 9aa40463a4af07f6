/**
 * The pre-inspection area (预检区, seed 001 预检区应急预案) as pure rules: which bays exist, whether
 * a bay is free, and the bay view (each bay's vehicle and dwell, the vehicles waiting for one).
 */
import type { Arrival, BayView, BayVehicle } from '../../../shared/src/protocol.ts';

export type BayCheck = { ok: true } | { ok: false; code: 'unknown_bay' | 'bay_occupied'; holder?: Arrival };

/** A bay the store configured, not held by another vehicle still in pre-inspection. */
export function checkBay(configured: readonly string[], bay: string, open: readonly Arrival[], self?: number): BayCheck {
  if (!configured.includes(bay)) return { ok: false, code: 'unknown_bay' };
  const holder = open.find((a) => a.bay === bay && a.id !== self);
  return holder ? { ok: false, code: 'bay_occupied', holder } : { ok: true };
}

/** Whole minutes since arrival: the > 20 minute rule runs from arrival, not from the job. */
export function dwellMinutes(arrival: Pick<Arrival, 'arrivedAt'>, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(arrival.arrivedAt)) / 60_000));
}

export function bayView(configured: readonly string[], open: readonly Arrival[], now: number, limits: { congestion: number; dwellMinutes: number }): BayView {
  const withDwell = (a: Arrival): BayVehicle => ({ ...a, dwellMinutes: dwellMinutes(a, now) });
  const inBay = new Map(open.filter((a) => a.bay !== null).map((a) => [a.bay!, a]));
  const bays = configured.map((bay) => {
    const vehicle = inBay.get(bay);
    return { bay, vehicle: vehicle ? withDwell(vehicle) : null };
  });
  // A vehicle whose bay is no longer configured (settings changed) waits like one without a bay.
  const waiting = open
    .filter((a) => a.bay === null || !configured.includes(a.bay))
    .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.id - b.id)
    .map(withDwell);
  return { bays, waiting, count: open.length, congestionLimit: limits.congestion, dwellLimitMinutes: limits.dwellMinutes };
}
