import { describe, expect, it } from 'vitest';
import { allowedActions, allows, decide, isFinal, TICKET_ACTIONS, TICKET_STATUSES, type TicketStatus } from './ticket-lifecycle.ts';
import { TicketStatus as TicketStatusSchema } from './protocol.ts';

const rules = { minCalls: 3, minSecondsSinceLastCall: 30, minSecondsBetweenCalls: 5 };
const at = (status: TicketStatus, calls = 1, lastCalledAt: number | null = 0) => ({ status, calls, lastCalledAt });

describe('ticket lifecycle', () => {
  it('follows waiting → called → serving → done', () => {
    expect(decide('call', at('waiting', 0, null), 0, rules)).toEqual({ ok: true, to: 'called' });
    expect(decide('start', at('called'), 1000, rules)).toEqual({ ok: true, to: 'serving' });
    expect(decide('finish', at('serving'), 2000, rules)).toEqual({ ok: true, to: 'done' });
  });

  it('refuses every action on a finished ticket, saying why', () => {
    for (const status of ['done', 'no_show', 'cancelled'] as const) {
      for (const action of TICKET_ACTIONS) {
        const verdict = decide(action, at(status), 999_999, rules);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expect(verdict.reason).toContain(status.replace('_', '-'));
      }
    }
  });

  it('allows transfer from waiting, called and serving, back to waiting', () => {
    for (const status of ['waiting', 'called', 'serving'] as const) expect(decide('transfer', at(status), 0, rules)).toEqual({ ok: true, to: 'waiting' });
  });

  it('refuses a recall within seconds of the last call', () => {
    expect(decide('recall', at('called', 1, 0), 4_000, rules)).toMatchObject({ ok: false });
    expect(decide('recall', at('called', 1, 0), 5_000, rules)).toEqual({ ok: true, to: 'called' });
  });

  it('needs enough calls and enough time before a no-show', () => {
    expect(decide('no-show', at('called', 2, 0), 60_000, rules)).toMatchObject({ ok: false, reason: expect.stringContaining('at least 3 calls') });
    expect(decide('no-show', at('called', 3, 0), 29_000, rules)).toMatchObject({ ok: false, reason: expect.stringContaining('wait 30 s') });
    expect(decide('no-show', at('called', 3, 0), 30_000, rules)).toEqual({ ok: true, to: 'no_show' });
  });

  it('has an answer for every status and action', () => {
    for (const status of TICKET_STATUSES) for (const action of TICKET_ACTIONS) expect(typeof decide(action, at(status), 0, rules).ok).toBe('boolean');
  });

  it('offers exactly the actions the state machine accepts (what the desk shows)', () => {
    for (const status of TICKET_STATUSES) {
      for (const action of TICKET_ACTIONS) {
        // Timing rules aside (no clock: calls long ago, enough of them), `allows` agrees with `decide`.
        expect(allows(action, status), `${action} from ${status}`).toBe(decide(action, at(status, 9, 0), 999_999_999, rules).ok);
      }
    }
    expect(allowedActions('called')).toEqual(['recall', 'start', 'finish', 'no-show', 'transfer', 'cancel']);
    expect(TICKET_STATUSES.filter(isFinal)).toEqual(['done', 'no_show', 'cancelled', 'expired', 'void']);
  });

  it('is the one list of statuses the protocol accepts', () => {
    expect(TicketStatusSchema.options).toEqual([...TICKET_STATUSES]);
  });
});
