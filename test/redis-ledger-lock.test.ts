// The Redis primitives the fleet shares, against a real Redis: the delivery ledger (SET NX PX, released on
// failure) and the per-source lock (owner tokens, compare-and-delete, expiry when a holder dies).
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { RedisLedger } from "../src/redis/delivery-ledger.js";
import { LOCK_KEY_PREFIX, LockTimeout, RedisSourceLock } from "../src/redis/source-lock.js";
import { describeWithRedis, flushRedis, redisUrl } from "./support/redis.js";

const DB = 1;
let redis: Redis;

describeWithRedis("the Redis delivery ledger", () => {
  beforeAll(() => {
    redis = new Redis(redisUrl(DB));
  });
  afterAll(() => redis.disconnect());
  beforeEach(() => flushRedis(DB));

  it("lets exactly one of two replicas claim a delivery; the other sees it running", async () => {
    const [a, b] = [new RedisLedger(redis), new RedisLedger(redis)];
    const claims = await Promise.all([a.claim("d-1"), b.claim("d-1")]);
    expect(claims.sort()).toEqual([null, "running"]);
  });

  it("answers done for a delivery that finished", async () => {
    const ledger = new RedisLedger(redis);
    await ledger.claim("d-2");
    await ledger.done("d-2");
    expect(await ledger.claim("d-2")).toBe("done");
  });

  it("lets a released delivery be claimed again, so that a redelivery after a failure runs", async () => {
    const ledger = new RedisLedger(redis);
    await ledger.claim("d-3");
    await ledger.release("d-3");
    expect(await ledger.claim("d-3")).toBeNull();
  });

  it("never erases a finished delivery with a late release", async () => {
    const ledger = new RedisLedger(redis);
    await ledger.claim("d-4");
    await ledger.done("d-4");
    await ledger.release("d-4");
    expect(await ledger.claim("d-4")).toBe("done");
  });

  it("forgets a claim whose process died once its running TTL passes", async () => {
    const ledger = new RedisLedger(redis, { runningTtlMs: 50 });
    await ledger.claim("d-5");
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await ledger.claim("d-5")).toBeNull();
  });
});

describeWithRedis("the Redis source lock", () => {
  beforeAll(() => {
    redis = new Redis(redisUrl(DB));
  });
  afterAll(() => redis.disconnect());
  beforeEach(() => flushRedis(DB));

  it("runs tasks on the same source one at a time across holders", async () => {
    const [a, b] = [new RedisSourceLock(redis, { pollMs: 5 }), new RedisSourceLock(redis, { pollMs: 5 })];
    let inside = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inside--;
    };
    await Promise.all([a.run("o/r#comment:1", task), b.run("o/r#comment:1", task), a.run("o/r#comment:1", task)]);
    expect(most).toBe(1);
  });

  it("runs tasks on different sources at the same time", async () => {
    const lock = new RedisSourceLock(redis, { pollMs: 5 });
    let inside = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inside--;
    };
    await Promise.all([lock.run("o/r#comment:1", task), lock.run("o/r#comment:2", task)]);
    expect(most).toBe(2);
  });

  it("takes over a source whose holder died once the lock's TTL passes", async () => {
    await redis.set(`${LOCK_KEY_PREFIX}o/r#push`, "a-dead-holder", "PX", 100);
    const lock = new RedisSourceLock(redis, { pollMs: 5 });
    const started = Date.now();
    await lock.run("o/r#push", async () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });

  it("never releases a lock another holder now holds", async () => {
    const lock = new RedisSourceLock(redis, { ttlMs: 60, pollMs: 5 });
    await lock.run("o/r#comment:3", async () => {
      // This holder outlived its TTL (stalled): someone else took the lock meanwhile.
      await redis.set(`${LOCK_KEY_PREFIX}o/r#comment:3`, "the-next-holder", "PX", 5_000);
    });
    expect(await redis.get(`${LOCK_KEY_PREFIX}o/r#comment:3`)).toBe("the-next-holder");
  });

  it("keeps the lock while a task runs longer than the TTL", async () => {
    // A TTL well above event-loop stalls on a loaded machine, and a task three times longer.
    const a = new RedisSourceLock(redis, { ttlMs: 400, pollMs: 5 });
    const b = new RedisSourceLock(redis, { ttlMs: 400, waitMs: 5_000, pollMs: 5 });
    const order: string[] = [];
    const slow = a.run("o/r#comment:4", async () => {
      order.push("a starts");
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      order.push("a ends");
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await b.run("o/r#comment:4", async () => void order.push("b runs"));
    await slow;
    expect(order).toEqual(["a starts", "a ends", "b runs"]);
  });

  it("fails with LockTimeout when a source stays locked past the wait", async () => {
    await redis.set(`${LOCK_KEY_PREFIX}o/r#comment:5`, "a-busy-holder", "PX", 5_000);
    const lock = new RedisSourceLock(redis, { waitMs: 50, pollMs: 5 });
    await expect(lock.run("o/r#comment:5", async () => "ran")).rejects.toBeInstanceOf(LockTimeout);
  });
});
