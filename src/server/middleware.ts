// The webhook endpoint, in front of Probot: Probot's own middleware checks one secret, and we need two during a
// rotation. Order of checks, cheapest and least trusting first:
//   1. path and method            2. event and delivery headers (400)   3. a signature header at all (401)
//   4. size from Content-Length, then while reading (413)              5. the HMAC against every secret (401)
//   6. JSON content type (415) and a JSON object body (400)             7. a delivery id seen before: answered, not run
//   8. probot.receive, answered when it finishes or after `answerWithinMs`, whichever is first
// Nothing before step 8 calls the app, so a stranger's request can cause nothing but a 4xx.
//
// When to answer. GitHub waits 10 seconds and does not retry a failed delivery by itself; a person redelivers it
// from the App's settings, with the same X-GitHub-Delivery. So we wait for the handler up to `answerWithinMs`
// (8 s): almost every delivery finishes by then, and its answer is true — 200, or 500 when it failed, which shows
// as a failed delivery someone can redeliver. A slower handler is answered 202 and keeps running; if the process
// dies then, the work is lost until the delivery is redelivered, which is safe because every handler finds its
// earlier issue or comment by marker before writing. Waiting past 10 s instead would turn every slow but
// successful delivery into a timeout. `idle()` lets a shutdown wait for handlers still running.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { verifySignature } from "./verify.js";

export type WebhookEvent = Parameters<Probot["receive"]>[0];

export interface HandoffMiddlewareOptions {
  /** Every secret currently accepted; a function is asked on each delivery, so a rotation needs no restart. */
  secrets: readonly string[] | (() => readonly string[]);
  path?: string;
  /** GitHub caps payloads at 25 MB; anything larger is not from GitHub. */
  maxBodyBytes?: number;
  /** How long a delivery's answer waits for its handler before answering 202 (GitHub gives up at 10 s). */
  answerWithinMs?: number;
  /** How many delivery ids are remembered to skip repeats. */
  rememberDeliveries?: number;
  log?: Pick<Probot["log"], "info" | "warn" | "error">;
}

export interface HandoffMiddleware {
  /** Handles requests to the webhook path and returns true; returns false (or calls `next`) for any other. */
  (req: IncomingMessage, res: ServerResponse, next?: () => void): Promise<boolean>;
  /** Resolves when no handler started by this middleware is still running. */
  idle(): Promise<void>;
}

export const DEFAULT_WEBHOOK_PATH = "/api/github/webhooks";
export const MAX_GITHUB_PAYLOAD_BYTES = 25 * 1024 * 1024;
const DEFAULT_ANSWER_WITHIN_MS = 8_000;
/** GitHub's delivery ids are GUIDs; the bound keeps a forged header from bloating the memory of seen ids. */
const DELIVERY_ID_PATTERN = /^[A-Za-z0-9-]{1,128}$/;
const EVENT_NAME_PATTERN = /^[a-z_]{1,64}$/;

class BodyTooLarge extends Error {}

/** The bounded memory of deliveries: running, or done. A failed one is forgotten so its redelivery runs again. */
class Deliveries {
  private readonly states = new Map<string, "running" | "done">();
  constructor(private readonly capacity: number) {}
  get(id: string): "running" | "done" | undefined {
    return this.states.get(id);
  }
  set(id: string, state: "running" | "done"): void {
    this.states.delete(id);
    this.states.set(id, state);
    // Oldest first out; Map keeps insertion order.
    while (this.states.size > this.capacity) {
      const oldest = this.states.keys().next();
      if (oldest.done) break;
      this.states.delete(oldest.value);
    }
  }
  forget(id: string): void {
    this.states.delete(id);
  }
}

function answer(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(`${message}\n`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The raw body, refused past `max` bytes. Not `for await`: breaking out of it destroys the socket before we answer. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      stop();
      req.pause();
      reject(new BodyTooLarge());
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (): void => {
      stop();
      reject(new Error("request aborted"));
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

/** Ends a request we refuse before reading it: answer, then close the connection rather than read the rest. */
function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  answer(res, status, message, { connection: "close" });
  res.on("finish", () => req.destroy());
}

export function createHandoffMiddleware(probot: Pick<Probot, "receive" | "log">, options: HandoffMiddlewareOptions): HandoffMiddleware {
  const path = options.path ?? DEFAULT_WEBHOOK_PATH;
  const maxBody = options.maxBodyBytes ?? MAX_GITHUB_PAYLOAD_BYTES;
  const answerWithin = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  const secrets = typeof options.secrets === "function" ? options.secrets : () => options.secrets as readonly string[];
  const log = options.log ?? probot.log;
  const deliveries = new Deliveries(options.rememberDeliveries ?? 10_000);
  const running = new Set<Promise<unknown>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") return answer(res, 405, "Method not allowed: webhooks are POSTed.", { allow: "POST" });
    const name = header(req, "x-github-event");
    const id = header(req, "x-github-delivery");
    if (!name || !EVENT_NAME_PATTERN.test(name) || !id || !DELIVERY_ID_PATTERN.test(id)) {
      return refuseUnread(req, res, 400, "Missing or malformed X-GitHub-Event or X-GitHub-Delivery header.");
    }
    const signature = header(req, "x-hub-signature-256");
    if (!signature) return refuseUnread(req, res, 401, "Missing X-Hub-Signature-256: configure a webhook secret.");
    const declared = Number(header(req, "content-length") ?? "0");
    if (declared > maxBody) return refuseUnread(req, res, 413, `Payload larger than ${maxBody} bytes.`);

    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuseUnread(req, res, 413, `Payload larger than ${maxBody} bytes.`);
      return; // the client went away mid-body: nobody is left to answer
    }
    if (!(await verifySignature(body, signature, secrets()))) {
      log.warn({ id, event: name }, "webhook refused: signature matches no configured secret");
      return answer(res, 401, "Signature does not match.");
    }
    if (!(header(req, "content-type") ?? "").toLowerCase().startsWith("application/json")) {
      return answer(res, 415, "Set the webhook's content type to application/json.");
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      return answer(res, 400, "The body is not JSON.");
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return answer(res, 400, "The body is not a JSON object.");

    const seen = deliveries.get(id);
    if (seen === "done") return answer(res, 200, "Delivery already processed.");
    if (seen === "running") return answer(res, 202, "Delivery already being processed.");
    deliveries.set(id, "running");

    // The payload is GitHub's, vouched for by the signature; Probot types it by event name.
    const event = { id, name, payload } as unknown as WebhookEvent;
    const work = probot.receive(event).then(
      () => {
        deliveries.set(id, "done");
        return true;
      },
      (error: unknown) => {
        deliveries.forget(id);
        log.error({ id, event: name, err: error }, "webhook handler failed; redeliver it from the App's settings");
        return false;
      },
    );
    running.add(work);
    void work.finally(() => running.delete(work));

    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), answerWithin);
    });
    const outcome = await Promise.race([work, late]);
    clearTimeout(timer);
    if (outcome === "late") {
      log.info({ id, event: name }, `handler still running after ${answerWithin} ms; answered 202`);
      return answer(res, 202, "Accepted; still processing.");
    }
    return outcome ? answer(res, 200, "OK") : answer(res, 500, "The handler failed; redeliver to retry.");
  }

  const middleware = (async (req: IncomingMessage, res: ServerResponse, next?: () => void): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) {
      next?.();
      return false;
    }
    try {
      await handle(req, res);
    } catch (error) {
      log.error({ err: error }, "webhook middleware failed");
      answer(res, 500, "Internal error.");
    }
    return true;
  }) as HandoffMiddleware;
  middleware.idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return middleware;
}
