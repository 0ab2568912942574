// What an operator asks of the queue: how many jobs in each state, which deliveries are dead (no attempts left;
// redeliver them from the App's settings once the cause is fixed), and which are stuck (running for longer
// than any handler should: a worker that hangs rather than dies keeps its lease).
import type { Queue } from "bullmq";
import type { DeliveryJob } from "./jobs.js";

/** No handler should run this long: GitHub calls are bounded by timeouts and at most two rate-limit waits. */
export const STUCK_AFTER_MS = 5 * 60 * 1000;

export interface QueueJobSummary {
  delivery: string;
  event: string;
  attempts: number;
  /** Why the last attempt failed (dead jobs). */
  reason?: string;
  /** When it started (stuck jobs) or failed for good (dead jobs), ISO 8601. */
  at?: string;
}

export interface QueueReport {
  counts: Record<string, number>;
  dead: QueueJobSummary[];
  stuck: QueueJobSummary[];
}

const STATES = ["waiting", "active", "delayed", "failed", "completed", "paused", "prioritized"] as const;

export async function queueCounts(
  queue: Queue<DeliveryJob>,
  now = Date.now(),
  stuckAfterMs = STUCK_AFTER_MS,
): Promise<Record<string, number>> {
  const counts = await queue.getJobCounts(...STATES);
  const active = await queue.getActive();
  return {
    ...counts,
    stuck: active.filter((job) => job.processedOn !== undefined && now - job.processedOn > stuckAfterMs).length,
  };
}

export async function inspectQueue(
  queue: Queue<DeliveryJob>,
  limit = 50,
  now = Date.now(),
  stuckAfterMs = STUCK_AFTER_MS,
): Promise<QueueReport> {
  const [counts, failed, active] = await Promise.all([
    queue.getJobCounts(...STATES),
    queue.getFailed(0, limit - 1),
    queue.getActive(),
  ]);
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const summary = (job: (typeof failed)[number]): QueueJobSummary => ({
    delivery: job.data.id,
    event: job.data.name,
    attempts: job.attemptsMade,
  });
  return {
    counts,
    dead: failed.map((job) => ({ ...summary(job), reason: job.failedReason, at: iso(job.finishedOn) })),
    stuck: active
      .filter((job) => job.processedOn !== undefined && now - job.processedOn > stuckAfterMs)
      .map((job) => ({ ...summary(job), at: iso(job.processedOn) })),
  };
}
