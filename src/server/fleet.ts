// What replicas and workers share, chosen once from the configuration: without REDIS_URL, this process's memory
// (today's single-process behaviour); with it, the Redis ledger and source locks, and a Probot whose throttling
// Bottleneck is clustered through Redis with one key per installation (octokit.ts).
import type { Redis } from "ioredis";
import { Probot, ProbotOctokit } from "probot";
import type { SourceLock } from "../app/deps.js";
import { connectRedis, redisAnswers, whenReady } from "../redis/connection.js";
import { RedisLedger } from "../redis/delivery-ledger.js";
import { RedisSourceLock, type RedisSourceLockOptions } from "../redis/source-lock.js";
import type { ServerConfig } from "./config.js";
import { MemoryLedger, type DeliveryLedger } from "./deliveries.js";
import type { Metrics } from "./metrics.js";
import { fleetOctokit, type WriteSpacing } from "./octokit.js";

export interface Fleet {
  /** The fail-fast client (web role); undefined without REDIS_URL. */
  redis?: Redis;
  ledger: DeliveryLedger;
  /** The fleet's source lock; undefined without REDIS_URL (the App then uses its own per-process one). */
  lock?: SourceLock;
  /** Whether what this process depends on answers now (Redis, when configured). */
  ready(): Promise<{ ok: boolean; reason: string }>;
  close(): Promise<void>;
}

export interface FleetOptions {
  /** Source-lock timings; tests shorten them. */
  lock?: RedisSourceLockOptions;
  /** How long start-up waits for Redis before starting anyway, not ready. */
  connectWaitMs?: number;
}

/** How long start-up waits for Redis; after that the process starts anyway, not ready, and answers 503. */
const CONNECT_WAIT_MS = 3_000;

export async function openFleet(config: ServerConfig, name: string, options: FleetOptions = {}): Promise<Fleet> {
  if (!config.redisUrl) {
    return {
      ledger: new MemoryLedger(),
      ready: async () => ({ ok: true, reason: "single process" }),
      close: async () => undefined,
    };
  }
  const redis = connectRedis(config.redisUrl, "web", name);
  await whenReady(redis, options.connectWaitMs ?? CONNECT_WAIT_MS).catch(() => undefined);
  return {
    redis,
    ledger: new RedisLedger(redis),
    lock: new RedisSourceLock(redis, options.lock),
    ready: async () =>
      (await redisAnswers(redis))
        ? { ok: true, reason: "redis answers" }
        : { ok: false, reason: `redis ${redis.status}` },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export interface ProbotParts {
  /** The Octokit class to build on (tests pass one with short waits); Probot's by default. */
  Octokit?: typeof ProbotOctokit;
  /** Probot's `request` option (tests answer `GET /app` with it). */
  request?: { fetch: typeof fetch };
  /** With REDIS_URL: the fleet-wide spacing of each installation's writes; GitHub's by default (tests scale it). */
  spacing?: WriteSpacing;
}

/** Probot for this configuration: the per-installation throttle key, rate-limit metrics, clustering on REDIS_URL. */
export function createProbot(config: ServerConfig, metrics: Metrics, parts: ProbotParts = {}): Probot {
  return new Probot({
    appId: config.appId,
    privateKey: config.privateKey,
    secret: config.secrets[0],
    baseUrl: config.baseUrl,
    logLevel: config.logLevel,
    Octokit: fleetOctokit(
      parts.Octokit ?? ProbotOctokit,
      (installation, remaining) => metrics.rateLimitRemaining(installation, remaining),
      parts.spacing,
    ),
    ...(config.redisUrl ? { redisConfig: config.redisUrl } : {}),
    ...(parts.request ? { request: parts.request } : {}),
  });
}
