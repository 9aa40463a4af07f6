/**
 * Issue #17 goal 2 (overload): the fan-out scenario offered about twice what the hub sustains
 * here, with load shedding set as for a hub on a machine of its own (tight delay limits, the
 * essential ones included, short samples). Every answer — accepted or refused with 503 — should
 * come back quickly (p99 ≤ 100 ms) instead of queueing for seconds.
 *
 * OVERLOAD_RATE (default 200 changes/s: about twice the ~100/s the fan-out bench gets through
 * on the 2-core machine bench/README.md names), OVERLOAD_SECONDS (default 20), FANOUT_DISPLAYS.
 */
import { loadavg } from 'node:os';
import { machineNote, startFanout } from './fanout.ts';
import { cpuSecondsOf, Histogram } from './histogram.ts';

/** Limits for a hub with the machine to itself (README "Load shedding"), essential requests shed too. */
export const OVERLOAD_SHEDDING = {
  HUB_SHED_DELAY_MS: '20',
  HUB_SHED_ESSENTIAL_DELAY_MS: '40',
  HUB_SHED_UTILIZATION: '0.95',
  HUB_SHED_SAMPLE_MS: '100',
  HUB_SHED_RETRY_AFTER_S: '1',
  HUB_SHED_TURN_MS: '20',
};

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');

export async function runOverloadBench(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const rate = Number(env.OVERLOAD_RATE ?? 200);
  const seconds = Number(env.OVERLOAD_SECONDS ?? 20);
  const displays = Number(env.FANOUT_DISPLAYS ?? 500);
  const loadBefore = loadavg()[0]!;
  const fanout = await startFanout({ displays, desks: 10, rate, seconds }, OVERLOAD_SHEDDING);
  try {
    await fanout.load(Math.min(5, seconds), 'warm', 3, rate / 8);
    const hubCpuBefore = cpuSecondsOf(fanout.hub.pid());
    const load = await fanout.load(seconds, 'run');
    const hubCpu = cpuSecondsOf(fanout.hub.pid()) - hubCpuBefore;
    const all = Histogram.fromJSON(load.http);
    const shed = Histogram.fromJSON(load.shed);
    const answered = Object.entries(load.statuses).filter(([s]) => s !== '0');
    const count = (test: (status: string) => boolean): number => answered.filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
    return [
      `overload: ${displays} displays + 10 desks; open loop ${rate} changes/s offered for ${seconds} s with tight shedding limits (${Object.entries(
        OVERLOAD_SHEDDING,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}): ${load.offered} offered, ${count((s) => s.startsWith('2'))} accepted, ${count((s) => s === '503')} refused with 503, ` +
        `${count((s) => s !== '503' && !s.startsWith('2'))} other refusals, ${load.statuses['0'] ?? 0} without an answer in 10 s, ${load.notSent} not sent`,
      `overload, every answer from its scheduled send time: p50 ${ms(all.percentile(50))} ms, p99 ${ms(all.percentile(99))} ms, max ${ms(all.max)} ms (goal p99 ≤ 100 ms); ` +
        `the 503s alone: p50 ${ms(shed.percentile(50))} ms, p99 ${ms(shed.percentile(99))} ms`,
      `overload CPU over the ${load.wallSeconds.toFixed(1)} s run: hub ${hubCpu.toFixed(1)} s (${Math.round((100 * hubCpu) / load.wallSeconds)} % of one core), load generator ${load.cpuSeconds.toFixed(1)} s`,
      `overload ${machineNote(loadBefore)}`,
    ];
  } finally {
    await fanout.close();
  }
}
