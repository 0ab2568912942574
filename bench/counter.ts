// Counting requests at the HTTP boundary. A request is named by its method and GitHub's route template
// (`POST /repos/{owner}/{repo}/issues`), so a sequence reads like the REST reference and can be compared
// with the minimum an operation needs. Content-creating requests are what GitHub's secondary rate limit
// counts (about 80 a minute): every POST, PATCH, PUT and DELETE.
import { matchRoute } from "../test/support/openapi.js";

export interface HttpCall {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  status?: number;
  /** The parsed JSON body, when there was one: it tells a 👀 from a 🚀. */
  body?: unknown;
}

export const TOKEN_EXCHANGE = "POST /app/installations/{installation_id}/access_tokens";
/** The App's identity (`<slug>[bot]`), fetched once per process with the App's JWT. */
export const APP_IDENTITY = "GET /app";

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export function isWrite(call: Pick<HttpCall, "method">): boolean {
  return WRITE_METHODS.has(call.method.toUpperCase());
}

/**
 * `METHOD /template`; a path GitHub does not know keeps its literal form, marked with `?`. Reads of our
 * configuration file share the contents route with reads of handoff files, so they are tagged: `[config]`,
 * or `[org config]` for the organisation's `.github` repository that Probot falls back to. Reactions share
 * one route whatever the emoji, so they are tagged with it: `[eyes]`, `[rocket]`.
 */
export function routeOf(call: Pick<HttpCall, "method" | "path" | "body">): string {
  const method = call.method.toUpperCase();
  const template = matchRoute(call.path)?.template;
  if (!template) return `${method} ${call.path} (?)`;
  const config = /^\/repos\/[^/]+\/([^/]+)\/contents\/\.github(?:%2F|\/)handoff\.yml$/i.exec(call.path);
  if (config) return `${method} ${template} ${config[1] === ".github" ? "[org config]" : "[config]"}`;
  const content = (call.body as { content?: unknown } | undefined)?.content;
  if (template.endsWith("/reactions") && typeof content === "string") return `${method} ${template} [${content}]`;
  return `${method} ${template}`;
}

export interface RequestCount {
  /** API requests: everything but the token exchange and the App identity. */
  total: number;
  /** Of those, POST/PATCH/PUT/DELETE. */
  writes: number;
  tokenExchanges: number;
  identity: number;
  /** The API requests in order, as routes. */
  sequence: string[];
  /** Statuses of the API requests, in the same order. */
  statuses: Array<number | undefined>;
}

/** Counts a slice of a request log; the token exchange and `GET /app` are counted apart. */
export function countRequests(calls: readonly HttpCall[]): RequestCount {
  const count: RequestCount = { total: 0, writes: 0, tokenExchanges: 0, identity: 0, sequence: [], statuses: [] };
  for (const call of calls) {
    const route = routeOf(call);
    if (route === TOKEN_EXCHANGE) count.tokenExchanges++;
    else if (route === APP_IDENTITY) count.identity++;
    else {
      count.total++;
      if (isWrite(call)) count.writes++;
      count.sequence.push(route);
      count.statuses.push(call.status);
    }
  }
  return count;
}

/** Marks a position in a growing log; `since()` is what was added after it. */
export function logCursor<T>(log: readonly T[]): { since(): T[] } {
  const start = log.length;
  return { since: () => log.slice(start) };
}
