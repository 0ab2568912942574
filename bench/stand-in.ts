// The local stand-in for GitHub: the fake GitHub server (test/support/fake-github), plus a thin front that
// answers `GET /app`, which the fake does not implement and the App calls once per process for its bot login.
// Everything else is piped through unchanged. The front keeps its own log, in arrival order: that is the
// HTTP boundary the App sees, and what the bench counts.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from "../test/support/fake-github/index.js";
import type { HttpCall } from "./counter.js";

export const REPO = "octo-org/widgets";
export const APP_SLUG = "handoff-app";
export const APP_BOT = `${APP_SLUG}[bot]`;
/** The commenter in the webhook fixtures. */
export const AUTHOR = "Codertocat";

export interface LoggedCall extends HttpCall {
  query: string;
  /** Parsed JSON, when there was a body. */
  body?: unknown;
  /** Answered by the front itself rather than the fake. */
  shim: boolean;
}

export interface StandIn {
  /** The base URL clients use (the front). */
  url: string;
  github: FakeGitHub;
  log: LoggedCall[];
  close(): Promise<void>;
}

const APP_JSON = {
  id: 1,
  slug: APP_SLUG,
  node_id: "A_1",
  name: "handoff",
  owner: { login: "octo-org", id: 1, type: "Organization" },
  description: "",
  external_url: "https://example.com",
  html_url: `https://github.com/apps/${APP_SLUG}`,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  permissions: { issues: "write", contents: "read" },
  events: ["issue_comment", "push"],
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parse(buffer: Buffer): unknown {
  if (buffer.length === 0) return undefined;
  try {
    return JSON.parse(buffer.toString("utf8")) as unknown;
  } catch {
    return buffer.toString("utf8");
  }
}

export const defaultFakeOptions = (): FakeGitHubOptions => ({
  repos: [{ owner: "octo-org", name: "widgets", id: 186853002 }],
  permissions: { [REPO]: { [AUTHOR]: "write", alice: "write" } },
  tokens: { ghs_workflow_token: "github-actions[bot]" },
  defaultActor: APP_BOT,
  latencyMs: 0,
});

export async function startStandIn(options: FakeGitHubOptions = defaultFakeOptions()): Promise<StandIn> {
  const github = await startFakeGitHub(options);
  const upstream = new URL(github.url);
  const log: LoggedCall[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", github.url);
    const method = (req.method ?? "GET").toUpperCase();
    const body = await readBody(req);
    const call: LoggedCall = {
      method,
      path: url.pathname.replace(/^\/api\/v3(?=\/)/, ""),
      query: url.search,
      body: parse(body),
      shim: false,
    };
    log.push(call);
    if (method === "GET" && call.path === "/app") {
      call.shim = true;
      call.status = 200;
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(APP_JSON));
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        call.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (error) => res.destroy(error));
    forward.end(body);
  };

  const server = createServer(
    (req, res) => void handle(req, res).catch((error: unknown) => res.destroy(error as Error)),
  );
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    github,
    log,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await github.close();
    },
  };
}
