// The delivery ledger shared by every replica: one Redis key per X-GitHub-Delivery.
//   claim:   SET key running NX PX <running ttl>  (atomic: of two replicas, one gets OK)
//   done:    SET key done PX <done ttl>
//   release: DEL key, only while it still says "running" (a late release must not erase "done")
// The running TTL bounds how long a crashed claim blocks a redelivery; the done TTL is how long a repeat is
// recognised (GitHub keeps a delivery for redelivery for a few days; a repeat after that runs again, and the
// handlers' marker lookup keeps that harmless).
import type { Redis } from "ioredis";
import type { DeliveryLedger, DeliveryState } from "../server/deliveries.js";

export const DELIVERY_KEY_PREFIX = "handoff:delivery:";
export const RUNNING_TTL_MS = 60 * 60 * 1000;
export const DONE_TTL_MS = 24 * 60 * 60 * 1000;

const RELEASE_IF_RUNNING = `if redis.call("GET", KEYS[1]) == "running" then return redis.call("DEL", KEYS[1]) else return 0 end`;

export interface RedisLedgerOptions {
  runningTtlMs?: number;
  doneTtlMs?: number;
}

export class RedisLedger implements DeliveryLedger {
  private readonly runningTtl: number;
  private readonly doneTtl: number;
  constructor(
    private readonly redis: Redis,
    options: RedisLedgerOptions = {},
  ) {
    this.runningTtl = options.runningTtlMs ?? RUNNING_TTL_MS;
    this.doneTtl = options.doneTtlMs ?? DONE_TTL_MS;
  }

  async claim(id: string): Promise<DeliveryState | null> {
    const key = DELIVERY_KEY_PREFIX + id;
    if ((await this.redis.set(key, "running", "PX", this.runningTtl, "NX")) === "OK") return null;
    const state = await this.redis.get(key);
    // Expired between the two commands: claim again rather than guess.
    if (state === null) return this.claim(id);
    return state === "done" ? "done" : "running";
  }

  async done(id: string): Promise<void> {
    await this.redis.set(DELIVERY_KEY_PREFIX + id, "done", "PX", this.doneTtl);
  }

  async release(id: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_RUNNING, 1, DELIVERY_KEY_PREFIX + id);
  }
}
