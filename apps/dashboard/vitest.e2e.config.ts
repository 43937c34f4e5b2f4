// The end-to-end suite: the built dashboard in a real headless Chromium, against the reference
// server on PGlite and against the demo build on the in-browser fake. Runs after `vite build`
// (turbo's test comes after build), one file at a time: each starts its own Chromium.
import { defineConfig } from 'vitest/config';
import { baseConfig } from '../../vitest.base.js';

export default defineConfig({
  ...baseConfig,
  test: {
    // Not merged with the base: its unit-test globs would run here too.
    include: ['e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
