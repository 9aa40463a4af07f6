/**
 * A test or bench that dies (an uncaught error before its `finally`) must not leave its hub
 * running: a stray hub keeps its port, its data folder and a share of a 2-core machine, and
 * skews every figure measured after it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/hub-process.ts';
import { until } from './helpers/until.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a hub started by the test helper', () => {
  it('is stopped when the process that started it dies of an uncaught error', async () => {
    const script = join(repoRoot, 'test', 'helpers', 'crash-with-hub.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const pid = Number(/hub pid (\d+)/.exec(output)?.[1]);
    expect(code, output).toBe(1);
    expect(output).toMatch(/deliberate crash/);
    expect(pid).toBeGreaterThan(0);
    try {
      await until(() => !alive(pid), 'the orphaned hub to stop', 5000);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
