/**
 * Fault injection: the next matching request(s) get an error, a dropped connection or no answer at
 * all, instead of the normal response. Presets reproduce GitHub's own error responses, which is what
 * Octokit's retry and throttling plugins recognise (a 403 is a secondary limit only if its message says
 * "secondary rate limit"; a primary one carries `x-ratelimit-remaining: 0`).
 */

export interface FaultSpec {
  /** Any method when absent. */
  method?: string;
  /**
   * Which paths: a RegExp tested against the path with its query; a template with `{placeholders}`
   * (`/repos/{owner}/{repo}/issues`); or an exact path. Any path when absent.
   */
  path?: string | RegExp;
  /** How many requests it applies to; default 1. `Infinity` for all. */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  /** JSON body; a GitHub-like error body for the status when absent. */
  body?: unknown;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /**
   * GitHub did the request (a write is made), and then the answer was lost: the fault replaces only the answer,
   * as behind a 502 that GitHub returns after filing an issue.
   */
  afterWrite?: boolean;
}

export interface Fault extends FaultSpec {
  /** Requests this fault has answered. */
  hits: number;
}

const DOCS = "https://docs.github.com/rest";
const RATE_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

const MESSAGES: Record<number, string> = {
  400: "Problems parsing JSON",
  401: "Bad credentials",
  403: "Resource not accessible by integration",
  404: "Not Found",
  409: "Conflict",
  410: "Issues are disabled for this repo",
  422: "Validation Failed",
  429: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

/** GitHub's error body for a status. */
export function defaultErrorBody(status: number): Record<string, unknown> {
  return {
    message: MESSAGES[status] ?? "Error",
    documentation_url: status === 429 ? RATE_DOCS : DOCS,
    status: String(status),
    ...(status === 422 ? { errors: [{ resource: "Issue", code: "custom", message: "injected fault" }] } : {}),
  };
}

/** 403 with `retry-after`: GitHub's secondary rate limit. */
export function secondaryRateLimit(retryAfterSeconds = 1): FaultSpec {
  return {
    status: 403,
    headers: { "retry-after": String(retryAfterSeconds) },
    body: {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
      documentation_url: `${RATE_DOCS}#about-secondary-rate-limits`,
      status: "403",
    },
  };
}

/** 403 with `x-ratelimit-remaining: 0` and a reset time: the primary (hourly) rate limit. */
export function primaryRateLimit(resetInSeconds = 1): FaultSpec {
  return {
    status: 403,
    headers: {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-used": "5000",
      "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + resetInSeconds),
      "x-ratelimit-resource": "core",
    },
    body: { message: "API rate limit exceeded for installation ID 1.", documentation_url: RATE_DOCS, status: "403" },
  };
}

/** 429 with `retry-after`. */
export function tooManyRequests(retryAfterSeconds = 1): FaultSpec {
  return { status: 429, headers: { "retry-after": String(retryAfterSeconds) } };
}

function matchesPath(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) return pattern.test(path);
  const pathname = path.split("?")[0] ?? "";
  if (!pattern.includes("{")) return pattern === pathname;
  const source = pattern
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${source}$`).test(pathname);
}

export class Faults {
  private readonly active: Fault[] = [];

  /** Adds a fault; faults are tried in the order they were added. */
  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, hits: 0 };
    this.active.push(fault);
    return fault;
  }

  clear(): void {
    this.active.length = 0;
  }

  /** Faults that still have requests left to spoil. */
  get pending(): readonly Fault[] {
    return this.active.filter((f) => f.hits < (f.times ?? 1));
  }

  /** The fault for this request, counting it as used; undefined when the request should go through. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.active.find(
      (f) =>
        f.hits < (f.times ?? 1) &&
        (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
        matchesPath(f.path, path),
    );
    if (fault) fault.hits += 1;
    return fault;
  }
}
