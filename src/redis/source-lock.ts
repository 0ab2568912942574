// Per-source locks shared by the fleet: one comment, one repository's push, one return at a time, whichever
// replica or worker the delivery reached. Each holder writes its own random token, and only that token can
// extend or release the lock (compare-and-delete in Lua), so a holder that outlived its TTL cannot release a
// lock someone else now holds. A holder that dies leaves the key to expire after `ttlMs`; while it is alive,
// the lock is extended every third of the TTL.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { SourceLock } from "../app/deps.js";

export const LOCK_KEY_PREFIX = "handoff:lock:";
export const LOCK_TTL_MS = 30_000;

const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;

export class LockTimeout extends Error {
  override readonly name = "LockTimeout";
}

export interface RedisSourceLockOptions {
  /** How long a lock outlives a holder that died. */
  ttlMs?: number;
  /** How long to wait for a held lock before failing the delivery (it is retried); default twice the TTL. */
  waitMs?: number;
  pollMs?: number;
}

export class RedisSourceLock implements SourceLock {
  readonly fleetWide = true;
  private readonly ttl: number;
  private readonly wait: number;
  private readonly poll: number;
  constructor(
    private readonly redis: Redis,
    options: RedisSourceLockOptions = {},
  ) {
    this.ttl = options.ttlMs ?? LOCK_TTL_MS;
    this.wait = options.waitMs ?? 2 * this.ttl;
    this.poll = options.pollMs ?? 50;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const redisKey = LOCK_KEY_PREFIX + key;
    const token = randomUUID();
    const deadline = Date.now() + this.wait;
    while ((await this.redis.set(redisKey, token, "PX", this.ttl, "NX")) !== "OK") {
      if (Date.now() > deadline) throw new LockTimeout(`${key} stayed locked by another delivery for ${this.wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.poll));
    }
    const keepAlive = setInterval(
      () => {
        this.redis.eval(EXTEND, 1, redisKey, token, String(this.ttl)).catch(() => undefined);
      },
      Math.max(10, Math.floor(this.ttl / 3)),
    );
    try {
      return await task();
    } finally {
      clearInterval(keepAlive);
      // An outage here only delays the next holder until the TTL; never fail a finished task for it.
      await this.redis.eval(RELEASE, 1, redisKey, token).catch(() => undefined);
    }
  }
}
