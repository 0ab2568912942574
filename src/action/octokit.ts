// The Action's GitHub client: @octokit/rest with retry (transient 5xx) and throttling (primary and
// secondary rate limits, honouring `retry-after`), pointed at GITHUB_API_URL so GitHub Enterprise works.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck/light.js";
import type { GitHub, Log } from "../github/client.js";

const ActionOctokit = Octokit.plugin(retry, throttling);

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

export function createGitHub(token: string, baseUrl: string, log: Log): GitHub {
  return new ActionOctokit({
    auth: token,
    baseUrl,
    userAgent: "handoff-action",
    log: { debug: log.debug, info: log.debug, warn: log.warn, error: log.error },
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
