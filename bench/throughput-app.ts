// An App server for the throughput section, in a process of its own so its CPU time is its alone.
//   handoff: our App behind our webhook middleware (src/server), as `handoff serve` runs it.
//   bare:    a Probot app behind Probot's own middleware that replays a recorded request sequence and does
//            nothing else: the floor, what Probot and Octokit cost for the same requests.
// Usage: node --import tsx bench/throughput-app.ts <handoff|bare> <stand-in url>
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, type Probot } from "probot";
import app from "../src/index.js";
import { createHandoffMiddleware } from "../src/server/middleware.js";
import { serveRequests, type ReplayCall } from "./ipc.js";
import { createProbot, WEBHOOK_SECRET } from "./probot.js";

const [mode = "handoff", baseUrl = ""] = process.argv.slice(2);
let sequence: ReplayCall[] = [];

function bareApp(probot: Probot): void {
  probot.on("issue_comment", async (context) => {
    for (const call of sequence) {
      // A 404 (the configuration file is absent) is an answer like any other here: keep going.
      await context.octokit
        .request({ method: call.method, url: call.url, ...(call.body === undefined ? {} : { data: call.body }) })
        .catch(() => undefined);
    }
  });
}

// Probot's default log level, as in production; stdout goes nowhere.
const probot = createProbot(baseUrl, "info");
let handler: (req: IncomingMessage, res: ServerResponse) => unknown;
if (mode === "bare") {
  handler = await createNodeMiddleware(bareApp, { probot });
} else {
  await probot.load(app);
  const middleware = createHandoffMiddleware(probot, { secrets: [WEBHOOK_SECRET] });
  handler = (req, res) => middleware(req, res, () => res.writeHead(404).end());
}
const server = createServer((req, res) => void handler(req, res));
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

serveRequests((request) => {
  if (request.type === "cpu") return process.cpuUsage();
  if (request.type === "sequence") {
    sequence = request.calls;
    return sequence.length;
  }
  return null;
});
process.send?.({ ready: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks` });
