// A worker: takes deliveries from the queue and hands each to the App through `probot.receive`, exactly as the
// web process would in-process, so the worker knows nothing of the handlers. A failed attempt is retried with
// backoff (jobs.ts); a delivery with no attempts left stays in the failed set (the dead-letter list) and is
// released from the delivery ledger, so that a person's redelivery runs it again. A worker that dies mid-job
// stops renewing the job's lease; after `lockDurationMs` another worker's stalled-job check takes it over.
import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Probot } from "probot";
import type { DeliveryLedger } from "../server/deliveries.js";
import type { Metrics } from "../server/metrics.js";
import type { WebhookEvent } from "../server/middleware.js";
import { parseOrThrow } from "../core/zod.js";
import { DeliveryJobSchema, QUEUE_NAME, QUEUE_PREFIX, type DeliveryJob } from "./jobs.js";

export interface DeliveryWorkerOptions {
  /** An ioredis client made for the "worker" role (BullMQ requires `maxRetriesPerRequest: null`). */
  connection: Redis;
  probot: Pick<Probot, "receive" | "log">;
  ledger: DeliveryLedger;
  metrics?: Metrics;
  /** Deliveries run at once by this worker. */
  concurrency?: number;
  /** How long a job's lease lasts without renewal: how soon a dead worker's job is taken over. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs. */
  stalledIntervalMs?: number;
}

export const DEFAULT_CONCURRENCY = 8;
const LOCK_DURATION_MS = 30_000;
/** A job stalled more than this many times is failed instead of taken over again (it may be what kills workers). */
const MAX_STALLED = 2;

export function startDeliveryWorker(options: DeliveryWorkerOptions): Worker<DeliveryJob> {
  const { probot, ledger, metrics } = options;
  const log = probot.log;
  const run = async (job: Job<DeliveryJob>): Promise<void> => {
    const data = parseOrThrow(DeliveryJobSchema, job.data);
    // The payload was verified by the web process's signature check before it was queued.
    await probot.receive({ id: data.id, name: data.name, payload: data.payload } as unknown as WebhookEvent);
  };
  const lockDuration = options.lockDurationMs ?? LOCK_DURATION_MS;
  const worker = new Worker<DeliveryJob>(QUEUE_NAME, run, {
    connection: options.connection,
    prefix: QUEUE_PREFIX,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    lockDuration,
    stalledInterval: options.stalledIntervalMs ?? lockDuration,
    maxStalledCount: MAX_STALLED,
  });
  worker.on("completed", (job) => {
    metrics?.job(job.data.name, "completed");
    ledger
      .done(job.data.id)
      .catch((error: unknown) => log.warn({ id: job.data.id, err: error }, "could not mark the delivery done"));
  });
  worker.on("failed", (job, error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts) {
      metrics?.job(job.data.name, "retried");
      log.warn(
        { id: job.data.id, event: job.data.name, attempt: job.attemptsMade, err: error },
        "delivery failed; retrying with backoff",
      );
      return;
    }
    metrics?.job(job.data.name, "dead");
    log.error(
      { id: job.data.id, event: job.data.name, err: error },
      "delivery failed for good: in the dead-letter list (`handoff queue`); redeliver it once fixed",
    );
    ledger.release(job.data.id).catch(() => undefined);
  });
  worker.on("stalled", (jobId) => {
    metrics?.job("unknown", "stalled");
    log.warn({ job: jobId }, "a worker died or hung mid-delivery; the delivery is taken over");
  });
  worker.on("error", (error) => log.error({ err: error }, "queue worker error"));
  return worker;
}
