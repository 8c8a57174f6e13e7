import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './dev/chromium';
import { readStackInfo } from './dev/stack/stackInfo';

// The stack (dev/stack.ts run --profile test) is already up; its gateway is the base URL.
const stack = readStackInfo();
// The region profile (several gateways behind nginx) runs its own specs, and only those.
const region = stack.profile === 'region';

export default defineConfig({
  testDir: region ? 'e2e/region' : 'e2e',
  testIgnore: region ? [] : ['region/**'],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // One shared stack whose sources some tests stop and restart: run serially.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: stack.gatewayUrl,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
});
