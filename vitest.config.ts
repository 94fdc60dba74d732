import { defineConfig } from 'vitest/config';

// Three tiers by file suffix (CONVENTIONS 11): unit, integration (real database), browser.
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'node_modules/**'],
          env: { TZ: 'UTC' },
          // Timeouts only catch hangs (speed is measured by the benches): property tests with
          // hundreds of runs passed 5 s on a loaded 2-core CI machine (person-batch.test.ts, 5.7 s).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are memory hungry and the CI machine has 2 cores.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
