// Queue mode against a real Redis: the web process answers 202 at once and a worker runs the delivery through
// Probot; a failed attempt is retried with backoff; a delivery that keeps failing lands in the dead-letter list
// and can be redelivered; /metrics counts jobs and shows the queue's depth. The app is a spy.
import { generateKeyPairSync } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import type { ApplicationFunction } from "probot";
import { afterEach, beforeEach, expect, it } from "vitest";
import { inspectQueue } from "../src/queue/inspect.js";
import { openQueue } from "../src/queue/jobs.js";
import { startWorker, type RunningWorker } from "../src/queue/start-worker.js";
import { connectRedis } from "../src/redis/connection.js";
import { readServerConfig } from "../src/server/config.js";
import { startServer, type RunningServer } from "../src/server/start.js";
import { describeWithRedis, flushRedis, redisUrl } from "./support/redis.js";

const DB = 3;
const SECRET = "queue-secret";
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
const RETRY = { attempts: 3, backoffMs: 20 };

/** Records each attempt; `failures(id)` says how many first attempts of a delivery throw. */
function spyApp(failures: (id: string) => number = () => 0): { app: ApplicationFunction; attempts: string[] } {
  const attempts: string[] = [];
  const app: ApplicationFunction = (probot) =>
    probot.onAny(async (context) => {
      attempts.push(context.id);
      if (attempts.filter((id) => id === context.id).length <= failures(context.id))
        throw new Error(`attempt failed on purpose`);
    });
  return { app, attempts };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

function config() {
  return readServerConfig({
    APP_ID: "1",
    PRIVATE_KEY,
    WEBHOOK_SECRET: SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "fatal",
    REDIS_URL: redisUrl(DB),
    HANDOFF_QUEUE: "true",
  });
}

async function fleet(app: ApplicationFunction): Promise<{ web: RunningServer; worker: RunningWorker }> {
  const web = await startServer({ config: config(), retry: RETRY });
  stops.push(() => web.close());
  const worker = await startWorker({ config: config(), app });
  stops.push(() => worker.close());
  return { web, worker };
}

async function deliver(web: RunningServer, id: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${web.url}/api/github/webhooks`, {
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
  return { status: response.status, ms: Date.now() - started };
}

async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithRedis("the durable queue", () => {
  beforeEach(() => flushRedis(DB));

  it("answers 202 at once and a worker runs the delivery once", async () => {
    const spy = spyApp();
    const { web } = await fleet(spy.app);
    expect((await deliver(web, "q-1")).status).toBe(202);
    await until(() => spy.attempts.length === 1);
    expect(spy.attempts).toEqual(["q-1"]);
  });

  it("answers a redelivery of a finished delivery 200 without queueing it again", async () => {
    const spy = spyApp();
    const { web } = await fleet(spy.app);
    await deliver(web, "q-2");
    await until(async () => (await deliver(web, "q-2")).status === 200);
    expect(spy.attempts).toEqual(["q-2"]);
  });

  it("retries a failed attempt with backoff until it succeeds", async () => {
    const spy = spyApp(() => 2);
    const { web, worker } = await fleet(spy.app);
    await deliver(web, "q-3");
    await until(() => spy.attempts.length === 3);
    await until(async () =>
      (await worker.metrics.text()).includes('handoff_jobs_total{event="issues",outcome="completed"} 1'),
    );
    const text = await worker.metrics.text();
    expect(text).toContain('handoff_jobs_total{event="issues",outcome="retried"} 2');
  });

  it("keeps a delivery that fails every attempt in the dead-letter list, and lets its redelivery run again", async () => {
    const spy = spyApp((id) => (id === "q-4" ? 3 : 0));
    const { web } = await fleet(spy.app);
    await deliver(web, "q-4");
    const queue = openQueue(connectRedis(redisUrl(DB), "worker", "inspector"));
    stops.push(() => queue.close());
    await until(async () => (await inspectQueue(queue)).dead.length === 1);
    const report = await inspectQueue(queue);
    expect(report.dead).toEqual([
      expect.objectContaining({
        delivery: "q-4",
        event: "issues",
        attempts: 3,
        reason: expect.stringContaining("failed on purpose"),
      }),
    ]);
    // A person fixes the cause and redelivers from the App's settings: the same id is accepted again.
    await until(async () => (await deliver(web, "q-4")).status === 202);
  });

  it("shows the queue's depth by state on /metrics", async () => {
    const { web } = await fleet(spyApp().app);
    const text = await (await fetch(`${web.url}/metrics`)).text();
    expect(text).toMatch(/^handoff_queue_jobs\{state="waiting"\} \d+$/m);
    expect(text).toMatch(/^handoff_queue_jobs\{state="stuck"\} 0$/m);
  });

  it("reports a running worker as ready", async () => {
    const { worker } = await fleet(spyApp().app);
    const response = await fetch(`${worker.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("taking jobs");
  });
});
