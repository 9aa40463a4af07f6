import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useRunTempDir } from './run-temp-dir.ts';

describe('the test run temp folder', () => {
  it('is where os.tmpdir() points in a test worker', () => {
    // The global setup set TMPDIR before this worker was forked.
    expect(tmpdir()).toMatch(/kiosk-run-[^/]+$/);
  });

  it('points TMPDIR at a fresh folder others can enter, and removes it with its contents', () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: tmpdir() };
    const run = useRunTempDir(env, 'run-dir-test-');
    expect(env.TMPDIR).toBe(run.dir);
    expect(statSync(run.dir).mode & 0o777).toBe(0o755);
    const hub = mkdtempSync(join(run.dir, 'hub-store-'));
    mkdirSync(join(hub, 'nested'));
    writeFileSync(join(hub, 'nested', 'hub.sqlite'), 'x');
    run.remove();
    expect(existsSync(run.dir)).toBe(false);
    expect(env.TMPDIR).toBe(tmpdir());
  });

  it('leaves TMPDIR unset afterwards when it was unset before', () => {
    const env: NodeJS.ProcessEnv = {};
    const run = useRunTempDir(env, 'run-dir-test-');
    expect(env.TMPDIR).toBe(run.dir);
    run.remove();
    expect('TMPDIR' in env).toBe(false);
  });
});
