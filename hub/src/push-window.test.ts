import { describe, expect, it } from 'vitest';
import { pushWindow, windowForAudience, type WindowTimers } from './push-window.ts';

/** A hand-driven clock: `advance` runs what falls due, in order. */
function manualTimers(): WindowTimers & { advance(ms: number): void; pending(): number } {
  let now = 1000;
  let jobs: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    schedule(ms, run) {
      const job = { at: now + ms, run };
      jobs.push(job);
      return () => {
        jobs = jobs.filter((j) => j !== job);
      };
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = jobs.filter((j) => j.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        jobs = jobs.filter((j) => j !== due);
        now = due.at;
        due.run();
      }
      now = until;
    },
    pending: () => jobs.length,
  };
}

describe('pushWindow', () => {
  it('sends the first change after a quiet spell on the next turn, with what else that turn added', () => {
    const timers = manualTimers();
    const sent: number[][] = [];
    const window = pushWindow<number>(20, (batch) => sent.push(batch), timers);
    window.add(1);
    window.add(2);
    expect(sent).toEqual([]);
    timers.advance(0);
    expect(sent).toEqual([[1, 2]]);
  });

  it('holds a burst to one frame per window, in order, losing nothing', () => {
    const timers = manualTimers();
    const sent: number[][] = [];
    const window = pushWindow<number>(20, (batch) => sent.push(batch), timers);
    for (let i = 0; i < 100; i++) {
      window.add(i);
      timers.advance(1);
    }
    timers.advance(20);
    expect(sent.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // 100 changes over 100 ms: the first at once, then one frame per 20 ms.
    expect(sent.length).toBe(6);
    expect(sent[0]).toEqual([0]);
    expect(sent[1]).toEqual(Array.from({ length: 19 }, (_, i) => i + 1)); // added at 1–19 ms, sent at 20 ms
  });

  it('waits no longer than the window: a change after a send goes out when the window closes', () => {
    const timers = manualTimers();
    const sentAt: number[] = [];
    const window = pushWindow<string>(20, () => sentAt.push(timers.now()), timers);
    window.add('a');
    timers.advance(0);
    timers.advance(5);
    window.add('b');
    timers.advance(14);
    expect(sentAt).toHaveLength(1);
    timers.advance(1);
    expect(sentAt).toEqual([1000, 1020]);
  });

  it('flush sends what is held at once and cancels the timer', () => {
    const timers = manualTimers();
    const sent: string[][] = [];
    const window = pushWindow<string>(20, (batch) => sent.push(batch), timers);
    window.add('a');
    window.flush();
    expect(sent).toEqual([['a']]);
    expect(timers.pending()).toBe(0);
    window.flush();
    expect(sent).toHaveLength(1);
  });
});

describe('a window sized to its audience', () => {
  it('reads the window at each change: a shorter one lets the next frame go sooner', () => {
    const timers = manualTimers();
    const sent: number[][] = [];
    let windowMs = 20;
    const window = pushWindow<number>(
      () => windowMs,
      (batch) => sent.push(batch),
      timers,
    );
    window.add(1);
    timers.advance(0);
    window.add(2);
    timers.advance(5);
    expect(sent).toEqual([[1]]); // held: 20 ms between frames
    timers.advance(15);
    expect(sent).toEqual([[1], [2]]);
    windowMs = 2;
    window.add(3);
    timers.advance(2);
    expect(sent).toEqual([[1], [2], [3]]);
  });

  it('costs the hub a bounded share of its time: short for a store’s few screens, 20 ms from 500 sockets up', () => {
    expect(windowForAudience(0)).toBe(0);
    expect(windowForAudience(5)).toBeCloseTo(0.2);
    expect(windowForAudience(50)).toBeCloseTo(2);
    expect(windowForAudience(500)).toBe(20);
    expect(windowForAudience(5000)).toBe(20);
    // Frames a second × sockets × the cost of one frame to one socket (about 20 µs measured):
    // at most half the hub's time, at every audience size.
    for (const sockets of [1, 10, 50, 100, 499]) expect((1000 / windowForAudience(sockets)) * sockets * 0.02).toBeCloseTo(500);
  });
});
