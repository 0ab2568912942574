// The Action's (and the CLI's) GitHub client: @octokit/rest's plugins less its route table (calls name their
// routes, see github/client.ts), with retry (transient 5xx) and throttling (primary and secondary rate limits,
// honouring `retry-after`), pointed at GITHUB_API_URL so GitHub Enterprise works. It speaks node:https rather
// than Node's fetch (github/http-fetch.ts says why and what it keeps of fetch).
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { requestLog } from "@octokit/plugin-request-log";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";
import type { GitHub, Log } from "../github/client.js";
import { transportFor } from "../github/http-fetch.js";
import { fetchWithTimeout, REQUEST_TIMEOUT_MS } from "../github/request-timeout.js";
import "./bottleneck-yield.js";
import { octokitLog } from "./log.js";

const ActionOctokit = Octokit.plugin(requestLog, paginateRest, retry, throttling);

/**
 * The throttling plugin spaces writes 1 s apart, and writes that notify (comments, issues) 3 s apart: right
 * for a long-running App that may file hundreds of issues, but an Action run makes fewer than ten writes,
 * one after another, far below GitHub's ~80 a minute. Spacing them would add ten seconds to every agent
 * run for nothing, so writes run as soon as the previous one is done; rate limits are still honoured
 * through `retry-after` below.
 */
const unspacedWrites = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });

/** How many times a rate-limited request is retried before the step fails with GitHub's error. */
const MAX_RATE_LIMIT_RETRIES = 2;

/**
 * Without a bound, a request GitHub never answers would hold the job (and the claim) until the runner's
 * six-hour limit. `HANDOFF_REQUEST_TIMEOUT_MS` overrides the per-attempt bound (tests shorten it).
 */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env["HANDOFF_REQUEST_TIMEOUT_MS"]);
  return Number.isFinite(value) && value > 0 ? value : REQUEST_TIMEOUT_MS;
}

/** `userAgent` names the caller in GitHub's logs and audit trails: the Action by default, the CLI as itself. */
export function createGitHub(token: string, baseUrl: string, log: Log, userAgent = "handoff-action"): GitHub {
  return new ActionOctokit({
    auth: token,
    baseUrl,
    userAgent,
    request: { fetch: fetchWithTimeout(requestTimeoutMs(), transportFor()) },
    log: octokitLog(log),
    throttle: {
      write: unspacedWrites(),
      notifications: unspacedWrites(),
      onRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log.warn(`rate limit hit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log.warn(`secondary rate limit hit on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
    },
  });
}
