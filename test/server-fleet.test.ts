// Several replicas behind one Redis: a delivery that reaches two replicas runs once; readiness and /metrics say
// how things are; and when Redis is down the server fails closed (503, so GitHub shows the delivery as failed
// and it can be redelivered) and never runs a handler unguarded. The app is a spy that records deliveries.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import type { ApplicationFunction } from "probot";
import { afterEach, beforeEach, expect, it } from "vitest";
import { readServerConfig } from "../src/server/config.js";
import { startServer, type RunningServer } from "../src/server/start.js";
import { freePort, startRedisServer } from "./fleet/redis-server.js";
import { describeWithRedis, flushRedis, redisUrl } from "./support/redis.js";

const DB = 2;
const SECRET = "fleet-secret";
const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;
const PAYLOAD = JSON.stringify({
  action: "opened",
  installation: { id: 1 },
  repository: { full_name: "octo-org/widgets" },
});

function spyApp(): { app: ApplicationFunction; delivered: string[] } {
  const delivered: string[] = [];
  return { delivered, app: (probot) => probot.onAny(async (context) => void delivered.push(context.id)) };
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function replica(app: ApplicationFunction, env: Record<string, string> = {}): Promise<RunningServer> {
  const config = readServerConfig({
    APP_ID: "1",
    PRIVATE_KEY,
    WEBHOOK_SECRET: SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "fatal",
    ...env,
  });
  const server = await startServer({ config, app, fleet: { connectWaitMs: 300 } });
  running.push(server);
  return server;
}

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function deliver(server: RunningServer, id: string): Promise<number> {
  const response = await fetch(`${server.url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": id,
      "x-hub-signature-256": await sign(SECRET, PAYLOAD),
    },
    body: PAYLOAD,
  });
  await response.text();
  return response.status;
}

describeWithRedis("replicas sharing Redis", () => {
  beforeEach(() => flushRedis(DB));

  it("runs a delivery once when it reaches two replicas", async () => {
    const spy = spyApp();
    const [a, b] = [
      await replica(spy.app, { REDIS_URL: redisUrl(DB) }),
      await replica(spy.app, { REDIS_URL: redisUrl(DB) }),
    ];
    expect(await deliver(a, "d-shared")).toBe(200);
    expect(await deliver(b, "d-shared")).toBe(200);
    expect(spy.delivered).toEqual(["d-shared"]);
  });

  it("is ready while Redis answers", async () => {
    const server = await replica(spyApp().app, { REDIS_URL: redisUrl(DB) });
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("redis answers");
  });

  it("counts deliveries by event and outcome on /metrics, in Prometheus text", async () => {
    const server = await replica(spyApp().app, { REDIS_URL: redisUrl(DB) });
    await deliver(server, "d-counted");
    await deliver(server, "d-counted");
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('handoff_webhook_deliveries_total{event="issues",outcome="processed"} 1');
    expect(text).toContain('handoff_webhook_deliveries_total{event="issues",outcome="duplicate"} 1');
    expect(text).toMatch(/^# TYPE handoff_webhook_answer_seconds histogram$/m);
  });
});

describeWithRedis("a Redis outage", () => {
  // A port nothing listens on: what a replica sees while Redis is down.
  const DOWN = { REDIS_URL: "redis://127.0.0.1:9/0" };

  it("answers 503 with Retry-After, so GitHub shows the delivery as failed, and never runs the app", async () => {
    const spy = spyApp();
    const server = await replica(spy.app, DOWN);
    const response = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": await sign(SECRET, PAYLOAD),
      },
      body: PAYLOAD,
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(spy.delivered).toEqual([]);
  });

  it("answers 503 in queue mode too, without accepting the delivery", async () => {
    const server = await replica(spyApp().app, { ...DOWN, HANDOFF_QUEUE: "true" });
    expect(await deliver(server, randomUUID())).toBe(503);
  });

  it("reports not ready on /readyz and still alive on /healthz", async () => {
    const server = await replica(spyApp().app, DOWN);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toMatch(/not ready: redis/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("still refuses a bad signature with 401: no Redis is needed to say no", async () => {
    const server = await replica(spyApp().app, DOWN);
    const response = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": await sign("wrong", PAYLOAD),
      },
      body: PAYLOAD,
    });
    expect(response.status).toBe(401);
  });

  it("accepts deliveries again once Redis is back, without a restart", async () => {
    const redis = await startRedisServer(await freePort());
    const spy = spyApp();
    const server = await replica(spy.app, { REDIS_URL: redis.url });
    expect(await deliver(server, "d-before-outage")).toBe(200);
    await redis.stop();
    expect(await deliver(server, "d-during-outage")).toBe(503);
    const back = await startRedisServer(Number(new URL(redis.url).port));
    try {
      await until(async () => (await fetch(`${server.url}/readyz`)).status === 200);
      expect(await deliver(server, "d-during-outage")).toBe(200);
      expect(spy.delivered).toEqual(["d-before-outage", "d-during-outage"]);
    } finally {
      await back.stop();
    }
  });
});
