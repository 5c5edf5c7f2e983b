import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Setup and teardown start and close servers and a headless browser: on a loaded machine that can
    // take longer than vitest's 10 s default for hooks.
    hookTimeout: 60_000,
    pool: 'forks',
    // odf run in a child process reads the user's catalogue cache (odf schemas update) by default: point
    // it at a folder that holds none, so results never depend on the machine the tests run on.
    env: { XDG_CACHE_HOME: path.join(os.tmpdir(), 'odf-tests-without-cache') },
  },
});
