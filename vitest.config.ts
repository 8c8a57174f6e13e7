import { defineConfig } from 'vitest/config';

// Four projects: `unit` runs anywhere in seconds; `integration` needs the local stack
// (dev/stack.ts) running and reads its addresses from DRIM_STACK_FILE; `region` needs the
// region profile of that stack; `log-check` reads the test stack's logs once every suite
// has run against it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.{ts,tsx}',
            'server/**/*.test.ts',
            'build/**/*.test.ts',
            'dev/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: [
            '**/*.int.test.ts',
            '**/*.region.test.ts',
            '**/*.check.test.ts',
            'node_modules/**',
            'dev/.data/**',
            'bench/.cache/**',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/**/*.int.test.ts', 'dev/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        // Needs the region profile (dev/stack.ts run --profile region): several gateways,
        // PostgreSQL, nginx as balancer and shared cache.
        test: {
          name: 'region',
          include: ['server/**/*.region.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        // Reads what the test stack logged during the integration and end-to-end suites.
        test: {
          name: 'log-check',
          include: ['server/**/*.check.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
