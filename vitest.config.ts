import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs anywhere in seconds; `integration` needs the local stack
// (dev/stack.ts) running and reads its addresses from DRIM_STACK_FILE.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'dev/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', 'dev/.data/**'],
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
    ],
  },
});
