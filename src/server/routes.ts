// The operational endpoints every process serves (web and worker):
//   GET /healthz  liveness: the process answers. Restarting it cannot fix Redis, so Redis is not asked here.
//   GET /readyz   readiness: 200 when what the process depends on answers (Redis, the worker); 503 with why.
//   GET /metrics  Prometheus text.
import type { IncomingMessage, ServerResponse } from "node:http";
import { answer } from "./http.js";
import type { Metrics } from "./metrics.js";

export type Readiness = () => Promise<{ ok: boolean; reason: string }>;

export function operationalRoutes(
  metrics: Metrics,
  ready: Readiness,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if (req.method !== "GET") return false;
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz") {
      answer(res, 200, "ok");
      return true;
    }
    if (path === "/readyz") {
      const state = await ready().catch((error: unknown) => ({
        ok: false,
        reason: error instanceof Error ? error.message : String(error),
      }));
      answer(res, state.ok ? 200 : 503, state.ok ? `ready: ${state.reason}` : `not ready: ${state.reason}`);
      return true;
    }
    if (path === "/metrics") {
      const text = await metrics.text();
      res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text);
      return true;
    }
    return false;
  };
}
