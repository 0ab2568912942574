// The webhook promises, over real HTTP on 127.0.0.1: a missing or wrong signature gets a 4xx and causes nothing;
// a repeated delivery runs once; during a secret rotation both secrets are accepted, and the old one is refused
// once it is removed. The app under the server is a tiny spy that records what reached it.
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import { Probot, type ApplicationFunction } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { readServerConfig, ServerConfigError } from "../src/server/config.js";
import { createHandoffMiddleware, type HandoffMiddlewareOptions } from "../src/server/middleware.js";
import { startServer, type RunningServer } from "../src/server/start.js";

const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;
const NEW_SECRET = "new-secret-after-rotation";
const OLD_SECRET = "old-secret-before-rotation";
const PAYLOAD = JSON.stringify({
  action: "opened",
  installation: { id: 1 },
  repository: { full_name: "octo-org/widgets" },
});

interface Delivered {
  id: string;
  name: string;
}

/** A test app: records every delivery that reaches a handler; `gate` holds handlers until released; `fail` throws. */
function spyApp(options: { gate?: Promise<void>; fail?: () => boolean } = {}): {
  app: ApplicationFunction;
  delivered: Delivered[];
} {
  const delivered: Delivered[] = [];
  const app: ApplicationFunction = (probot) => {
    probot.onAny(async (context) => {
      delivered.push({ id: context.id, name: context.name });
      await options.gate;
      if (options.fail?.()) throw new Error("handler failed on purpose");
    });
  };
  return { app, delivered };
}

async function newProbot(app: ApplicationFunction): Promise<Probot> {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "unused-by-our-middleware",
    logLevel: "fatal",
  });
  await probot.load(app);
  return probot;
}

