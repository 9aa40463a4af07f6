/**
 * One temporary folder per test run, removed when the run ends. Tests, the hubs and stations
 * they start, PostgreSQL and Chromium all make their files under `os.tmpdir()`; pointing TMPDIR
 * here (forked test workers and their children inherit it) keeps a developer's /tmp from
 * gathering thousands of SQLite files, one run after another. Also used by `npm run bench`.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Makes the run's folder and points TMPDIR at it; the returned function removes it and restores TMPDIR. */
export function useRunTempDir(env: NodeJS.ProcessEnv = process.env, prefix = 'kiosk-run-'): { dir: string; remove: () => void } {
  const before = env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Readable by others: the test PostgreSQL runs as the `postgres` user when tests run as root.
  chmodSync(dir, 0o755);
  env.TMPDIR = dir;
  const remove = (): void => {
    if (before === undefined) delete env.TMPDIR;
    else env.TMPDIR = before;
    // A killed child may still hold a file open: removal of what is left is best effort.
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  return { dir, remove };
}

/** vitest's globalSetup: runs in the main process before the workers are forked. */
export default function setup(): () => void {
  return useRunTempDir().remove;
}
