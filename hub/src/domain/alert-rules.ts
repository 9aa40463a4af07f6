/**
 * Alert rules of DESIGN.md §3 (seed 001 预检区应急预案, seed 000 一分钟接待). Pure: given the state
 * and the time, returns the conditions that hold now, each with a stable key so the same
 * incident is raised once and resolved when it ends.
 */

import { ALERT_KINDS, type AlertKind } from '../../../shared/src/protocol.ts';

export { ALERT_KINDS, type AlertKind };

export interface AlertRules {
  /** Tickets waiting this long for their first call alert the desk (one alert for all of them). */
  greetingLimitSeconds: number;
  /** This many vehicles in pre-inspection or more alerts the service manager. */
  preinspectionCongestion: number;
  /** A vehicle in pre-inspection longer than this alerts the service manager. */
  preinspectionDwellMinutes: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  greetingLimitSeconds: 60,
  preinspectionCongestion: 4,
  preinspectionDwellMinutes: 20,
};

export interface AlertCondition {
  kind: AlertKind;
  /** Identifies the incident: the same key on the next evaluation is the same alert. */
  key: string;
  /** Who should see it first. */
  audience: 'desk' | 'manager';
  subject: Record<string, string | number>;
}

export interface AlertInputs {
  now: number;
  businessDay: string;
  /** Tickets not yet called even once. */
  waitingFirstCall: { id: number; number: string; issuedAt: number; callableBy: readonly string[] }[];
  /** Open counters holding no called or serving ticket. */
  idleCounters: readonly string[];
  /** Vehicles arrived in the drive and not yet past pre-inspection, with or without a job (id: the arrival). */
  inPreinspection: { id: number; plate: string; since: number }[];
  /** Start of the current congestion episode, if one is on record (keeps its key stable). */
  congestionSince: number | null;
  /** Start of the current late-greeting episode, if one is on record (keeps its key stable). */
  greetingSince?: number | null;
  /** Complaint cases still waiting for their first contact (plate masked). */
  uncontactedCases?: { id: number; plate: string; promisedReplyAt: string }[];
}

/** The key of a case's overdue-reply alert; a new promised time is a new incident. */
export const complaintOverdueKey = (caseId: number, promisedReplyAt: string): string => `complaint_overdue:case-${caseId}:${promisedReplyAt}`;

export function evaluateAlerts(input: AlertInputs, rules: AlertRules): AlertCondition[] {
  const found: AlertCondition[] = [];
  const greeting = lateGreeting(input, rules);
  if (greeting) found.push(greeting);
  if (input.inPreinspection.length >= rules.preinspectionCongestion) {
    const since = input.congestionSince ?? input.now;
    found.push({
      kind: 'preinspection_congestion',
      key: `preinspection_congestion:${input.businessDay}:${since}`,
      audience: 'manager',
      subject: { vehicles: input.inPreinspection.length, limit: rules.preinspectionCongestion },
    });
  }
  for (const c of input.uncontactedCases ?? []) {
    // Past the reply promised to a complaining customer, nobody has reached them yet.
    if (input.now > Date.parse(c.promisedReplyAt)) {
      found.push({
        kind: 'complaint_overdue',
        key: complaintOverdueKey(c.id, c.promisedReplyAt),
        audience: 'desk',
        subject: { caseId: c.id, plate: c.plate, promisedReplyAt: c.promisedReplyAt },
      });
    }
  }
  for (const vehicle of input.inPreinspection) {
    // From arrival in the drive: a car nobody has greeted yet is the one most likely forgotten.
    const minutes = (input.now - vehicle.since) / 60_000;
    if (minutes > rules.preinspectionDwellMinutes) {
      found.push({
        kind: 'preinspection_dwell',
        key: `preinspection_dwell:arrival-${vehicle.id}:${vehicle.since}`,
        audience: 'manager',
        subject: { arrivalId: vehicle.id, plate: vehicle.plate, minutes: Math.floor(minutes), since: new Date(vehicle.since).toISOString() },
      });
    }
  }
  return found;
}

/**
 * One desk alert while any customer waits past the greeting limit for a first call (seed 000
 * 一分钟接待), whether a counter is idle (call now) or every counter is busy or paused, e.g. at
 * lunch (more hands needed): the subject says which, how many wait and since when.
 */
function lateGreeting(input: AlertInputs, rules: AlertRules): AlertCondition | null {
  const limitMs = rules.greetingLimitSeconds * 1000;
  const late = input.waitingFirstCall.filter((t) => input.now - t.issuedAt > limitMs);
  if (!late.length) return null;
  const idle = new Set(input.idleCounters);
  const oldest = late.reduce((a, b) => (b.issuedAt < a.issuedAt ? b : a));
  const since = input.greetingSince ?? input.now;
  return {
    kind: 'greeting_wait',
    key: `greeting_wait:${input.businessDay}:${since}`,
    audience: 'desk',
    subject: {
      count: late.length,
      number: oldest.number,
      oldestIssuedAt: new Date(oldest.issuedAt).toISOString(),
      longestMinutes: Math.floor((input.now - oldest.issuedAt) / 60_000),
      limitSeconds: rules.greetingLimitSeconds,
      cause: late.some((t) => t.callableBy.some((c) => idle.has(c))) ? 'idle' : 'busy',
    },
  };
}
