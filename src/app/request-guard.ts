// What every installation client gets before a handler sees it, whichever way the App was started
// (`probot run` builds Probot's Octokit itself, so this cannot be Octokit options; it is hooks on each
// delivery's client, which Probot creates afresh per event):
// - a per-attempt timeout on every request (src/github/scoped-timeout.ts);
// - secondary rate limits honoured. Probot's own throttle options answer a secondary limit by logging and
//   giving up (`onSecondaryRateLimit` returns nothing), and the retry plugin never retries a 403, so one
//   "You have exceeded a secondary rate limit" failed the whole delivery. GitHub asks clients to wait
//   `retry-after` seconds and try again; this does, at most twice;
// - route templates expanded once, up front (src/github/literal-route.ts): the same requests, parsed for less;
// - the Action's transport, node:http(s) (src/github/http-fetch.ts), instead of Node's fetch: the same requests and
//   answers for about 0.19 ms less CPU each (bench section 2, paired: 1.7 ms of a 2 KB delivery's nine requests).
//   A client given its own fetch keeps it; a proxied process keeps fetch on a Node whose agents cannot proxy.
import type { ProbotOctokit } from "probot";
import { statusOf } from "../github/client.js";
import { expandRouteInPlace } from "../github/literal-route.js";
import { transportFor } from "../github/http-fetch.js";
import { fetchWithTimeout, REQUEST_TIMEOUT_MS } from "../github/request-timeout.js";
import { scopedFetchWithTimeout } from "../github/scoped-timeout.js";

type AppOctokit = InstanceType<typeof ProbotOctokit>;

export interface RequestGuardOptions {
  /** Per-attempt bound on one request, in milliseconds. */
  timeoutMs?: number;
  /** Milliseconds per second of `retry-after` (plugin-throttling's `retryAfterBaseValue`); tests shrink it. */
  retryAfterBaseMs?: number;
}

const SECONDARY_LIMIT_RETRIES = 2;
/** GitHub's advice when a secondary limit names no `retry-after`: wait at least a minute. */
const FALLBACK_RETRY_AFTER_S = 60;
/** Longer than this, the delivery fails instead (it can be redelivered) rather than sleep for an hour. */
const MAX_RETRY_AFTER_S = 120;

/** Seconds to wait before retrying, when the error is a secondary rate limit worth waiting for; else null. */
export function secondaryRetryAfter(error: unknown): number | null {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return null;
  const headers =
    (error as { response?: { headers?: Record<string, string | number | undefined> } }).response?.headers ?? {};
  // A primary limit (`x-ratelimit-remaining: 0`) is the throttling plugin's to handle, with its reset time.
  if (String(headers["x-ratelimit-remaining"]) === "0") return null;
  const message = error instanceof Error ? error.message : "";
  const retryAfter = Number(headers["retry-after"]);
  if (!/secondary rate/i.test(message) && !(retryAfter > 0)) return null;
  const seconds = retryAfter > 0 ? retryAfter : FALLBACK_RETRY_AFTER_S;
  return seconds <= MAX_RETRY_AFTER_S ? seconds : null;
}

type Fetch = typeof globalThis.fetch;
let transport: Fetch | undefined;

export function guardRequests<T extends Pick<AppOctokit, "hook" | "log">>(
  octokit: T,
  options: RequestGuardOptions = {},
): T {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const base = options.retryAfterBaseMs ?? 1000;
  // One hook, registered after Probot's plugins and so around them: they, and Octokit's own request, see the
  // literal path and the bounded fetch. (Each hook layer costs every request a few promise turns.)
  octokit.hook.wrap("request", async (request, endpoint) => {
    expandRouteInPlace(endpoint);
    const inner = endpoint.request?.fetch ?? (transport ??= transportFor());
    // Timers cleared when the request is over (scoped-timeout.ts), unless Octokit is to hand back an unread body.
    const bounded =
      endpoint.request?.parseSuccessResponseBody === false
        ? { fetch: fetchWithTimeout(timeoutMs, inner), end: () => undefined }
        : scopedFetchWithTimeout(timeoutMs, inner);
    endpoint.request = { ...endpoint.request, fetch: bounded.fetch };
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await request(endpoint);
        } catch (error) {
          const seconds = attempt < SECONDARY_LIMIT_RETRIES ? secondaryRetryAfter(error) : null;
          if (seconds === null) throw error;
          octokit.log.warn(`secondary rate limit on ${endpoint.method} ${endpoint.url}; retrying in ${seconds} s`);
          await new Promise((resolve) => setTimeout(resolve, seconds * base));
        }
      }
    } finally {
      bounded.end();
    }
  });
  return octokit;
}
