// Starts the webhook server: Probot for authentication and dispatch, our middleware in front of it for
// signatures (several secrets), repeated deliveries and size limits, and `GET /healthz` for load balancers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, type ApplicationFunction } from "probot";
import type { ServerConfig } from "./config.js";
import { createHandoffMiddleware, type HandoffMiddlewareOptions } from "./middleware.js";

export interface StartOptions {
  config: ServerConfig;
  app: ApplicationFunction;
  /** Tests pass a Probot built for them (e.g. with throttling off). */
  probot?: Probot;
  middleware?: Partial<Omit<HandoffMiddlewareOptions, "secrets" | "path">>;
}

export interface RunningServer {
  server: Server;
  probot: Probot;
  /** `http://host:port`, with the port actually bound (PORT=0 picks a free one). */
  url: string;
  /** Stops accepting connections, then waits for handlers still running. */
  close(): Promise<void>;
}

/** Slow clients must not hold connections open: GitHub sends a whole delivery at once. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const probot =
    options.probot ??
    new Probot({ appId: config.appId, privateKey: config.privateKey, secret: config.secrets[0], baseUrl: config.baseUrl, logLevel: config.logLevel });
  await probot.load(options.app);
  const webhooks = createHandoffMiddleware(probot, { ...options.middleware, secrets: config.secrets, path: config.webhookPath });

  const server = createServer((req, res) => {
    void webhooks(req, res, () => {
      if (req.method === "GET" && req.url === "/healthz") {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("ok\n");
        return;
      }
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    server,
    probot,
    url: `http://${host}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await webhooks.idle();
    },
  };
}
