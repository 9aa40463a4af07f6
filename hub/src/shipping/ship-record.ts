/**
 * What one event of the store's log becomes in the dealer group's database (issue #18 §1).
 * Pure. Only named fields are copied — everything else (plates, phones, names, notes, tracking
 * tokens, comments) stays in the store. README "A dealer group" lists the fields that leave.
 */
import { createHash } from 'node:crypto';

/** A row of the hub's `events` table. */
export interface EventRow {
  seq: number;
  type: string;
  payload: string;
  at: string;
}

/** One event as the group stores it. */
export interface ShippedEvent {
  seq: number;
  type: string;
  at: string;
  /** The business day the figures count it on (a ticket's day; a delivery's day), or null. */
  businessDay: string | null;
  /** The ticket's, job's, alert's … id in the store's database, or null. */
  entityId: number | null;
  data: Record<string, unknown>;
  /** Digest of the stored payload: tells a restored database's seq from the one shipped before. */
  digest: string;
}

type Json = Record<string, unknown>;

/** Copies the named keys that are present, nothing else. */
function pick(source: unknown, keys: readonly string[]): Json {
  const out: Json = {};
  if (!source || typeof source !== 'object') return out;
  for (const key of keys) {
    const value = (source as Json)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export const SHIPPED_FIELDS = {
  ticket: ['id', 'businessDay', 'service', 'ticketClass', 'status', 'issuedAt', 'firstCalledAt', 'servingAt', 'finishedAt', 'counterId', 'calls', 'origin'],
  job: ['id', 'ticketId', 'services', 'stage', 'stageStartedAt', 'promisedAt', 'createdAt', 'wash'],
  alert: ['id', 'kind', 'raisedAt', 'resolvedAt', 'acknowledgedAt'],
  arrival: ['id', 'businessDay', 'bay', 'source', 'arrivedAt', 'leftAt', 'leftReason', 'appointmentId', 'ticketId', 'jobId'],
  appointment: ['id', 'service', 'scheduledAt', 'status', 'source', 'arrivedAt', 'noShowAt', 'cancelledAt', 'checkedInTicketId'],
  case: ['id', 'businessDay', 'status', 'openedAt', 'firstContactAt', 'closedAt', 'promisedReplyAt'],
  counter: ['id', 'state'],
} as const;

const ENTITY: Record<string, keyof typeof SHIPPED_FIELDS> = {
  ticket: 'ticket',
  job: 'job',
  alert: 'alert',
  arrival: 'arrival',
  appointment: 'appointment',
  case: 'case',
  counter: 'counter',
};

export function digestOf(payload: string): string {
  return createHash('sha256').update(payload).digest('hex').slice(0, 32);
}

/**
 * Maps a stored event to what leaves the store. `dayOf` gives the store's business day of an
 * instant (opening time and time zone), for events that carry no day of their own.
 */
export function toShipped(row: EventRow, dayOf: (at: string) => string): ShippedEvent {
  const payload = JSON.parse(row.payload) as Json;
  const kind = ENTITY[row.type.split('.')[0]!];
  let data: Json = {};
  if (kind) data = pick(payload[kind], SHIPPED_FIELDS[kind]);
  const id = typeof data.id === 'number' ? data.id : null;
  let businessDay: string;
  if (typeof data.businessDay === 'string') businessDay = data.businessDay;
  else if (kind === 'appointment' && typeof data.scheduledAt === 'string') businessDay = dayOf(data.scheduledAt);
  else if (kind === 'job') {
    // A delivered job counts on the day it was delivered (the manager's on-time rate does).
    businessDay = data.stage === 'delivered' && typeof data.stageStartedAt === 'string' ? dayOf(data.stageStartedAt) : dayOf(row.at);
  } else businessDay = dayOf(row.at);
  return { seq: row.seq, type: row.type, at: row.at, businessDay, entityId: kind === 'counter' ? null : id, data, digest: digestOf(row.payload) };
}
