/**
 * Issue #17 goal 1 (capacity) and 5 (who was the bottleneck): the real hub process, 500
 * socket.io displays and 10 desk consoles in processes of their own, and an open-loop generator
 * of 200 changes a second in another, for 60 s. Prints HTTP latency from each request's
 * scheduled time, push latency from commit to receipt, events lost or out of order, the hub's
 * memory, and the CPU each process used, beside the goals.
 *
 * Sizes from the environment for a quick look: FANOUT_DISPLAYS, FANOUT_RATE, FANOUT_SECONDS;
 * FANOUT_SCREEN_PROCESSES (2); FANOUT_PUSH (`lean`, or `batched` as pages before lean frames
 * ask); FANOUT_CPU_PROF=<folder> profiles the hub, and each helper in a folder of its own
 * (summary: `tsx bench/profile-summary.ts <file>`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiFailure } from '../shared/src/api/client.ts';
import { endpoints } from '../shared/src/api/index.ts';
import { HubProcess, repoRoot } from '../test/helpers/hub-process.ts';
import type { ClientsOptions, ClientsReport } from './fanout-clients.ts';
import type { LoadOptions, LoadReport } from './fanout-load.ts';
import { cpuSecondsOf, Histogram } from './histogram.ts';

/** 500 sockets' frames need more than one core at 50 changes a second and up (bench/README.md). */
const SCREEN_PROCESSES = 2;

export interface FanoutSizes {
  displays: number;
  desks: number;
  rate: number;
  seconds: number;
  /** Processes the screens are spread over (a Node process does its JavaScript on one core). */
  screenProcesses?: number;
}

export function fanoutSizes(env: NodeJS.ProcessEnv = process.env): FanoutSizes {
  return {
    displays: Number(env.FANOUT_DISPLAYS ?? 500),
    desks: 10,
    rate: Number(env.FANOUT_RATE ?? 200),
    seconds: Number(env.FANOUT_SECONDS ?? 60),
    screenProcesses: Number(env.FANOUT_SCREEN_PROCESSES ?? SCREEN_PROCESSES),
  };
}

/** A bench helper process that prints JSON lines; `next()` resolves with the next one. */
class JsonChild {
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | null = null;
  readonly child: ChildProcess;

  constructor(file: string, options: unknown) {
    // FANOUT_CPU_PROF profiles the helpers too, each in its own folder (bench/profile-summary.ts).
    const profileDir = process.env.FANOUT_CPU_PROF;
    const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, basename(file, '.ts'))] : [];
    this.child = spawn(process.execPath, [...profile, '--import', 'tsx', join(repoRoot, file), JSON.stringify(options)], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(line);
      } else this.lines.push(line);
    });
  }

  next<T>(): Promise<T> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(JSON.parse(line) as T);
    return new Promise((resolve, reject) => {
      this.waiting = (l) => resolve(JSON.parse(l) as T);
      this.child.once('exit', (code) => reject(new Error(`${code}: bench helper exited`)));
    });
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** Lets a helper that is about to exit finish (and write its CPU profile), else stops it. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    if (await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), graceMs))])) return;
    this.child.kill();
    await exited;
  }
}

export interface Fanout {
  hub: HubProcess;
  admin: string;
  kiosk: string;
  advisors: string[];
  /** Offers the load (another process) and resolves with its report; `counters`: how many advisors' counters it works (1–3). */
  load(seconds: number, keyPrefix: string, counters?: number, rate?: number): Promise<LoadReport>;
  /** Waits for the screens to see everything committed so far; they close after reporting. */
  screens(): Promise<ScreensReport>;
  close(): Promise<void>;
}

async function askAgainWhenShed<T>(ask: () => Promise<T>, budgetMs = 15_000): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    try {
      return await ask();
    } catch (err) {
      if (!(err instanceof ApiFailure) || err.status !== 503 || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, err.retryAfterMs ?? 500));
    }
  }
}

