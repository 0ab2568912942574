/**
 * Records every request that reaches nock, and checks them against GitHub's REST description.
 *
 * nock 15 has no global "request" event: a matched request is announced only on its own scope
 * (`scope.emit("request", req, interceptor, body)`), an unmatched one on `nock.emitter` ("no match").
 * So the recorder taps `emit` on the Scope prototype, which every `nock(...)` scope shares, and listens
 * for "no match": tests that build scopes with plain `nock(...)` are recorded without opting in.
 */
import { EventEmitter } from "node:events";
import nock from "nock";
import { afterEach, beforeEach } from "vitest";
import { checkRequest } from "./openapi.js";

export interface RecordedRequest {
  method: string;
  /** Origin of the request, e.g. `https://api.github.com`. */
  origin: string;
  /** Path without the query string, still percent-encoded as sent. */
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON body; the raw string when it is not JSON; `undefined` when empty. */
  body: unknown;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** False when no interceptor matched (nock 15 answers those with a 501). */
  matched: boolean;
}

export interface Recorder {
  readonly requests: RecordedRequest[];
  stop(): void;
}

type Sink = (request: RecordedRequest) => void;

const sinks = new Set<Sink>();
let uninstall: (() => void) | undefined;

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeRequest(request: Request, bodyText: string, matched: boolean): RecordedRequest {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return {
    method: request.method.toUpperCase(),
    origin: url.origin,
    path: url.pathname,
    query,
    body: parseBody(bodyText),
    headers: Object.fromEntries(request.headers),
    matched,
  };
}

function publish(request: RecordedRequest): void {
  for (const sink of sinks) sink(request);
}

function install(): void {
  if (uninstall) return;
  // Constructing a scope registers nothing; it only gives us the shared prototype.
  const prototype = Object.getPrototypeOf(nock("http://recorder.nock.invalid")) as EventEmitter;
  const own = Object.getOwnPropertyDescriptor(prototype, "emit");
  prototype.emit = function emit(this: EventEmitter, event: string | symbol, ...args: unknown[]): boolean {
    const [request, , body] = args;
    if (event === "request" && request instanceof Request) {
      publish(describeRequest(request, typeof body === "string" ? body : "", true));
    }
    return EventEmitter.prototype.emit.call(this, event, ...args);
  };
  const onNoMatch = (request: Request): void => {
    const recorded = describeRequest(request, "", false);
    publish(recorded);
    // The body of an unmatched request is read asynchronously; it arrives shortly after the record.
    if (!request.bodyUsed && request.body !== null) {
      request
        .clone()
        .text()
        .then((text) => {
          recorded.body = parseBody(text);
        })
        .catch(() => undefined);
    }
  };
  nock.emitter.on("no match", onNoMatch);
  uninstall = () => {
    if (own) Object.defineProperty(prototype, "emit", own);
    else delete (prototype as Partial<EventEmitter>).emit;
    nock.emitter.off("no match", onNoMatch);
    uninstall = undefined;
  };
}

/** Starts recording every request that reaches nock, matched or not, until `stop()`. */
export function recordRequests(): Recorder {
  install();
  const requests: RecordedRequest[] = [];
  const sink: Sink = (request) => requests.push(request);
  sinks.add(sink);
  return {
    requests,
    stop() {
      sinks.delete(sink);
      if (sinks.size === 0) uninstall?.();
    },
  };
}

/** Every violation of GitHub's REST description among these requests, one readable line each. */
export function requestViolations(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((request) => {
    const query = new URLSearchParams(
      Object.entries(request.query).flatMap(([k, v]): [string, string][] =>
        Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
      ),
    ).toString();
    const path = query ? `${request.path}?${query}` : request.path;
    return checkRequest({ method: request.method, path, body: request.body }).errors;
  });
}

/** Throws, listing every violation, unless each request matches GitHub's REST description. */
export function expectValidRequests(requests: readonly RecordedRequest[]): void {
  const violations = requestViolations(requests);
  if (violations.length > 0) {
    throw new Error(
      `${violations.length} request(s) do not match GitHub's REST description:\n` +
        violations.map((v) => `  - ${v}`).join("\n"),
    );
  }
}

export interface NockHarness {
  /** Requests recorded during the current test. */
  readonly requests: RecordedRequest[];
}

export interface UseNockOptions {
  /** Let requests to 127.0.0.1 and localhost through (the fake GitHub server). Default false. */
  allowLocalhost?: boolean;
}

const LOCAL = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/**
 * Registers vitest hooks: before each test, real network connections are refused and recording
 * starts; after each, the test fails if an interceptor went unused, a request matched none, or a
 * request does not match GitHub's REST description. Interceptors are cleared either way.
 */
export function useNock(options: UseNockOptions = {}): NockHarness {
  let recorder: Recorder | undefined;
  beforeEach(() => {
    nock.disableNetConnect();
    if (options.allowLocalhost) nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
    recorder = recordRequests();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const requests = recorder?.requests ?? [];
    recorder?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
    const problems: string[] = [];
    if (pending.length > 0) problems.push(`interceptors never used:\n${pending.map((p) => `  - ${p}`).join("\n")}`);
    const unmatched = requests.filter((r) => !r.matched && !LOCAL.test(r.origin));
    if (unmatched.length > 0) {
      problems.push(
        `requests no interceptor matched:\n${unmatched.map((r) => `  - ${r.method} ${r.origin}${r.path}`).join("\n")}`,
      );
    }
    const violations = requestViolations(requests.filter((r) => r.matched));
    if (violations.length > 0) {
      problems.push(
        `requests that do not match GitHub's REST description:\n${violations.map((v) => `  - ${v}`).join("\n")}`,
      );
    }
    if (problems.length > 0) throw new Error(problems.join("\n"));
  });
  return {
    get requests() {
      return recorder?.requests ?? [];
    },
  };
}
