/**
 * Issue #12 item 4: the hub's HTTP latency for `/api/queue` while abusive clients flood it,
 * against the real hub process on loopback. Bounded floods: 20 sockets from 20 addresses
 * each firing 2,000 un-awaited `sync` messages (40,000 in all); then wrong PINs from 100
 * addresses. Goal: /api/queue p99 ≤ 50 ms during each.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { percentile } from '../hub/src/domain/day-stats.ts';
import { HubProcess, repoRoot } from '../test/helpers/hub-process.ts';

async function queueLatencies(hub: HubProcess, whileRunning: Promise<unknown>): Promise<number[]> {
  let running = true;
  void whileRunning.finally(() => (running = false));
  const times: number[] = [];
  while (running || times.length < 50) {
    const started = performance.now();
    const answer = await fetch(`${hub.url}/api/queue`);
    await answer.arrayBuffer();
    times.push(performance.now() - started);
    if (times.length >= 2000) break;
  }
  return times.sort((a, b) => a - b);
}

const line = (what: string, times: number[]): string =>
  `/api/queue during ${what}: ${times.length} requests, p50 ${percentile(times, 50)!.toFixed(1)} ms, p99 ${percentile(times, 99)!.toFixed(1)} ms (goal ≤ 50 ms)`;

/** Runs the abusive client in its own process; resolves with what it printed. */
function flood(url: string, mode: 'sync' | 'pins'): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/flood-client.ts'), url, mode], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', () => resolve(JSON.parse(out.trim().split('\n').pop() || '{}') as Record<string, number>));
  });
}

export async function runAccessFloodBench(): Promise<string[]> {
  const hub = new HubProcess();
  await hub.start();
  try {
    const lines: string[] = [];
    await queueLatencies(hub, new Promise((r) => setTimeout(r, 500))); // warm up
    lines.push(line('no flood', await queueLatencies(hub, new Promise((r) => setTimeout(r, 2000)))));
    const syncFlood = flood(hub.url, 'sync');
    const flooded = await queueLatencies(hub, syncFlood);
    lines.push(`${line('a flood of 40,000 un-awaited sync messages from 20 sockets (other process)', flooded)}; ${(await syncFlood).acks} of them answered`);
    const pinFlood = flood(hub.url, 'pins');
    const guessing = await queueLatencies(hub, pinFlood);
    lines.push(`${line('500 wrong PINs from 100 addresses (other process)', guessing)}; ${(await pinFlood).refused} refused unchecked`);
    return lines;
  } finally {
    await hub.stop();
  }
}