/** Starts the hub and the screens process, with the staff and devices the load needs. */
export async function startFanout(sizes: FanoutSizes, env: Record<string, string> = {}): Promise<Fanout> {
  // FANOUT_CPU_PROF=<folder>: the hub writes a V8 CPU profile there when it stops (bench/profile-summary.ts reads it).
  const profileDir = process.env.FANOUT_CPU_PROF;
  const hub = new HubProcess({ env, ...(profileDir ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}) });
  await hub.start();
  // With tight shedding limits a hub that has just started (compiling, migrating) may refuse
  // the first requests with 503 + Retry-After: setup asks again as a person would.
  const admin = await askAgainWhenShed(() => hub.login());
  const kiosk = await askAgainWhenShed(() => hub.enrol(admin, 'kiosk'));
  const advisors: string[] = [];
  for (const pin of ['9753', '8642', '7531']) {
    await askAgainWhenShed(() => hub.call(endpoints.createStaff, { body: { name: `advisor ${pin}`, role: 'advisor', pin } }, admin));
    advisors.push(await askAgainWhenShed(() => hub.login(pin)));
  }
  const deskToken = await askAgainWhenShed(() => hub.enrol(admin, 'desk'));
  const processes = Math.max(1, Math.min(sizes.screenProcesses ?? SCREEN_PROCESSES, sizes.displays + sizes.desks));
  const share = (n: number, i: number): number => Math.floor(n / processes) + (i < n % processes ? 1 : 0);
  const clients = Array.from(
    { length: processes },
    (_, i) =>
      new JsonChild('bench/fanout-clients.ts', {
        url: hub.url,
        displays: share(sizes.displays, i),
        desks: share(sizes.desks, i),
        deskToken,
      } satisfies ClientsOptions),
  );
  await Promise.all(clients.map((c) => c.next<{ ready: true }>()));
  const pin = pinning();
  pin?.hub(hub.pid());
  for (const c of clients) pin?.harness(c.child.pid);
  return {
    hub,
    admin,
    kiosk,
    advisors,
    async load(seconds, keyPrefix, counters = 3, rate = sizes.rate) {
      const generator = new JsonChild('bench/fanout-load.ts', {
        url: hub.url,
        kiosk,
        advisors: advisors.slice(0, counters),
        rate,
        seconds,
        keyPrefix,
      } satisfies LoadOptions);
      pin?.harness(generator.child.pid);
      return generator.next<LoadReport>();
    },
    async screens() {
      const seq = (await hub.get('/api/health')).body.seq as number;
      for (const c of clients) c.send(`report ${seq}`);
      return mergeScreens(await Promise.all(clients.map((c) => c.next<ClientsReport>())));
    },
    async close() {
      await Promise.all(clients.map((c) => c.stop()));
      await hub.stop();
    },
  };
}

/**
 * FANOUT_PIN=1 (Linux, two cores or more): the hub on core 0, the harness (screens, generator,
 * and whatever else a bench pins) on the others, as if the screens were other machines; the
 * hub's figures are then its own, whatever the harness needs. A process started by a pinned
 * one (Chromium by the bench) inherits its cores.
 */
export function pinning(env: NodeJS.ProcessEnv = process.env): { hub(pid?: number): void; harness(pid?: number): void } | null {
  if (env.FANOUT_PIN !== '1' || cpus().length < 2) return null;
  const pinTo = (cores: string) => (pid?: number) => {
    if (pid !== undefined) execFileSync('taskset', ['-a', '-pc', cores, String(pid)], { stdio: 'ignore' });
  };
  return { hub: pinTo('0'), harness: pinTo(`1-${cpus().length - 1}`) };
}

/** What every screen saw, from the reports of the processes they were spread over. */
export interface ScreensReport {
  sockets: number;
  received: number;
  outOfOrder: number;
  missing: number;
  deliveries: Histogram;
  /** Commit to the last of all sockets, per event. */
  lastClient: Histogram;
  apply: Histogram;
  snapshots: number;
  cpuSeconds: number;
  /** The busiest screens process's CPU, for telling whether one of them ran out of its core. */
  busiestCpuSeconds: number;
  processes: number;
}

export function mergeScreens(reports: readonly ClientsReport[]): ScreensReport {
  const sum = (pick: (r: ClientsReport) => number): number => reports.reduce((n, r) => n + pick(r), 0);
  const merged = (pick: (r: ClientsReport) => number[]): Histogram => {
    const h = new Histogram();
    for (const r of reports) h.merge(Histogram.fromJSON(pick(r)));
    return h;
  };
  const lastBySeq = new Map<number, { committed: number; last: number }>();
  for (const r of reports) {
    for (const [seq, committed, last] of r.lastArrivals) {
      const seen = lastBySeq.get(seq);
      if (!seen || last > seen.last) lastBySeq.set(seq, { committed, last });
    }
  }
  const lastClient = new Histogram();
  for (const { committed, last } of lastBySeq.values()) lastClient.add(last - committed);
  return {
    sockets: sum((r) => r.sockets),
    received: sum((r) => r.received),
    outOfOrder: sum((r) => r.outOfOrder),
    missing: sum((r) => r.missing),
    deliveries: merged((r) => r.deliveries),
    lastClient,
    apply: merged((r) => r.apply),
    snapshots: sum((r) => r.snapshots),
    cpuSeconds: sum((r) => r.cpuSeconds),
    busiestCpuSeconds: Math.max(...reports.map((r) => r.cpuSeconds)),
    processes: reports.length,
  };
}

/**
 * The machine the figures come from, and how busy it was with other work: on a shared machine a
 * load average above the core count means every process, the hub included, waited for a CPU.
 */
export function machineNote(loadBefore: number): string {
  return `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadBefore.toFixed(1)} before → ${loadavg()[0]!.toFixed(1)} after`;
}

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
const share = (cpu: number, seconds: number): string => `${cpu.toFixed(1)} s (${Math.round((100 * cpu) / seconds)} % of one core)`;

