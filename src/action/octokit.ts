// The Action's GitHub client: @octokit/rest with retry (transient 5xx) and throttling (primary and
// secondary rate limits, honouring `retry-after`), pointed at GITHUB_API_URL so GitHub Enterprise works.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { GitHub, Log } from "../github/client.js";

const ActionOctokit = Octokit.plugin(retry, throttling);

/** How many times a rate-limited request is retried before the step fails with GitHub's error. */
const MAX_RATE_LIMIT_RETRIES = 2;

export function createGitHub(token: string, baseUrl: string, log: Log): GitHub {
  return new ActionOctokit({
    auth: token,
    baseUrl,
    userAgent: "handoff-action",
    log: { debug: log.debug, info: log.debug, warn: log.warn, error: log.error },
    throttle: {
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
