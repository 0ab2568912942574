// One ioredis client per role. Two roles need different failure behaviour:
// - "web" (the webhook server, locks, readiness): fail fast. With ioredis' offline queue, a command sent while
//   Redis is down waits for the reconnect, and GitHub would see a timeout after 10 s instead of our 503. So the
//   offline queue is off, and every command has a deadline.
// - "worker" (BullMQ's blocking connections): BullMQ requires `maxRetriesPerRequest: null`, and a worker should
//   wait out an outage rather than fail its jobs, so it reconnects forever with a capped backoff.
import { Redis, type RedisOptions } from "ioredis";

export type RedisRole = "web" | "worker";

/** A command that takes longer than this is an outage for the web role: answer 503 rather than wait. */
export const WEB_COMMAND_TIMEOUT_MS = 1_000;
const RECONNECT_CAP_MS = 2_000;

export function redisOptions(role: RedisRole): RedisOptions {
  const reconnect = { retryStrategy: (attempt: number) => Math.min(attempt * 100, RECONNECT_CAP_MS) };
  if (role === "worker") return { ...reconnect, maxRetriesPerRequest: null, enableReadyCheck: true };
  return {
    ...reconnect,
    enableOfflineQueue: false,
    commandTimeout: WEB_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  };
}

/** `redis://`, `rediss://` (TLS) or a Unix socket path, as REDIS_URL holds it. */
export function connectRedis(url: string, role: RedisRole, name: string): Redis {
  const client = url.startsWith("/")
    ? new Redis({ path: url, ...redisOptions(role) })
    : new Redis(url, redisOptions(role));
  client.options.connectionName = `handoff-${name}`;
  // Without a listener, ioredis prints every reconnect failure as an unhandled error; readiness reports it instead.
  client.on("error", () => undefined);
  return client;
}

/** Resolves once the client is connected (the web role cannot send before: its offline queue is off). */
export async function whenReady(client: Redis, timeoutMs = 5_000): Promise<void> {
  if (client.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      reject(new Error(`Redis did not answer within ${timeoutMs} ms (status ${client.status})`));
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    client.once("ready", onReady);
  });
}

/** Whether Redis answers a PING now; for readiness. Never throws. */
export async function redisAnswers(client: Redis): Promise<boolean> {
  if (client.status !== "ready") return false;
  try {
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  }
}
