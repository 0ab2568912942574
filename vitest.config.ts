import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Bundle and HTTP tests spawn Node processes and local servers; keep them well away from the default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
