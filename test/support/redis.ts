/**
 * A real Redis for the specs that need one. `.ci/run` starts Debian's redis-server and passes its URL in
 * HANDOFF_TEST_REDIS_URL. Without it, those specs are skipped with a message in local development, and fail
 * in CI (CI=true): a missing Redis there is a broken pipeline, not a reason to test less.
 * Each spec file takes its own logical database (0-15), flushed before use, so files can run in parallel.
 */
import { Redis } from "ioredis";
import { describe, it } from "vitest";

export const TEST_REDIS_URL = process.env["HANDOFF_TEST_REDIS_URL"];

/** The test Redis URL with database `db` selected. */
export function redisUrl(db: number): string {
  if (!TEST_REDIS_URL) throw new Error("HANDOFF_TEST_REDIS_URL is not set");
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${db}`;
  return url.toString();
}

/** Empties database `db`. */
export async function flushRedis(db: number): Promise<void> {
  const client = new Redis(redisUrl(db));
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
}

/** `describe`, when a test Redis is configured; otherwise a clear skip (local) or a failure (CI). */
export function describeWithRedis(name: string, body: () => void): void {
  if (TEST_REDIS_URL) {
    describe(name, body);
    return;
  }
  if (process.env["CI"] === "true") {
    describe(name, () => {
      it("needs a Redis: set HANDOFF_TEST_REDIS_URL (.ci/run starts redis-server and sets it)", () => {
        throw new Error("CI=true but HANDOFF_TEST_REDIS_URL is not set: Redis-backed specs cannot run");
      });
    });
    return;
  }
  describe.skip(`${name} (skipped: no HANDOFF_TEST_REDIS_URL; see test/support/redis.ts)`, body);
}
