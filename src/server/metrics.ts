// Prometheus metrics, served as text at GET /metrics by the web process and by each worker. One registry per
// process (not prom-client's global one), so that tests can run several in one process.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { DeliveryOutcome } from "./middleware.js";

export type JobOutcome = "completed" | "retried" | "dead" | "stalled";

/** Counts of jobs by state, asked at each scrape (BullMQ's getJobCounts). */
export type QueueCounts = () => Promise<Record<string, number>>;

export class Metrics {
  readonly registry = new Registry();
  private readonly deliveries = new Counter({
    name: "handoff_webhook_deliveries_total",
    help: "Webhook requests by event and outcome (processed, queued, duplicate, refused, failed, unavailable, running_late).",
    labelNames: ["event", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly answerSeconds = new Histogram({
    name: "handoff_webhook_answer_seconds",
    help: "Time from a webhook request to its answer (GitHub gives up after 10 s).",
    labelNames: ["outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 8, 10],
    registers: [this.registry],
  });
  private readonly jobs = new Counter({
    name: "handoff_jobs_total",
    help: "Queued deliveries by outcome: completed, retried (an attempt failed, another is scheduled), dead (no attempts left), stalled (its worker died).",
    labelNames: ["event", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly rateLimit = new Gauge({
    name: "handoff_github_rate_limit_remaining",
    help: "GitHub's x-ratelimit-remaining on the last answer, per installation (\"app\" for the App's own JWT).",
    labelNames: ["installation"] as const,
    registers: [this.registry],
  });

  constructor(options: { queueCounts?: QueueCounts; process?: boolean } = {}) {
    if (options.process !== false) collectDefaultMetrics({ register: this.registry, prefix: "handoff_" });
    const counts = options.queueCounts;
    if (counts) {
      new Gauge({
        name: "handoff_queue_jobs",
        help: "Jobs in the delivery queue by state (waiting, active, delayed, failed = the dead-letter list, completed).",
        labelNames: ["state"] as const,
        registers: [this.registry],
        async collect() {
          for (const [state, n] of Object.entries(await counts())) this.set({ state }, n);
        },
      });
    }
  }

  delivery(report: { event: string; outcome: DeliveryOutcome; seconds: number }): void {
    this.deliveries.inc({ event: report.event, outcome: report.outcome });
    this.answerSeconds.observe({ outcome: report.outcome }, report.seconds);
  }

  job(event: string, outcome: JobOutcome): void {
    this.jobs.inc({ event, outcome });
  }

  rateLimitRemaining(installation: string, remaining: number): void {
    this.rateLimit.set({ installation }, remaining);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
