/**
 * The small HTTP vocabulary the fake's routes share: a router over GitHub-style paths, GitHub's error
 * shape, and GitHub's page/per_page pagination with `Link` headers.
 */
import type { z } from "zod";
import type { FakeState, FakeUser, IssueRecord, RepoRecord } from "./state.js";

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The user the request's token belongs to. */
  actor: FakeUser;
  state: FakeState;
  /** The request URL, on the fake's own origin. */
  url: URL;
  /** The fake's base URL, for the `url` fields of responses. */
  api: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (context: RouteContext) => Reply;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

const DOCS = "https://docs.github.com/rest";

/** Thrown by handlers; becomes GitHub's `{ message, documentation_url, status, errors? }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Array<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export function errorBody(
  status: number,
  message: string,
  errors?: Array<Record<string, unknown>>,
): Record<string, unknown> {
  return { message, documentation_url: DOCS, status: String(status), ...(errors ? { errors } : {}) };
}

export const notFound = (): HttpError => new HttpError(404, "Not Found");

/** GitHub's 422: "Validation Failed" with a list of `{ resource, code, field?, message? }`. */
export function validationFailed(resource: string, code: string, message?: string, field?: string): HttpError {
  return new HttpError(422, "Validation Failed", [
    { resource, code, ...(field ? { field } : {}), ...(message ? { message } : {}) },
  ]);
}

/** Parses a request body with zod; a mismatch is GitHub's 422 "Invalid request.". */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new HttpError(
      422,
      `Invalid request.\n\n${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  return parsed.data;
}

/**
 * Routes over patterns like `/repos/:owner/:repo/issues/:number`; `*name` takes the rest of the path
 * (a file path or a git ref with slashes). Segments are percent-decoded after splitting, so an encoded
 * `%2F` stays inside one parameter. The first registered match wins: register literals first.
 */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: pattern.split("/").slice(1), handler });
    return this;
  }

  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | "method" | undefined {
    const actual = pathname.split("/").slice(1);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchPattern(route.segments, actual);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
    }
    return pathMatched ? "method" : undefined;
  }
}

function matchPattern(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i] ?? "";
    if (segment.startsWith("*")) {
      const rest = actual.slice(i);
      if (rest.length === 0 || rest.some((s) => s === "")) return undefined;
      params[segment.slice(1)] = rest.map(decodeURIComponent).join("/");
      return params;
    }
    const value = actual[i];
    if (value === undefined || value === "") return undefined;
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return actual.length === pattern.length ? params : undefined;
}

/** GitHub's pagination: `per_page` (default 30, at most 100), `page` from 1, and a `Link` header. */
export function paginate<T>(context: RouteContext, items: readonly T[]): Reply & { body: T[] } {
  const perPage = Math.min(100, Math.max(1, Number(context.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(context.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string): string => {
    const url = new URL(context.url);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { status: 200, body, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

/** GitHub's timestamps: ISO 8601 to the second, in UTC. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The repository named by `:owner/:repo`, or GitHub's 404. */
export function repoOf(context: RouteContext): RepoRecord {
  const repo = context.state.repo(context.params["owner"] ?? "", context.params["repo"] ?? "");
  if (!repo) throw notFound();
  return repo;
}

/** The issue or pull request named by `:owner/:repo/…/:number`, or GitHub's 404. */
export function issueOf(context: RouteContext): IssueRecord {
  const issue = context.state.issue(repoOf(context), Number(context.params["number"]));
  if (!issue) throw notFound();
  return issue;
}

/** GitHub's limits: 65,536 characters for an issue or comment body, 256 for a title. */
export function checkLength(resource: string, field: string, value: string | null | undefined, max: number): void {
  if (value && value.length > max) {
    throw validationFailed(resource, "custom", `${field} is too long (maximum is ${max} characters)`, field);
  }
}
