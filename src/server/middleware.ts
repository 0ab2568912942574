// The webhook endpoint, in front of Probot: Probot's own middleware checks one secret, and we need two during a
// rotation. Order of checks, cheapest and least trusting first:
//   1. path and method            2. event and delivery headers (400)   3. a signature header at all (401)
//   4. size from Content-Length, then while reading (413)              5. the HMAC against every secret (401)
//   6. JSON content type (415) and a JSON object body (400)
//   7. the delivery ledger: a delivery id seen before is answered, not run (src/server/deliveries.ts)
//   8. queue mode: enqueued and answered 202 at once (workers run it); else probot.receive, answered when it
//      finishes or after `answerWithinMs`, whichever is first
// Nothing before step 8 calls the app, so a stranger's request can cause nothing but a 4xx.
//
// When to answer in-process. GitHub waits 10 seconds and does not retry a failed delivery by itself; a person
// redelivers it from the App's settings, with the same X-GitHub-Delivery. So we wait for the handler up to
// `answerWithinMs` (8 s): almost every delivery finishes by then, and its answer is true — 200, or 500 when it
// failed, which shows as a failed delivery someone can redeliver. A slower handler is answered 202 and keeps
// running; if the process dies then, the work is lost until the delivery is redelivered (queue mode closes that
// gap). Waiting past 10 s instead would turn every slow but successful delivery into a timeout.
//
// When Redis is down (the ledger or the queue throws), we fail closed: 503, so GitHub lists the delivery as
// failed and it can be redelivered once Redis is back. Running it unguarded instead could double-post across
// replicas, and accepting it without a queue would lose it if this process died.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { MemoryLedger, type DeliveryLedger } from "./deliveries.js";
import { answer, BodyTooLarge, header, readBody, refuseUnread } from "./http.js";
import { verifiedText } from "./verify.js";

export type WebhookEvent = Parameters<Probot["receive"]>[0];

/** How a delivery ended here, for metrics: one per request to the webhook path. */
export type DeliveryOutcome =
  "processed" | "queued" | "running_late" | "duplicate" | "failed" | "refused" | "unavailable";

