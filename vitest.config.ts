import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Native modules (better-sqlite3) and child processes are happiest in forked workers.
    pool: 'forks',
    testTimeout: 30_000,
    // Pages and processes answer slower on a loaded 2-core CI machine: poll assertions wait longer.
    expect: { poll: { timeout: 5000 } },
    hookTimeout: 60_000,
    // Fails the run if a `.only` slipped into a commit.
    allowOnly: false,
    reporters: ['default', './test/summary-reporter.ts'],
    // Everything a run writes under the temp folder goes in one folder, removed at the end.
    globalSetup: ['./test/run-temp-dir.ts'],
  },
});
