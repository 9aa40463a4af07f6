/**
 * The wait model is kept between changes (issue #17): what the hub learned from its history is
 * re-learned only when a finish, a pause, an earlier day's ticket, the settings, the business day
 * or the quarter hour moves it. Whatever happened, the kept model must equal one learned afresh
 * from the database as it stands.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth.ts';
import { HubError } from './context.ts';
import { estimateWaits } from '../domain/wait-estimate.ts';
import { counterAdvisors, learnedDurations, learnFromHistory, queueModel, type KeptModel } from './durations.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const MIN = 60_000;
const wang = { ...advisor, id: 2, name: 'Wang' };
/** A call button: the station's device calls, no advisor signed in. */
const station: Actor = { kind: 'device', id: 3, name: 'station 3', role: 'desk' };

const issue = (service: string) => h.store.tickets.issue({ service, idempotencyKey: h.key() }, kiosk).result;

/** The kept model and the queue model built on it, against both learned afresh from the database. */
function expectSameAsFresh(): void {
  const ctx = h.store.ctx;
  const { key: _key, version: _version, at: _at, touchedIn: _touchedIn, ...kept } = learnedDurations(ctx) as KeptModel;
  const fresh = learnFromHistory(ctx, ctx.config.queue.serviceMinutes);
  expect(kept).toEqual(fresh);
  const view = h.store.tickets.view();
  const statuses = h.store.tickets.counterStatuses();
  expect(queueModel(ctx, view.waiting, statuses)).toEqual(queueModel(ctx, view.waiting, statuses, fresh));
}

/** Who works each counter, as the hub asked it before issue #17 (a subquery per ticket). */
function advisorsByCorrelatedSubquery(): Map<string, number> {
  const rows = h.db
    .prepare(
      `SELECT counter_id, staff_id FROM tickets t WHERE business_day = ? AND counter_id IS NOT NULL AND staff_id IS NOT NULL
         AND called_at = (SELECT MAX(called_at) FROM tickets u WHERE u.business_day = t.business_day AND u.counter_id = t.counter_id)`,
    )
    .all(h.store.ctx.businessDay()) as { counter_id: string; staff_id: number }[];
  return new Map(rows.map((r) => [r.counter_id, r.staff_id]));
}

/** Serves one ticket of a service at a counter, taking `minutes`. */
function serve(service: string, counterId: string, actor: Actor, minutes: number): void {
  const ticket = issue(service);
  h.store.tickets.callNext(counterId, h.key(), actor);
  h.clock.advance(minutes * MIN);
  h.store.tickets.act(ticket.id, 'finish', h.key(), actor);
}

