/**
 * Alert rules of DESIGN.md §3 (seed 001 预检区应急预案, seed 000 一分钟接待). Pure: given the state
 * and the time, returns the conditions that hold now, each with a stable key so the same
 * incident is raised once and resolved when it ends.
 */

export const ALERT_KINDS = ['greeting_wait', 'preinspection_congestion', 'preinspection_dwell', 'printer_fault', 'device_fault', 'offline_ticket_refused', 'access_attempts'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertRules {
  /** A ticket waiting this long for its first call while a counter is idle alerts the desk. */
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
  /** Jobs in the reception (pre-inspection) stage. */
  inPreinspection: { id: number; plate: string; since: number }[];
  /** Start of the current congestion episode, if one is on record (keeps its key stable). */
  congestionSince: number | null;
}

export function evaluateAlerts(input: AlertInputs, rules: AlertRules): AlertCondition[] {
  const found: AlertCondition[] = [];
  const idle = new Set(input.idleCounters);
  for (const ticket of input.waitingFirstCall) {
    const waited = (input.now - ticket.issuedAt) / 1000;
    if (waited > rules.greetingLimitSeconds && ticket.callableBy.some((c) => idle.has(c))) {
      found.push({
        kind: 'greeting_wait',
        key: `greeting_wait:${ticket.id}`,
        audience: 'desk',
        subject: { ticketId: ticket.id, number: ticket.number, waitedSeconds: Math.floor(waited) },
      });
    }
  }
  if (input.inPreinspection.length >= rules.preinspectionCongestion) {
    const since = input.congestionSince ?? input.now;
    found.push({
      kind: 'preinspection_congestion',
      key: `preinspection_congestion:${input.businessDay}:${since}`,
      audience: 'manager',
      subject: { vehicles: input.inPreinspection.length, limit: rules.preinspectionCongestion },
    });
  }
  for (const job of input.inPreinspection) {
    const minutes = (input.now - job.since) / 60_000;
    if (minutes > rules.preinspectionDwellMinutes) {
      found.push({
        kind: 'preinspection_dwell',
        key: `preinspection_dwell:${job.id}:${job.since}`,
        audience: 'manager',
        subject: { jobId: job.id, plate: job.plate, minutes: Math.floor(minutes) },
      });
    }
  }
  return found;
}
