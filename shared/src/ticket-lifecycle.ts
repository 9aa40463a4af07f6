/**
 * The ticket state machine, the one definition of ticket statuses and of which action is
 * allowed from which status, for the hub (which decides) and the pages (which offer only what
 * the hub would accept). Pure: says whether an action is allowed on a ticket and why not.
 *
 *   waiting ──call──▶ called ──start──▶ serving ──finish──▶ done
 *      ▲                │  ▲ recall        │  ▲
 *      └───transfer─────┴──┴───────────────┘  │ resume
 *                                  serving ──park──▶ parked (customer fetching documents)
 *   called ──no-show (after enough calls, and long enough)──▶ no_show
 *   waiting | called ──cancel──▶ cancelled
 *   any open status ──day close──▶ expired (never counted as served)
 */

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled', 'expired', 'void'] as const;

/** Statuses a ticket can still leave: what a day close expires. */
export const OPEN_STATUSES = ['waiting', 'called', 'serving', 'parked'] as const satisfies readonly TicketStatus[];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = ['call', 'recall', 'start', 'finish', 'no-show', 'transfer', 'cancel', 'park', 'resume'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const FROM: Record<TicketAction, readonly TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['called', 'serving'],
  'no-show': ['called'],
  transfer: ['waiting', 'called', 'serving', 'parked'],
  cancel: ['waiting', 'called', 'parked'],
  park: ['serving'],
  resume: ['parked'],
};

const TO: Record<TicketAction, TicketStatus> = {
  call: 'called',
  recall: 'called',
  start: 'serving',
  finish: 'done',
  'no-show': 'no_show',
  transfer: 'waiting',
  cancel: 'cancelled',
  park: 'parked',
  resume: 'serving',
};

export interface NoShowRules {
  /** Calls (the first call plus recalls) needed before a ticket may be marked no-show. */
  minCalls: number;
  /** Seconds since the last call before a no-show is accepted. */
  minSecondsSinceLastCall: number;
  /** A recall within this many seconds of the last call is refused (no double announcements). */
  minSecondsBetweenCalls: number;
}

export const DEFAULT_NO_SHOW_RULES: NoShowRules = { minCalls: 3, minSecondsSinceLastCall: 30, minSecondsBetweenCalls: 5 };

export interface TicketFacts {
  status: TicketStatus;
  /** 1 after the first call, +1 per recall. */
  calls: number;
  /** Epoch ms of the last call or recall, if any. */
  lastCalledAt: number | null;
}

export type Verdict = { ok: true; to: TicketStatus } | { ok: false; reason: string };

export function decide(action: TicketAction, ticket: TicketFacts, now: number, rules: NoShowRules = DEFAULT_NO_SHOW_RULES): Verdict {
  if (!FROM[action].includes(ticket.status)) {
    return { ok: false, reason: `cannot ${action} a ticket that is ${ticket.status.replace('_', '-')} (allowed from: ${FROM[action].join(', ')})` };
  }
  const sinceLastCall = ticket.lastCalledAt === null ? Infinity : (now - ticket.lastCalledAt) / 1000;
  if (action === 'recall' && sinceLastCall < rules.minSecondsBetweenCalls) {
    return { ok: false, reason: `called ${Math.floor(sinceLastCall)} s ago; recall again after ${rules.minSecondsBetweenCalls} s` };
  }
  if (action === 'no-show') {
    if (ticket.calls < rules.minCalls) {
      return { ok: false, reason: `called ${ticket.calls} time(s); a no-show needs at least ${rules.minCalls} calls — recall first` };
    }
    if (sinceLastCall < rules.minSecondsSinceLastCall) {
      return { ok: false, reason: `last called ${Math.floor(sinceLastCall)} s ago; wait ${rules.minSecondsSinceLastCall} s before a no-show` };
    }
  }
  return { ok: true, to: TO[action] };
}

/** A ticket a counter holds: called to it, or being served there. */
export function isActive(status: TicketStatus): boolean {
  return status === 'called' || status === 'serving';
}

/**
 * Whether the state machine lets `action` leave `status` (the timing rules of recall and
 * no-show aside, which only the hub's clock can judge). What a console offers.
 */
export function allows(action: TicketAction, status: TicketStatus): boolean {
  return FROM[action].includes(status);
}

/** The actions a ticket in `status` can take. */
export function allowedActions(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => allows(action, status));
}

/** A status no action leaves (done, no-show, cancelled, and any closed status added later). */
export function isFinal(status: TicketStatus): boolean {
  return allowedActions(status).length === 0;
}