export async function runFanoutBench(sizes = fanoutSizes()): Promise<string[]> {
  const loadBefore = loadavg()[0]!;
  const fanout = await startFanout(sizes);
  try {
    const { hub } = fanout;
    await fanout.load(Math.min(5, sizes.seconds), 'warm', 3, sizes.rate / 4); // warm-up (JIT, caches) without a backlog
    const rssWarm = hub.rssMb();
    const hubCpuBefore = cpuSecondsOf(hub.pid());
    const rss: number[] = [rssWarm];
    const sampler = setInterval(() => rss.push(hub.rssMb()), 5000);
    const load = await fanout.load(sizes.seconds, 'run');
    clearInterval(sampler);
    const hubCpu = cpuSecondsOf(hub.pid()) - hubCpuBefore;
    rss.push(hub.rssMb());
    const screens = await fanout.screens();
    const http = Histogram.fromJSON(load.http);
    const { deliveries, lastClient, apply } = screens;
    const ok = Object.entries(load.statuses)
      .filter(([s]) => s.startsWith('2'))
      .reduce((n, [, c]) => n + c, 0);
    const refused = Object.entries(load.statuses)
      .filter(([s]) => !s.startsWith('2'))
      .map(([s, c]) => `${c} × ${s}`)
      .join(', ');
    const rssDrift = (100 * (Math.max(...rss) - rssWarm)) / rssWarm;
    const wall = load.wallSeconds;
    return [
      `fan-out: ${sizes.displays} displays + ${sizes.desks} desk consoles (socket.io, own processes); open loop ${sizes.rate} changes/s offered for ${sizes.seconds} s (issue, call-next, start; own process): ` +
        `${load.offered} offered, ${ok} done${refused ? `, refused ${refused}` : ''}, ${load.notSent} not sent (over 2000 unanswered), ${load.startsSkipped} starts skipped (their call answered after the counter's next); status 0 = no answer within 10 s`,
      `fan-out HTTP, from each request's scheduled send time: p50 ${ms(http.percentile(50))} ms, p99 ${ms(http.percentile(99))} ms, max ${ms(http.max)} ms (goal p99 ≤ 50 ms); generator timer late by ≤ ${ms(load.worstTimerLagMs)} ms`,
      `fan-out push, commit → receipt (event.at, 1 ms clock): every delivery p50 ${ms(deliveries.percentile(50))} ms, p99 ${ms(deliveries.percentile(99))} ms; ` +
        `each event to its last of ${screens.sockets} clients p50 ${ms(lastClient.percentile(50))} ms, p99 ${ms(lastClient.percentile(99))} ms (goal p99 ≤ 50 ms); ` +
        `${screens.received} delivered, ${screens.missing} missing, ${screens.outOfOrder} out of order (goal 0, 0)`,
      `fan-out desks: ${screens.snapshots} staff snapshots (one per connect, more only after a gap); an event applied in p50 ${apply.percentile(50).toFixed(2)} ms, p99 ${apply.percentile(99).toFixed(2)} ms`,
      `fan-out hub memory (RSS) after warm-up → every 5 s → end: ${rss.map((m) => m.toFixed(0)).join(' → ')} MB, peak ${rssDrift >= 0 ? '+' : ''}${rssDrift.toFixed(0)} % (goal within ± 10 %)`,
      `fan-out CPU over the ${wall.toFixed(1)} s run: hub ${share(hubCpu, wall)}, load generator ${share(load.cpuSeconds, wall)}, screens ${share(screens.cpuSeconds, wall)} in ${screens.processes} processes — ` +
        bottleneck(
          { hub: hubCpu / wall, generator: load.cpuSeconds / wall, screens: screens.cpuSeconds / wall, busiestScreens: screens.busiestCpuSeconds / wall },
          loadBefore,
        ),
      `fan-out ${machineNote(loadBefore)}`,
    ];
  } finally {
    await fanout.close();
  }
}

/** Shares of one core each process used over the run. */
export interface CpuShares {
  hub: number;
  generator: number;
  /** All screens processes together, and the busiest of them. */
  screens: number;
  busiestScreens: number;
}

/**
 * Which process ran out of CPU first (a Node process does its JavaScript on one core), or
 * whether the bench's processes together filled the machine, when the hub waited for a CPU.
 */
export function bottleneck(cpu: CpuShares, loadAverage: number, cores = cpus().length): string {
  if (loadAverage > cores) {
    return `the machine was oversubscribed (load average ${loadAverage.toFixed(1)} on ${cores} cores): every process, the hub included, waited for a CPU, so these figures are a floor, not the hub's capacity`;
  }
  const total = cpu.hub + cpu.generator + cpu.screens;
  if (total > 0.85 * cores) {
    return `the bench's processes used ${total.toFixed(2)} of the machine's ${cores} cores: the hub waited for a CPU, so these figures are the machine's, not the hub's capacity`;
  }
  const busy = [
    ['the hub', cpu.hub],
    ['the load generator', cpu.generator],
    ['a screens process', cpu.busiestScreens],
  ].filter(([, share]) => (share as number) > 0.85);
  if (!busy.length) return 'no process near a full core: the figures are the hub’s, not the harness’s';
  return `${busy.map(([name]) => name).join(' and ')} near a full core: the figures are bounded by ${busy.length > 1 ? 'them' : 'it'}`;
}
