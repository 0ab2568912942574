/**
 * A Redis for `npm run load -- --replicas N --workers M`: HANDOFF_TEST_REDIS_URL when set (CI starts one), else a
 * private `redis-server` on a free port for the length of the run (Debian: `apt-get install redis-server`).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function redisForLoad(): Promise<RunningRedis> {
  const given = process.env["HANDOFF_TEST_REDIS_URL"];
  if (given) return { url: given, stop: async () => undefined };
  return startRedisServer(await freePort());
}

/** A private `redis-server` on `port`, without persistence; `stop()` ends it (an outage, for the specs). */
export async function startRedisServer(port: number): Promise<RunningRedis> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("error", () =>
      reject(
        new Error("redis-server not found: install it (apt-get install redis-server) or set HANDOFF_TEST_REDIS_URL"),
      ),
    );
    setTimeout(resolve, 300);
  });
  return {
    url: `redis://127.0.0.1:${port}/0`,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