const servers: Server[] = [];
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function serve(
  app: ApplicationFunction,
  options: Partial<HandoffMiddlewareOptions> = {},
): Promise<{ url: string; idle: () => Promise<void> }> {
  const probot = await newProbot(app);
  const middleware = createHandoffMiddleware(probot, { secrets: [NEW_SECRET], ...options });
  const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`,
    idle: middleware.idle,
  };
}

interface Sent {
  status: number;
  text: string;
}

/** One POST with exactly these headers; `chunked` sends the body without a Content-Length. */
function post(url: string, body: string | Buffer, headers: Record<string, string>, chunked = false): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const data = typeof body === "string" ? Buffer.from(body) : body;
    const req = request(
      url,
      { method: "POST", headers: chunked ? headers : { ...headers, "content-length": String(data.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    // A server that refuses early may close before it has read everything we send; its answer still counts.
    req.on("error", reject);
    if (chunked) {
      for (let i = 0; i < data.length; i += 64 * 1024) req.write(data.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(data);
  });
}

async function deliver(
  url: string,
  options: { secret?: string | null; id?: string; body?: string; event?: string; contentType?: string } = {},
): Promise<Sent> {
  const body = options.body ?? PAYLOAD;
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/json",
    "x-github-event": options.event ?? "issues",
    "x-github-delivery": options.id ?? randomUUID(),
  };
  if (options.secret !== null) headers["x-hub-signature-256"] = await sign(options.secret ?? NEW_SECRET, body);
  return post(url, body, headers);
}

describe("webhook signatures", () => {
  it("refuses a delivery signed with a wrong secret with 401 and never runs the app", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    expect((await deliver(url, { secret: "a-secret-we-never-set" })).status).toBe(401);
    expect(spy.delivered).toEqual([]);
  });

  it("refuses a delivery without X-Hub-Signature-256 with 401 and never runs the app", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    expect((await deliver(url, { secret: null })).status).toBe(401);
    expect(spy.delivered).toEqual([]);
  });

  it("refuses a signature over a different body", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    const headers = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": await sign(NEW_SECRET, PAYLOAD),
    };
    expect((await post(url, PAYLOAD.replace("opened", "closed"), headers)).status).toBe(401);
    expect(spy.delivered).toEqual([]);
  });

  it("refuses a body that is not UTF-8 even when its bytes are signed correctly", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    const body = Buffer.concat([Buffer.from('{"action":"opened","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const signature = `sha256=${createHmac("sha256", NEW_SECRET).update(body).digest("hex")}`;
    const headers = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": signature,
    };
    expect((await post(url, body, headers)).status).toBe(401);
    expect(spy.delivered).toEqual([]);
  });

  it("answers 400 to a delivery without X-GitHub-Delivery and never runs the app", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    const headers = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-hub-signature-256": await sign(NEW_SECRET, PAYLOAD),
    };
    expect((await post(url, PAYLOAD, headers)).status).toBe(400);
    expect(spy.delivered).toEqual([]);
  });

  it("hands a correctly signed delivery to the app once, with its id and event name", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    const answer = await deliver(url, { id: "d-1" });
    expect(answer.status).toBe(200);
    expect(spy.delivered).toEqual([{ id: "d-1", name: "issues" }]);
  });

  it("answers 400 to signed text that is not JSON, without running the app", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    expect((await deliver(url, { body: "{not json" })).status).toBe(400);
    expect(spy.delivered).toEqual([]);
  });

  it("answers 415 to a form-encoded delivery, without running the app", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    expect(
      (
        await deliver(url, {
          body: `payload=${encodeURIComponent(PAYLOAD)}`,
          contentType: "application/x-www-form-urlencoded",
        })
      ).status,
    ).toBe(415);
    expect(spy.delivered).toEqual([]);
  });
});

describe("repeated deliveries", () => {
  it("processes the same X-GitHub-Delivery once when it arrives twice", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    expect((await deliver(url, { id: "d-twice" })).status).toBe(200);
    expect((await deliver(url, { id: "d-twice" })).status).toBe(200);
    expect(spy.delivered).toEqual([{ id: "d-twice", name: "issues" }]);
  });

  it("does not start a delivery again while its first copy is still running", async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const spy = spyApp({ gate });
    const { url, idle } = await serve(spy.app, { answerWithinMs: 1 });
    expect((await deliver(url, { id: "d-slow" })).status).toBe(202);
    expect((await deliver(url, { id: "d-slow" })).status).toBe(202);
    release();
    await idle();
    expect(spy.delivered).toEqual([{ id: "d-slow", name: "issues" }]);
  });

  it("runs a redelivery again when the first attempt failed", async () => {
    let failures = 1;
    const spy = spyApp({ fail: () => failures-- > 0 });
    const { url } = await serve(spy.app);
    expect((await deliver(url, { id: "d-retry" })).status).toBe(500);
    expect((await deliver(url, { id: "d-retry" })).status).toBe(200);
    expect(spy.delivered).toHaveLength(2);
  });

  it("answers 202 to a slow handler and lets it finish", async () => {
    let release = (): void => undefined;
    let finished = false;
    const gate = new Promise<void>((resolve) => (release = resolve)).then(() => {
      finished = true;
    });
    const spy = spyApp({ gate });
    const { url, idle } = await serve(spy.app, { answerWithinMs: 1 });
    expect((await deliver(url, { id: "d-late" })).status).toBe(202);
    release();
    await idle();
    expect(finished).toBe(true);
  });
});

describe("secret rotation", () => {
  it("accepts deliveries signed with the old or the new secret while both are configured", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app, { secrets: [NEW_SECRET, OLD_SECRET] });
    expect((await deliver(url, { secret: OLD_SECRET, id: "d-old" })).status).toBe(200);
    expect((await deliver(url, { secret: NEW_SECRET, id: "d-new" })).status).toBe(200);
    expect(spy.delivered.map((d) => d.id)).toEqual(["d-old", "d-new"]);
  });

  it("refuses the old secret once it is removed, without a restart", async () => {
    let secrets = [NEW_SECRET, OLD_SECRET];
    const spy = spyApp();
    const { url } = await serve(spy.app, { secrets: () => secrets });
    expect((await deliver(url, { secret: OLD_SECRET, id: "d-before" })).status).toBe(200);
    secrets = [NEW_SECRET];
    expect((await deliver(url, { secret: OLD_SECRET, id: "d-after" })).status).toBe(401);
    expect((await deliver(url, { secret: NEW_SECRET, id: "d-new" })).status).toBe(200);
    expect(spy.delivered.map((d) => d.id)).toEqual(["d-before", "d-new"]);
  });

  it("reads both secrets from WEBHOOK_SECRET and WEBHOOK_SECRET_PREVIOUS", () => {
    const config = readServerConfig({
      APP_ID: "1",
      PRIVATE_KEY,
      WEBHOOK_SECRET: NEW_SECRET,
      WEBHOOK_SECRET_PREVIOUS: OLD_SECRET,
    });
    expect(config.secrets).toEqual([NEW_SECRET, OLD_SECRET]);
  });

  it("reads a comma-separated WEBHOOK_SECRETS", () => {
    const config = readServerConfig({ APP_ID: "1", PRIVATE_KEY, WEBHOOK_SECRETS: `${NEW_SECRET}, ${OLD_SECRET}` });
    expect(config.secrets).toEqual([NEW_SECRET, OLD_SECRET]);
  });

  it("refuses to start without any webhook secret", () => {
    expect(() => readServerConfig({ APP_ID: "1", PRIVATE_KEY })).toThrow(ServerConfigError);
  });
});

describe("request limits", () => {
  it("answers 413 to a Content-Length over the cap without running the app", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app, { maxBodyBytes: 1024 });
    const body = JSON.stringify({ pad: "x".repeat(4096) });
    expect((await deliver(url, { body })).status).toBe(413);
    expect(spy.delivered).toEqual([]);
  });

  it("answers 413 to a chunked body that grows over the cap without running the app", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app, { maxBodyBytes: 1024 });
    const body = JSON.stringify({ pad: "x".repeat(4096) });
    const headers = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": await sign(NEW_SECRET, body),
    };
    expect((await post(url, body, headers, true)).status).toBe(413);
    expect(spy.delivered).toEqual([]);
  });

  it("accepts a payload of GitHub's 25 MB maximum by default", async () => {
    const spy = spyApp();
    const { url } = await serve(spy.app);
    const body = JSON.stringify({ action: "opened", pad: "x".repeat(24 * 1024 * 1024) });
    expect((await deliver(url, { body, id: "d-big" })).status).toBe(200);
    expect(spy.delivered).toEqual([{ id: "d-big", name: "issues" }]);
  });
});

describe("the runnable server", () => {
  async function start(): Promise<RunningServer> {
    const config = readServerConfig({
      APP_ID: "1",
      PRIVATE_KEY,
      WEBHOOK_SECRET: NEW_SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "fatal",
    });
    const server = await startServer({ config, app: spyApp().app });
    running.push(server);
    return server;
  }

  it("answers GET /healthz with 200", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it("answers 405 to a GET on the webhook path and 404 elsewhere", async () => {
    const server = await start();
    expect((await fetch(`${server.url}/api/github/webhooks`)).status).toBe(405);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
  });
});
