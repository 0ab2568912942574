// The durable delivery queue (BullMQ on Redis). The web process verifies and dedupes a delivery, adds it here
// and answers 202; workers run it. A job's id is its X-GitHub-Delivery, so adding a delivery twice (two
// replicas, a redelivery) gives one job. BullMQ rather than a hand-written list: it brings leases on running
// jobs (a worker that dies leaves a stalled job another worker takes over), retries with backoff, and a
// failed set that serves as the dead-letter list.
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import * as z from "../core/zod.js";
import type { WebhookEvent } from "../server/middleware.js";

export const QUEUE_NAME = "handoff-deliveries";
/** Every key BullMQ writes starts with `handoff:bull:`. */
export const QUEUE_PREFIX = "handoff:bull";

export interface RetryPolicy {
  /** Attempts per delivery, the first included. */
  attempts: number;
  /** The first retry's delay; each next one doubles it. */
  backoffMs: number;
}

/** The first attempt, then retries after 2, 4, 8 and 16 s (a secondary limit asks for about a minute). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 2_000 };
/** Finished jobs are kept a day (for `handoff queue` and a repeat's idempotent add); dead ones for a week. */
export const KEEP_COMPLETED_S = 24 * 60 * 60;
export const KEEP_DEAD_S = 7 * 24 * 60 * 60;

export const DeliveryJobSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  payload: z.record(z.string(), z.unknown()),
});
export type DeliveryJob = z.infer<typeof DeliveryJobSchema>;

/** BullMQ refuses custom ids that are plain integers; GitHub's are GUIDs, but the header is the sender's. */
export function jobIdFor(deliveryId: string): string {
  return /^\d+$/.test(deliveryId) ? `delivery-${deliveryId}` : deliveryId;
}

export function jobOptions(deliveryId: string, retry: RetryPolicy = DEFAULT_RETRY): JobsOptions {
  return {
    jobId: jobIdFor(deliveryId),
    attempts: retry.attempts,
    backoff: { type: "exponential", delay: retry.backoffMs },
    removeOnComplete: { age: KEEP_COMPLETED_S },
    removeOnFail: { age: KEEP_DEAD_S },
  };
}

export function openQueue(connection: Redis): Queue<DeliveryJob> {
  return new Queue<DeliveryJob>(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
}

/** Past this, an add counts as failed: BullMQ waits for a connection forever, and GitHub gives up after 10 s. */
export const ENQUEUE_TIMEOUT_MS = 2_000;

/** Adds a verified delivery; resolves once Redis holds it (then it survives any one process). */
export async function enqueueDelivery(
  queue: Queue<DeliveryJob>,
  event: WebhookEvent,
  retry?: RetryPolicy,
): Promise<void> {
  const job: DeliveryJob = {
    id: event.id,
    name: event.name,
    payload: event.payload as unknown as Record<string, unknown>,
  };
  await withDeadline(
    queue.add(event.name, job, jobOptions(event.id, retry)),
    ENQUEUE_TIMEOUT_MS,
    "adding the delivery to the queue",
  );
}

/** `promise`, or a rejection after `ms`. The promise itself is not cancelled (Redis may still store the job). */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
