import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Bundle and HTTP tests spawn Node processes and local servers; keep them well away from the default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // vitest's default is one worker fewer than the cores: on CI's 2 cores, one file at a time, and the suite's
    // waits on servers and child processes then leave a core idle. One worker per core instead.
    maxWorkers: "100%",
    setupFiles: ["test/setup/fast-check.ts"],
    // The Action's tests run it in-process with a fresh module state per run (test/action-harness.ts). @actions/core
    // keeps state between calls (the job summary's file and buffer); inlined, vi.resetModules renews it too.
    server: { deps: { inline: ["@actions/core"] } },
  },
});