describe('the kept wait model', () => {
  it('equals a freshly learned one after calls, finishes, pauses, a settings change, a rollback and a new day', () => {
    h.clock.set('2026-11-23T01:00:00Z'); // yesterday 09:00
    for (let i = 0; i < 4; i++) serve('repair', '1', advisor, 20 + i);
    for (let i = 0; i < 3; i++) serve('maintenance', '2', wang, 12);
    h.store.tickets.setCounterState('3', 'paused', 'break', h.key(), advisor);
    h.clock.advance(11 * MIN);
    h.store.tickets.setCounterState('3', 'open', undefined, h.key(), advisor);
    expectSameAsFresh();

    h.clock.set('2026-11-24T01:02:00Z'); // today 09:02: a new business day
    expectSameAsFresh();
    const learned = learnedDurations(h.store.ctx);
    issue('repair');
    issue('maintenance');
    // Issuing changes nothing the model learns from: the same learned object is used.
    expect(learnedDurations(h.store.ctx)).toBe(learned);
    expectSameAsFresh();

    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.callNext('2', h.key(), station);
    expectSameAsFresh();
    h.clock.advance(30 * MIN);
    // The call button's press finishes the repair (served) and calls again, in a later quarter hour.
    issue('repair');
    h.store.tickets.callNext('1', h.key(), station, 'served');
    expect(learnedDurations(h.store.ctx)).not.toBe(learned);
    expectSameAsFresh();

    // A pause today is learned from at once.
    h.store.tickets.setCounterState('3', 'paused', 'phone', h.key(), wang);
    expectSameAsFresh();
    h.clock.advance(4 * MIN);
    h.store.tickets.setCounterState('3', 'open', undefined, h.key(), wang);
    expectSameAsFresh();

    // The manager sets a repair to take 40 minutes.
    const config = h.store.ctx.config;
    h.store.updateSettings({ ...config, queue: { ...config.queue, serviceMinutes: { repair: 40 } } }, h.key(), advisor);
    expect(learnedDurations(h.store.ctx).learned.services.repair!.median).toBe(40 * 60);
    expectSameAsFresh();

    // A change that rolled back: what was learned inside it must not outlive it.
    const held = h.store.tickets.heldAt('2');
    expect(() =>
      h.store.ctx.command({ action: 'test.rollback', actor: advisor, request: {} }, () => {
        h.db.prepare(`UPDATE tickets SET status = 'done', finished_at = ? WHERE id = ?`).run(h.store.ctx.nowIso(), held);
        learnedDurations(h.store.ctx);
        throw new HubError(409, 'changed_mind', 'rolled back on purpose');
      }),
    ).toThrow(/on purpose/);
    // Then an earlier day's appointment, written straight into the file (as an offline sync of
    // yesterday could), moves the inputs' version to where the undone finish had moved it.
    h.db
      .prepare(
        `INSERT INTO tickets (business_day, service, number, ticket_class, status, issued_at, origin, tracking_token)
         VALUES ('2026-11-23', 'repair', 'B0999', 'appointment', 'expired', '2026-11-23T02:00:00.000Z', 'online', 'late-one')`,
      )
      .run();
    expectSameAsFresh();

    // The next quarter hour re-learns with the later time of day.
    h.clock.advance(15 * MIN);
    expectSameAsFresh();
    h.store.tickets.act(h.store.tickets.heldAt('2'), 'finish', h.key(), station);
    expectSameAsFresh();
  });

  it('re-learns nothing for a finish now, learns from it at the next quarter hour, and still re-learns for a late one', () => {
    h.clock.set('2026-11-24T01:01:00Z'); // 09:01, in the quarter that began at 09:00
    for (let i = 0; i < 3; i++) serve('repair', '1', advisor, 3);
    const before = learnedDurations(h.store.ctx);
    const samples = before.learned.services.repair!.weight;
    serve('repair', '1', advisor, 2); // finished 09:12
    h.store.tickets.callNext('2', h.key(), wang);
    h.clock.advance(MIN);
    issue('maintenance');
    h.store.tickets.callNext('2', h.key(), wang, 'served');
    expect(learnedDurations(h.store.ctx)).toBe(before);
    expectSameAsFresh();

    h.clock.set('2026-11-24T01:15:00Z'); // the next quarter: the finishes since 09:00 count
    const after = learnedDurations(h.store.ctx);
    expect(after).not.toBe(before);
    expect(after.learned.services.repair!.weight).toBeGreaterThan(samples);
    expectSameAsFresh();

    // A finish dated before the quarter began (as an offline sync brings one) moves it at once.
    h.db
      .prepare(
        `INSERT INTO tickets (business_day, service, number, ticket_class, status, issued_at, first_called_at, called_at, finished_at, origin, tracking_token)
         VALUES ('2026-11-24', 'repair', 'Z0001', 'walkin', 'done', '2026-11-24T01:02:00.000Z', '2026-11-24T01:03:00.000Z', '2026-11-24T01:03:00.000Z', '2026-11-24T01:09:00.000Z', 'offline', 'late-finish')`,
      )
      .run();
    expect(learnedDurations(h.store.ctx)).not.toBe(after);
    expectSameAsFresh();
  });

  it('keeps the model through a refused command that did not touch it, and drops it when one that did rolls back', () => {
    h.clock.set('2026-11-24T01:01:00Z');
    for (let i = 0; i < 3; i++) serve('repair', '1', advisor, 3);
    issue('repair');
    h.store.tickets.callNext('1', h.key(), advisor);
    const kept = learnedDurations(h.store.ctx);
    // A start that comes late (the ticket was already started): refused, rolled back, nothing learned in it.
    const held = h.store.tickets.heldAt('1');
    h.store.tickets.act(held, 'start', h.key(), advisor);
    expect(() => h.store.tickets.act(held, 'start', h.key(), advisor)).toThrow(HubError);
    expect(learnedDurations(h.store.ctx)).toBe(kept);
    expectSameAsFresh();

    // A command inside which the model was bumped by a finish, then rolled back: not kept.
    expect(() =>
      h.store.ctx.command({ action: 'test.rollback', actor: advisor, request: {} }, () => {
        h.store.tickets.act(held, 'finish', h.key(), advisor);
        learnedDurations(h.store.ctx);
        throw new HubError(409, 'changed_mind', 'rolled back on purpose');
      }),
    ).toThrow(/on purpose/);
    expect(learnedDurations(h.store.ctx)).not.toBe(kept);
    expectSameAsFresh();
  });

  it('replays the queue once for views of the same queue in the same second, and afresh after any change', () => {
    h.clock.set('2026-11-24T01:01:00.100Z');
    for (let i = 0; i < 5; i++) issue(i % 2 ? 'repair' : 'maintenance');
    h.store.tickets.callNext('1', h.key(), advisor);
    const first = h.store.tickets.view();
    h.clock.advance(500); // 01:01:00.600, the same second
    const again = h.store.tickets.view();
    expect(again.estimates()).toBe(first.estimates());
    // What was kept is what a replay of this very model gives.
    expect(again.estimates()).toEqual(estimateWaits(again.model, again.probes));

    // Starting to serve changes nothing the replay reads: still kept.
    h.store.tickets.act(h.store.tickets.heldAt('1')!, 'start', h.key(), advisor);
    expect(h.store.tickets.view().estimates()).toBe(first.estimates());

    // A new ticket, or the next second, is replayed afresh.
    issue('repair');
    const changed = h.store.tickets.view();
    expect(changed.estimates()).not.toBe(first.estimates());
    expect(changed.estimates()).toEqual(estimateWaits(changed.model, changed.probes));
    h.clock.advance(1000);
    const later = h.store.tickets.view();
    expect(later.estimates()).not.toBe(changed.estimates());
    expect(later.estimates()).toEqual(estimateWaits(later.model, later.probes));
  });

  it("names each counter's advisor as the per-ticket subquery did, calls by a button included", () => {
    const chen = { ...advisor, id: 4, name: 'Chen' };
    for (let i = 0; i < 6; i++) issue(i % 2 ? 'repair' : 'maintenance');
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.callNext('2', h.key(), wang);
    h.clock.advance(5 * MIN);
    h.store.tickets.callNext('1', h.key(), chen, 'served');
    h.store.tickets.callNext('2', h.key(), station, 'no_show'); // the last call at counter 2 has no advisor
    h.clock.advance(MIN);
    h.store.tickets.callNext('3', h.key(), wang);
    const byQuery = advisorsByCorrelatedSubquery();
    expect(byQuery).toEqual(
      new Map([
        ['1', 4],
        ['3', 2],
      ]),
    );
    expect(counterAdvisors(h.store.ctx, h.store.ctx.businessDay())).toEqual(byQuery);
  });
});
