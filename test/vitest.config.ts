import { defineConfig } from 'vitest/config';
import { baseConfig } from '../vitest.base.js';

export default defineConfig({
  ...baseConfig,
  test: { ...baseConfig.test, include: ['contract/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
