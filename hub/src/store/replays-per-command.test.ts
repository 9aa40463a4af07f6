/**
 * The wait estimate (runs × queue length replays) is most of what a change costs the hub (issue
 * #17): a command replays the queue once, however many events it emits. The estimator is the
 * real one, wrapped to count its calls.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as estimator from '../domain/wait-estimate.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

vi.mock('../domain/wait-estimate.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../domain/wait-estimate.ts')>();
  return { ...real, estimateWaits: vi.fn(real.estimateWaits) };
});

const replays = vi.mocked(estimator.estimateWaits);

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const issue = (service: string) => h.store.tickets.issue({ service, idempotencyKey: h.key() }, kiosk).result;

describe('replays per command', () => {
  it('a call-next that finishes the ticket served replays once, and both its events carry the waits it leaves behind', () => {
    for (let i = 0; i < 6; i++) issue(i % 2 ? 'repair' : 'maintenance');
    h.store.tickets.callNext('1', h.key(), advisor);
    h.store.tickets.act(h.store.tickets.heldAt('1')!, 'start', h.key(), advisor);
    h.clock.advance(7 * 60_000);

    replays.mockClear();
    const { result, events } = h.store.tickets.callNext('1', h.key(), advisor);
    expect(replays).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.type)).toEqual(['ticket.finished', 'ticket.called']);
    expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
    const [finished, called] = events as Extract<(typeof events)[number], { waits: unknown }>[];
    expect(called!.ticket.number).toBe(result!.number);
    // Both commit together: what a screen shows after either is the queue after the command.
    const after = h.store.tickets.waits();
    expect(finished!.waits).toEqual(after);
    expect(called!.waits).toEqual(after);
    expect(after.maintenance!.waiting + after.repair!.waiting).toBe(4);
  });

  it('a ticket sent back to the queue by a call-next gets its place and wait in the queue after the call', () => {
    for (let i = 0; i < 4; i++) issue('maintenance');
    h.store.tickets.callNext('1', h.key(), advisor);
    replays.mockClear();
    const { events } = h.store.tickets.callNext('1', h.key(), advisor, 'requeue');
    expect(replays).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.type)).toEqual(['ticket.requeued', 'ticket.called']);
    const requeued = events[0] as Extract<(typeof events)[number], { waits: unknown }>;
    const fresh = h.store.tickets.get(requeued.ticket.id);
    // Its place, people ahead and estimate are those of the queue as the command left it.
    expect(requeued.position).toBe(h.store.tickets.waitingNumbers().maintenance!.indexOf(requeued.ticket.number));
    expect(requeued.ticket.ahead).toBe(fresh.ahead);
    expect(requeued.ticket.estimatedWaitMinutes).toBe(fresh.estimatedWaitMinutes);
  });

  it('an issue replays once, and a start (which moves nobody) not at all', () => {
    for (let i = 0; i < 3; i++) issue('maintenance');
    h.store.tickets.callNext('1', h.key(), advisor);
    replays.mockClear();
    issue('repair');
    expect(replays).toHaveBeenCalledTimes(1);
    replays.mockClear();
    h.store.tickets.act(h.store.tickets.heldAt('1')!, 'start', h.key(), advisor);
    expect(replays).toHaveBeenCalledTimes(0);
  });
});
