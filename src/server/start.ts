// Starts the webhook server (`handoff serve`): Probot for authentication and dispatch, our middleware in front
// of it for signatures (several secrets), repeated deliveries and size limits, and the operational endpoints
// (routes.ts). With HANDOFF_QUEUE=true it only verifies, dedupes and enqueues; workers run the App.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Probot, ApplicationFunction } from "probot";
import { createHandoffApp } from "../app/index.js";
import { enqueueDelivery, openQueue, withDeadline, type RetryPolicy } from "../queue/jobs.js";
import { queueCounts } from "../queue/inspect.js";
import type { ServerConfig } from "./config.js";
import { createProbot, openFleet, type FleetOptions, type ProbotParts } from "./fleet.js";
import { Metrics } from "./metrics.js";
import { createHandoffMiddleware, type HandoffMiddlewareOptions } from "./middleware.js";
import { operationalRoutes } from "./routes.js";

export interface StartOptions {
  config: ServerConfig;
  /** The app to run; handoff's by default (given the fleet's source lock when REDIS_URL is set). */
  app?: ApplicationFunction;
  /** Tests pass a Probot built for them; otherwise one is built from the configuration (fleet.ts). */
  probot?: Probot;
  probotParts?: ProbotParts;
  fleet?: FleetOptions;
  /** Queue mode: attempts and backoff per delivery (jobs.ts); tests shorten the backoff. */
  retry?: RetryPolicy;
  middleware?: Partial<Pick<HandoffMiddlewareOptions, "maxBodyBytes" | "answerWithinMs" | "log">>;
}

export interface RunningServer {
  server: Server;
  probot: Probot;
  metrics: Metrics;
  /** `http://host:port`, with the port actually bound (PORT=0 picks a free one). */
  url: string;
  /** Stops accepting connections, then waits for handlers still running. */
  close(): Promise<void>;
}

/** Slow clients must not hold connections open: GitHub sends a whole delivery at once. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Listens on the configured host and port; requests no handler takes get 404. */
export async function listen(
  config: Pick<ServerConfig, "host" | "port">,
  handlers: Handler[],
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      for (const handle of handlers) if (await handle(req, res)) return;
      if (!res.headersSent) res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
    })();
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return { server, url: `http://${host}:${port}` };
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const fleet = await openFleet(config, "web", options.fleet);
  const queue = config.queue && fleet.redis ? openQueue(fleet.redis) : undefined;
  // BullMQ checks the Redis version on first use; closing the shared client during that check would reject it.
  if (queue) await withDeadline(queue.waitUntilReady(), 2_000, "opening the queue").catch(() => undefined);
  const metrics = new Metrics(queue ? { queueCounts: () => queueCounts(queue) } : {});
  const probot = options.probot ?? createProbot(config, metrics, options.probotParts);
  // In queue mode the App runs in the workers only; loading nothing still initialises Probot (and its log).
  await probot.load(
    queue ? () => undefined : (options.app ?? createHandoffApp(fleet.lock ? { lock: fleet.lock } : {})),
  );
  const webhooks = createHandoffMiddleware(probot, {
    ...options.middleware,
    secrets: config.secrets,
    path: config.webhookPath,
    ledger: fleet.ledger,
    ...(queue ? { enqueue: (event) => enqueueDelivery(queue, event, options.retry) } : {}),
    onDelivery: (report) => metrics.delivery(report),
  });
  const ready = async () => {
    const state = await fleet.ready();
    return state.ok && queue ? { ok: true, reason: `${state.reason}; enqueueing for workers` } : state;
  };
  const { server, url } = await listen(config, [(req, res) => webhooks(req, res), operationalRoutes(metrics, ready)]);
  return {
    server,
    probot,
    metrics,
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await webhooks.idle();
      if (queue) await withDeadline(queue.close(), 2_000, "closing the queue").catch(() => undefined);
      await fleet.close();
    },
  };
}
