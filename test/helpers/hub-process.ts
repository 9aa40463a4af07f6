/**
 * Starts the real hub as a child process on a free port with its own data folder, and can kill
 * and restart it: the hub alone (`hub/src/main.ts`, as the systemd unit runs it) or the
 * all-in-one with its embedded station and virtual printer (`all-in-one/main.ts`, as
 * `npm start` runs it). Its output is kept for failures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { call } from '../../shared/src/api/client.ts';
import type { AnswerOf, CallInput, Endpoint } from '../../shared/src/api/endpoint.ts';
import { endpoints } from '../../shared/src/api/index.ts';
import type { DeviceRole } from '../../shared/src/protocol.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const DEFAULT_ADMIN_PIN = '135790';
let enrolled = 0;

export const ENTRY_POINTS = {
  hub: 'hub/src/main.ts',
  'all-in-one': 'all-in-one/main.ts',
  /** The production bundles (`npm run build:server`), run with plain node. */
  'built hub': 'dist/hub/main.mjs',
  'built all-in-one': 'dist/all-in-one.mjs',
} as const;

export interface HubProcessOptions {
  env?: Record<string, string>;
  dataDir?: string;
  /** Which program to start: the hub alone (default) or the all-in-one `npm start`. */
  entry?: keyof typeof ENTRY_POINTS;
  /** Extra node options, e.g. `--cpu-prof` for a profile (benches). */
  nodeArgs?: string[];
}

/**
 * Hubs running now, stopped with the process that started them if it dies before stopping them
 * itself (an uncaught error in a bench, say): a stray hub keeps its port and a share of the CPU.
 */
const running = new Set<ChildProcess>();
let stopOnExit = false;
function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (stopOnExit) return;
  stopOnExit = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

export class HubProcess {
  readonly dataDir: string;
  port = 0;
  output = '';
  private child: ChildProcess | null = null;

  constructor(private readonly options: HubProcessOptions = {}) {
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hub-test-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const entry = join(repoRoot, ENTRY_POINTS[this.options.entry ?? 'hub']);
    const nodeArgs = this.options.nodeArgs ?? [];
    const child = spawn(process.execPath, entry.endsWith('.ts') ? [...nodeArgs, '--import', 'tsx', entry] : [...nodeArgs, entry], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        HUB_BOOTSTRAP_ADMIN_PIN: DEFAULT_ADMIN_PIN,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    track(child);
    let earlyExit: ((code: number | null) => void) | null = null;
    await new Promise<void>((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`hub did not start within 60 s:\n${this.output}`)), 60_000);
      // Only this start's output counts: after a restart the old "listening" line is still there.
      const from = this.output.length;
      const onData = (chunk: Buffer): void => {
        this.output += chunk.toString();
        if (this.output.slice(from).includes('hub listening on')) {
          clearTimeout(timer);
          resolveStart();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      earlyExit = (code) => {
        clearTimeout(timer);
        reject(new Error(`hub exited with ${code} while starting:\n${this.output}`));
      };
      child.once('exit', earlyExit);
    });
    if (earlyExit) child.off('exit', earlyExit);
  }

  /** The hub's process id (for benchmarks reading its CPU from /proc); 0 when not running. */
  pid(): number {
    return this.child?.pid ?? 0;
  }

  /** Resident memory of the hub process in MB (Linux /proc), for benchmarks. */
  rssMb(): number {
    const pid = this.child?.pid;
    if (!pid) return NaN;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  /** SIGKILL: the hub gets no chance to clean up, like a power cut. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async post(path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(this.url + path, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  async get(path: string, token?: string): Promise<{ status: number; body: any }> {
    const response = await fetch(this.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await response.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (an HTML page): keep the text
    }
    return { status: response.status, body };
  }

  /**
   * One call through the shared typed client, as pages and the station make them. `post` and
   * `get` stay for what a typed client cannot send: malformed input a test sends on purpose.
   */
  call<E extends Endpoint>(endpoint: E, input: CallInput<E>, token?: string, idempotencyKey?: string): Promise<AnswerOf<E>> {
    return call(endpoint, input, { baseUrl: this.url, token: token ?? null, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  /** Logs in with the bootstrap admin PIN (HUB_BOOTSTRAP_ADMIN_PIN, default in tests: 135790). */
  async login(pin = this.options.env?.HUB_BOOTSTRAP_ADMIN_PIN ?? DEFAULT_ADMIN_PIN): Promise<string> {
    return (await this.call(endpoints.login, { body: { pin } })).token;
  }

  /** Enrols a device of the given role through a pairing code, as an installer would. */
  async enrol(adminToken: string, role: DeviceRole, name = `${role} ${++enrolled}`): Promise<string> {
    const { code } = await this.call(endpoints.createPairingCode, { body: { name, role } }, adminToken);
    return (await this.call(endpoints.pairDevice, { body: { code } })).token;
  }

  /** Adds a staff member and returns a session token for them. */
  async staff(adminToken: string, role: 'advisor' | 'workshop' | 'manager', pin: string): Promise<string> {
    await this.call(endpoints.createStaff, { body: { name: `${role} ${pin}`, role, pin } }, adminToken);
    return this.login(pin);
  }
}

/** The start most integration tests share: a hub process started, its admin logged in, a kiosk enrolled. */
export async function startedHub(options: HubProcessOptions = {}): Promise<{ hub: HubProcess; admin: string; kiosk: string }> {
  const hub = new HubProcess(options);
  await hub.start();
  const admin = await hub.login();
  const kiosk = await hub.enrol(admin, 'kiosk');
  return { hub, admin, kiosk };
}