export interface HandoffMiddlewareOptions {
  /** Every secret currently accepted; a function is asked on each delivery, so a rotation needs no restart. */
  secrets: readonly string[] | (() => readonly string[]);
  path?: string;
  /** GitHub caps payloads at 25 MB; anything larger is not from GitHub. */
  maxBodyBytes?: number;
  /** How long a delivery's answer waits for its handler before answering 202 (GitHub gives up at 10 s). */
  answerWithinMs?: number;
  /** Where repeated deliveries are recognised; this process's memory by default, Redis for a fleet. */
  ledger?: DeliveryLedger;
  /** Queue mode: hand the verified delivery to the queue (workers mark it done or release it) and answer 202. */
  enqueue?: (event: WebhookEvent) => Promise<void>;
  /** Called once per request to the webhook path, when it has been answered. */
  onDelivery?: (report: { event: string; outcome: DeliveryOutcome; seconds: number }) => void;
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
const UNAVAILABLE = "Redis is unavailable; the delivery was not accepted. Redeliver it once the service is back.";

export function createHandoffMiddleware(
  probot: Pick<Probot, "receive" | "log">,
  options: HandoffMiddlewareOptions,
): HandoffMiddleware {
  const path = options.path ?? DEFAULT_WEBHOOK_PATH;
  const maxBody = options.maxBodyBytes ?? MAX_GITHUB_PAYLOAD_BYTES;
  const answerWithin = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  const secrets = typeof options.secrets === "function" ? options.secrets : () => options.secrets as readonly string[];
  const log = options.log ?? probot.log;
  const ledger = options.ledger ?? new MemoryLedger();
  const running = new Set<Promise<unknown>>();

  /** Runs the delivery here; true when the handler finished within `answerWithin`, "late" otherwise. */
  async function runHere(event: WebhookEvent): Promise<boolean | "late"> {
    const work = probot.receive(event).then(
      async () => {
        await ledger
          .done(event.id)
          .catch((error: unknown) => log.warn({ id: event.id, err: error }, "could not mark the delivery done"));
        return true;
      },
      async (error: unknown) => {
        await ledger.release(event.id).catch(() => undefined);
        log.error(
          { id: event.id, event: event.name, err: error },
          "webhook handler failed; redeliver it from the App's settings",
        );
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
    return outcome;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<DeliveryOutcome> {
    const say = (
      outcome: DeliveryOutcome,
      status: number,
      message: string,
      headers?: Record<string, string>,
    ): DeliveryOutcome => {
      answer(res, status, message, headers);
      return outcome;
    };
    const refuse = (status: number, message: string): DeliveryOutcome => {
      refuseUnread(req, res, status, message);
      return "refused";
    };
    if (req.method !== "POST")
      return say("refused", 405, "Method not allowed: webhooks are POSTed.", { allow: "POST" });
    const name = header(req, "x-github-event");
    const id = header(req, "x-github-delivery");
    if (!name || !EVENT_NAME_PATTERN.test(name) || !id || !DELIVERY_ID_PATTERN.test(id)) {
      return refuse(400, "Missing or malformed X-GitHub-Event or X-GitHub-Delivery header.");
    }
    const signature = header(req, "x-hub-signature-256");
    if (!signature) return refuse(401, "Missing X-Hub-Signature-256: configure a webhook secret.");
    const declared = Number(header(req, "content-length") ?? "0");
    if (declared > maxBody) return refuse(413, `Payload larger than ${maxBody} bytes.`);

    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(413, `Payload larger than ${maxBody} bytes.`);
      return "refused"; // the client went away mid-body: nobody is left to answer
    }
    const text = await verifiedText(body, signature, secrets());
    if (text === null) {
      log.warn({ id, event: name }, "webhook refused: signature matches no configured secret");
      return say("refused", 401, "Signature does not match.");
    }
    if (!(header(req, "content-type") ?? "").toLowerCase().startsWith("application/json")) {
      return say("refused", 415, "Set the webhook's content type to application/json.");
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return say("refused", 400, "The body is not JSON.");
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload))
      return say("refused", 400, "The body is not a JSON object.");

    let seen: Awaited<ReturnType<DeliveryLedger["claim"]>>;
    try {
      seen = await ledger.claim(id);
    } catch (error) {
      log.error({ id, event: name, err: error }, "delivery ledger unavailable; answered 503");
      return say("unavailable", 503, UNAVAILABLE, { "retry-after": "30" });
    }
    if (seen === "done") return say("duplicate", 200, "Delivery already processed.");
    if (seen === "running") return say("duplicate", 202, "Delivery already being processed.");

    // The payload is GitHub's, vouched for by the signature; Probot types it by event name.
    const event = { id, name, payload } as unknown as WebhookEvent;
    if (options.enqueue) {
      try {
        await options.enqueue(event);
      } catch (error) {
        await ledger.release(id).catch(() => undefined);
        log.error({ id, event: name, err: error }, "queue unavailable; answered 503");
        return say("unavailable", 503, UNAVAILABLE, { "retry-after": "30" });
      }
      return say("queued", 202, "Queued.");
    }
    const outcome = await runHere(event);
    if (outcome === "late") {
      log.info({ id, event: name }, `handler still running after ${answerWithin} ms; answered 202`);
      return say("running_late", 202, "Accepted; still processing.");
    }
    return outcome ? say("processed", 200, "OK") : say("failed", 500, "The handler failed; redeliver to retry.");
  }

  const middleware = (async (req: IncomingMessage, res: ServerResponse, next?: () => void): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) {
      next?.();
      return false;
    }
    const started = process.hrtime.bigint();
    let outcome: DeliveryOutcome = "failed";
    try {
      outcome = await handle(req, res);
    } catch (error) {
      log.error({ err: error }, "webhook middleware failed");
      answer(res, 500, "Internal error.");
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    options.onDelivery?.({ event: header(req, "x-github-event") ?? "unknown", outcome, seconds });
    return true;
  }) as HandoffMiddleware;
  middleware.idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return middleware;
}
