// `handoff queue` (node lib/src/server/main.js queue): the queue as an operator needs it, printed as text.
import { connectRedis, whenReady } from "../redis/connection.js";
import { ServerConfigError, type ServerConfig } from "../server/config.js";
import { inspectQueue, STUCK_AFTER_MS, type QueueJobSummary } from "./inspect.js";
import { openQueue } from "./jobs.js";

function line(job: QueueJobSummary): string {
  return `  ${job.delivery}  ${job.event}  attempts ${job.attempts}  ${job.at ?? ""}${job.reason ? `  ${job.reason}` : ""}`;
}

export async function printQueueReport(
  config: ServerConfig,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<void> {
  if (!config.redisUrl) throw new ServerConfigError("Set REDIS_URL: the queue lives in Redis.");
  const redis = connectRedis(config.redisUrl, "web", "report");
  await whenReady(redis);
  const queue = openQueue(redis);
  try {
    const report = await inspectQueue(queue);
    const out = [
      `jobs: ${Object.entries(report.counts)
        .map(([state, n]) => `${state} ${n}`)
        .join(", ")}`,
      `dead (no attempts left; redeliver from the App's settings once fixed): ${report.dead.length}`,
      ...report.dead.map(line),
      `stuck (running for over ${STUCK_AFTER_MS / 60_000} min): ${report.stuck.length}`,
      ...report.stuck.map(line),
    ];
    write(`${out.join("\n")}\n`);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
