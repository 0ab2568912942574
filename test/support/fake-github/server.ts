/**
 * The HTTP shell of the fake: reads a request, checks it against GitHub's REST description, applies
 * an injected fault or routes it, records it, and answers with GitHub's headers.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkRequest } from "../openapi.js";
import { defaultErrorBody, Faults, type Fault } from "./faults.js";
import { errorBody, HttpError, Router, type Reply } from "./http.js";
import { commentRoutes } from "./routes/comments.js";
import { gitRoutes } from "./routes/git.js";
import { issueRoutes } from "./routes/issues.js";
import { repoRoutes } from "./routes/repos.js";
import { subIssueRoutes } from "./routes/sub-issues.js";
import { userRoutes } from "./routes/users.js";
import type { FakeState } from "./state.js";

export interface RecordedCall {
  method: string;
  /** Path as sent, without the query (and without a GHES `/api/v3` prefix). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The JSON body answered (kept by reference; not copied). */
  response?: unknown;
  /** Login the request's token acts as. */
  actor: string;
  operationId?: string;
  /** Problems with the request: not in GitHub's REST description, or not implemented by the fake. */
  errors: string[];
  /** The injected fault that answered it, if any. */
  fault?: Fault;
  /** When it arrived (ms since the epoch), before its body was read: the load runs measure spacing with it. */
  at: number;
}

export interface ServerOptions {
  latencyMs?: number;
}

const RATE_LIMIT = 5000;

function buildRouter(): Router {
  const router = new Router();
  // Comments first: `/issues/comments/...` must not be read as issue number "comments".
  commentRoutes(router);
  subIssueRoutes(router);
  issueRoutes(router);
  gitRoutes(router);
  repoRoutes(router);
  userRoutes(router);
  return router;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * GitHub's conditional requests: every successful GET carries a weak ETag over its body, and a request whose
 * `If-None-Match` names it is answered 304 with no body (which does not count against the primary rate limit).
 */
function conditional(method: string, ifNoneMatch: string | undefined, reply: Reply): Reply {
  if (method !== "GET" || reply.status !== 200 || reply.body === undefined) return reply;
  const etag = `W/"${createHash("sha256").update(JSON.stringify(reply.body)).digest("hex").slice(0, 32)}"`;
  const headers = { ...reply.headers, etag };
  const asked = (ifNoneMatch ?? "").split(",").map((tag) => tag.trim());
  if (asked.includes(etag) || asked.includes("*")) return { status: 304, headers };
  return { ...reply, headers };
}

function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization ?? "";
  return /^(?:token|bearer)\s+(.+)$/i.exec(header)?.[1];
}

export async function listen(
  state: FakeState,
  options: ServerOptions,
): Promise<{ url: string; requests: RecordedCall[]; faults: Faults; close(): Promise<void> }> {
  const router = buildRouter();
  const faults = new Faults();
  const requests: RecordedCall[] = [];
  const resetAt = Math.floor(Date.now() / 1000) + 3600;
  let used = 0;
  let base = "";

  const rateHeaders = (): Record<string, string> => ({
    "x-ratelimit-limit": String(RATE_LIMIT),
    "x-ratelimit-remaining": String(Math.max(0, RATE_LIMIT - used)),
    "x-ratelimit-reset": String(resetAt),
    "x-ratelimit-used": String(used),
    "x-ratelimit-resource": "core",
  });

  function send(response: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = {
      ...rateHeaders(),
      "x-github-request-id": `FAKE:${requests.length}`,
      "x-github-media-type": "github.v3; format=json",
      ...(reply.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
      ...reply.headers,
    };
    response.writeHead(reply.status, headers);
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    track: (call: RecordedCall) => void,
  ): Promise<void> {
    const at = Date.now();
    const url = new URL(request.url ?? "/", base);
    const ghes = url.pathname.startsWith("/api/v3/");
    const pathname = ghes ? url.pathname.slice("/api/v3".length) : url.pathname;
    const method = (request.method ?? "GET").toUpperCase();
    const body = await readBody(request);
    const actor = state.actorFor(tokenOf(request));
    used += 1;
    const check = checkRequest({ method, path: `${pathname}${url.search}`, body });
    const call: RecordedCall = {
      method,
      path: pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      actor: actor.login,
      operationId: check.operationId,
      errors: [...check.errors],
      at,
    };
    requests.push(call);
    track(call);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    const fault = faults.take(method, `${pathname}${url.search}`);
    if (fault) call.fault = fault;
    if (fault && !fault.afterWrite) {
      spoil(fault);
      return;
    }

    let reply: Reply;
    const match = router.match(method, pathname);
    if (match === undefined || match === "method") {
      if (check.errors.length === 0)
        call.errors.push(`${method} ${pathname}: not implemented by the fake GitHub server`);
      reply = { status: 404, body: errorBody(404, "Not Found") };
    } else {
      try {
        const api = ghes ? `${base}/api/v3` : base;
        reply = match.handler({ params: match.params, query: url.searchParams, body, actor, state, url, api });
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        reply = { status: error.status, body: errorBody(error.status, error.message, error.errors) };
      }
    }
    if (fault) {
      spoil(fault);
      return;
    }
    reply = conditional(method, request.headers["if-none-match"], reply);
    call.status = reply.status;
    call.response = reply.body;
    send(response, reply);

    /** Answers with the fault instead: a dropped connection, no answer, or its error. */
    function spoil(fault: Fault): void {
      if (fault.reset) {
        request.socket.destroy();
        return;
      }
      if (fault.hang) return;
      call.status = fault.status ?? 500;
      call.response = fault.body ?? defaultErrorBody(call.status);
      send(response, { status: call.status, body: call.response, headers: fault.headers });
    }
  }

  const server = createServer((request, response) => {
    let current: RecordedCall | undefined;
    handle(request, response, (call) => (current = call)).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (current) {
        current.status = 500;
        current.errors.push(`fake GitHub server crashed: ${message}`);
      }
      if (!response.headersSent)
        send(response, { status: 500, body: errorBody(500, `Fake GitHub crashed: ${message}`) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hanging faults keep their sockets open; without this, close() would wait for them forever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
