/**
 * Starts the real hub (`hub/src/main.ts`, as `npm start` does) as a child process on a free
 * port with its own data folder, and can kill and restart it. Its output is kept for failures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

export interface HubProcessOptions {
  env?: Record<string, string>;
  dataDir?: string;
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
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'hub/src/main.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`hub did not start within 20 s:\n${this.output}`)), 20_000);
      const onData = (chunk: Buffer): void => {
        this.output += chunk.toString();
        if (this.output.includes('hub listening on')) {
          clearTimeout(timer);
          resolveStart();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`hub exited with ${code} while starting:\n${this.output}`));
      });
    });
    child.removeAllListeners('exit');
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

  async post(path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(this.url + path, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    const response = await fetch(this.url + path);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
}
