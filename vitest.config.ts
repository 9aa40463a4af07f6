import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Native modules (better-sqlite3) and child processes are happiest in forked workers.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Fails the run if a `.only` slipped into a commit.
    allowOnly: false,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
