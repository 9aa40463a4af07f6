/** A real kiosk station process (`kiosk/station/server.ts`) talking to a hub, for integration tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot } from './hub-process.ts';

export interface StationProcess {
  url: string;
  child: ChildProcess;
  log: () => string;
  stop: () => void;
}

export async function startStationProcess(options: { hubUrl: string; token: string; printer: string }): Promise<StationProcess> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'kiosk/station/server.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HUB_URL: options.hubUrl,
      STATION_TOKEN: options.token,
      PRINTER: options.printer,
      STATION_PORT: String(port),
      STATION_DATA: mkdtempSync(join(tmpdir(), 'station-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!log.includes('station listening')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`station did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, child, log: () => log, stop: () => void child.kill('SIGTERM') };
}
