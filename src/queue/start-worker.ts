// Starts a worker process (`handoff worker`, the same image as the web process): the App loaded into Probot,
// fed by the delivery queue, plus /healthz, /readyz and /metrics on PORT. Needs REDIS_URL.
import type { Server } from "node:http";
import type { Worker } from "bullmq";
import type { ApplicationFunction, Probot } from "probot";
import { createHandoffApp } from "../app/index.js";
import { connectRedis } from "../redis/connection.js";
import { ServerConfigError, type ServerConfig } from "../server/config.js";
import { createProbot, openFleet, type FleetOptions, type ProbotParts } from "../server/fleet.js";
import { Metrics } from "../server/metrics.js";
import { operationalRoutes } from "../server/routes.js";
import { listen } from "../server/start.js";
import { queueCounts } from "./inspect.js";
import { openQueue, withDeadline, type DeliveryJob } from "./jobs.js";
import { startDeliveryWorker, type DeliveryWorkerOptions } from "./worker.js";

export interface StartWorkerOptions {
  config: ServerConfig;
  app?: ApplicationFunction;
  probot?: Probot;
  probotParts?: ProbotParts;
  fleet?: FleetOptions;
  /** Lease timings; tests shorten them so that a killed worker's job is taken over within seconds. */
  worker?: Pick<DeliveryWorkerOptions, "lockDurationMs" | "stalledIntervalMs">;
}

export interface RunningWorker {
  worker: Worker<DeliveryJob>;
  server: Server;
  probot: Probot;
  metrics: Metrics;
  url: string;
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { config } = options;
  if (!config.redisUrl) throw new ServerConfigError("A worker needs REDIS_URL: the queue lives in Redis.");
  const fleet = await openFleet(config, "worker", options.fleet);
  const queue = openQueue(fleet.redis!);
  // BullMQ checks the Redis version on first use; closing the shared client during that check would reject it.
  await withDeadline(queue.waitUntilReady(), 2_000, "opening the queue").catch(() => undefined);
  const metrics = new Metrics({ queueCounts: () => queueCounts(queue) });
  const probot = options.probot ?? createProbot(config, metrics, options.probotParts);
  await probot.load(options.app ?? createHandoffApp(fleet.lock ? { lock: fleet.lock } : {}));
  const connection = connectRedis(config.redisUrl, "worker", "worker");
  const worker = startDeliveryWorker({
    ...options.worker,
    connection,
    probot,
    ledger: fleet.ledger,
    metrics,
    concurrency: config.workerConcurrency,
  });
  await withDeadline(worker.waitUntilReady(), 2_000, "starting the worker").catch(() => undefined);
  const ready = async () => {
    const state = await fleet.ready();
    if (!state.ok) return state;
    return worker.isRunning()
      ? { ok: true, reason: `${state.reason}; taking jobs` }
      : { ok: false, reason: "the worker is not running" };
  };
  const { server, url } = await listen(config, [operationalRoutes(metrics, ready)]);
  return {
    worker,
    server,
    probot,
    metrics,
    url,
    close: async () => {
      await worker.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await withDeadline(queue.close(), 2_000, "closing the queue").catch(() => undefined);
      await connection.quit().catch(() => connection.disconnect());
      await fleet.close();
    },
  };
}
