// Over 250 lines: fetch's contract as Octokit reads it (request, redirects, errors, the response and its headers)
// is one idea, and splitting it would scatter the rules that must match fetch's.
//
// The Action's and the CLI's transport: a `fetch` for Octokit (`request: { fetch }`) over node:http and node:https.
// Node's global fetch loads its own copy of undici (and its WebAssembly HTTP parser) on first use: in the Action
// on Node 24 that was 13-16 MiB of a 92-98 MiB peak and about 60 ms of CPU, for ten requests and an exit.
// Hand-written because no library made for it is small: node-fetch 3 bundles to 165 KB and minipass-fetch to
// 600 KB, against an 800 KB budget for the whole Action. It implements what @octokit/request reads (status, url,
// headers, text, json, arrayBuffer) and what fetch does that users rely on:
// - redirects followed as fetch follows them (GitHub answers 301/307 for a renamed repository): up to 20, 303 and
//   a POST's 301/302 become a GET without a body, and credentials are dropped when the origin changes;
// - `redirect: "manual"` returns the 3xx, `"error"` rejects;
// - network failures reject with fetch's `TypeError("fetch failed")` carrying the cause, which Octokit turns into
//   a RequestError (status 500) with the cause's message, so the retry plugin retries them as before;
// - an aborted signal rejects with the signal's reason, as fetch does (request-timeout.ts relies on it);
// - proxies as fetch: Node's global agents honour HTTP(S)_PROXY and NO_PROXY under NODE_USE_ENV_PROXY=1 or
//   --use-env-proxy (Node 22.21+, 24.5+), as fetch does, and neither uses a proxy without it (`transportFor`
//   keeps fetch on a Node whose agents cannot). One difference: fetch tunnels a plain-http:// URL through the
//   proxy with CONNECT, the agents send it to the proxy as an absolute-form request; https:// tunnels either way.
// It reads the whole body before resolving: every socket then goes back to the keep-alive pool (an unread
// response would hold it, and the process, open), and Octokit reads every body it is given anyway. It asks for
// no compression (`accept-encoding: identity`; fetch asks for gzip and decodes it), and a response that comes
// compressed anyway fails as a network error rather than reach Octokit as bytes it would read as text.
import type { ClientRequest, IncomingMessage, RequestOptions } from "node:http";
import { createRequire } from "node:module";

type Send = (url: URL, options: RequestOptions, callback: (message: IncomingMessage) => void) => ClientRequest;

/**
 * node:http and node:https through `require`, each when a URL first needs it. An ESM import of node:http reads every
 * export, and its WebSocket getters load undici: the 13 MiB this file exists to save.
 */
const builtin = createRequire(import.meta.url);
const senders = new Map<string, Send>();
function sender(protocol: "http:" | "https:"): Send {
  let send = senders.get(protocol);
  if (!send) {
    send = (builtin(protocol === "https:" ? "node:https" : "node:http") as { request: Send }).request;
    senders.set(protocol, send);
  }
  return send;
}

type Fetch = typeof globalThis.fetch;

/** What Octokit passes to fetch (@octokit/request's fetch-wrapper). */
export interface HttpFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | null;
  redirect?: "follow" | "error" | "manual";
  signal?: AbortSignal | null;
}

const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Methods fetch upper-cases (PATCH is not one of them; Octokit upper-cases every method itself). */
const NORMALISED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
/** Headers fetch drops when a redirect turns the request into a GET without a body. */
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
/** Headers fetch drops when a redirect leaves the origin. */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie", "host"];

/** A response's headers, read as fetch's `Headers` reads: names lower-cased, sorted, repeats joined by ", ". */
export class HttpHeaders implements Iterable<[string, string]> {
  readonly #values: Map<string, string>;

  constructor(rawHeaders: readonly string[]) {
    const values = new Map<string, string>();
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toLowerCase();
      const value = rawHeaders[i + 1]!;
      const previous = values.get(name);
      values.set(name, previous === undefined ? value : `${previous}, ${value}`);
    }
    this.#values = new Map([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string, headers: HttpHeaders) => void): void {
    for (const [name, value] of this.#values) callback(value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}

/** A response whose body has been read in full; its readers decode it as fetch's do, once. */
export class HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly redirected: boolean;
  readonly headers: HttpHeaders;
  #bytes: Buffer;
  #used = false;

  constructor(message: IncomingMessage, bytes: Buffer, url: URL, redirected: boolean) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    this.url = url.href;
    this.redirected = redirected;
    this.headers = new HttpHeaders(message.rawHeaders);
    this.#bytes = bytes;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** Octokit reads `body` only with `parseSuccessResponseBody: false`, which nothing here asks for: fail loudly. */
  get body(): never {
    throw new TypeError("the node:http transport reads bodies in full; it has no body stream");
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    return copy;
  }

  /** UTF-8 with a leading byte-order mark dropped and invalid bytes replaced, as fetch's `text()`. */
  async text(): Promise<string> {
    const text = this.#take().toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  #take(): Buffer {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    const bytes = this.#bytes;
    this.#bytes = Buffer.alloc(0);
    return bytes;
  }
}

/** fetch's network error: Octokit reports the cause's message. */
function networkError(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

function urlOf(input: unknown): URL {
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new TypeError("the node:http transport takes a URL string or URL, not a Request");
  }
  try {
    return new URL(input);
  } catch (error) {
    throw new TypeError(`Failed to parse URL from ${String(input)}`, { cause: error });
  }
}

function headersOf(init: Record<string, string> | undefined): Map<string, string> {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(init ?? {})) headers.set(name.toLowerCase(), String(value));
  return headers;
}

interface Exchange {
  message: IncomingMessage;
  bytes: Buffer;
}

/** One request and its whole response; every failure is fetch's failure for the same cause. */
function exchange(
  url: URL,
  method: string,
  headers: Map<string, string>,
  body: Uint8Array | string | undefined,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(signal?.aborted ? signal.reason : networkError(error));
    const send = sender(url.protocol === "https:" ? "https:" : "http:");
    const outgoing = Object.fromEntries(headers);
    if (body !== undefined) outgoing["content-length"] = String(Buffer.byteLength(body));
    const request = send(url, { method, headers: outgoing, ...(signal ? { signal } : {}) }, (message) => {
      const chunks: Buffer[] = [];
      let ended = false;
      message.on("data", (chunk: Buffer) => chunks.push(chunk));
      message.on("end", () => {
        ended = true;
        resolve({ message, bytes: Buffer.concat(chunks) });
      });
      message.on("error", fail);
      message.on("close", () => {
        if (!ended) fail(new Error("the connection closed before the response ended"));
      });
    });
    request.on("error", fail);
    request.end(body);
  });
}

/** fetch over node:http and node:https (see the top of this file for what it keeps of fetch and why). */
export async function httpFetch(input: string | URL, init: HttpFetchInit = {}): Promise<HttpResponse> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw signal.reason;
  let url = urlOf(input);
  const upper = (init.method ?? "GET").toUpperCase();
  let method = NORMALISED_METHODS.has(upper) ? upper : (init.method ?? "GET");
  const headers = headersOf(init.headers);
  let body = init.body ?? undefined;
  if (body !== undefined && (method === "GET" || method === "HEAD")) {
    throw new TypeError("Request with GET/HEAD method cannot have body.");
  }
  if (!headers.has("accept")) headers.set("accept", "*/*");
  if (!headers.has("accept-encoding")) headers.set("accept-encoding", "identity");
  if (typeof body === "string" && !headers.has("content-type")) headers.set("content-type", "text/plain;charset=UTF-8");
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw networkError(new Error("unknown scheme"));
    const { message, bytes } = await exchange(url, method, headers, body, signal);
    const coding = message.headers["content-encoding"]?.trim().toLowerCase();
    if (coding && coding !== "identity") throw networkError(new Error(`a response compressed with ${coding}`));
    const status = message.statusCode ?? 0;
    const location = message.headers.location;
    if (!REDIRECT_STATUSES.has(status) || location === undefined || init.redirect === "manual") {
      return new HttpResponse(message, bytes, url, redirects > 0);
    }
    if (init.redirect === "error") throw networkError(new Error("unexpected redirect"));
    if (redirects === MAX_REDIRECTS) throw networkError(new Error("redirect count exceeded"));
    let next: URL;
    try {
      next = new URL(location, url);
    } catch (error) {
      throw networkError(error);
    }
    if (
      (status === 303 && method !== "GET" && method !== "HEAD") ||
      ((status === 301 || status === 302) && method === "POST")
    ) {
      method = "GET";
      body = undefined;
      for (const name of BODY_HEADERS) headers.delete(name);
    }
    if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    url = next;
  }
}

/** `httpFetch` where Octokit and request-timeout.ts expect fetch: it implements the part of fetch they use. */
export const nodeFetch = httpFetch as unknown as Fetch;

/**
 * The transport for this process: `nodeFetch`, unless the environment asks for a proxy that only fetch would
 * honour. Node's fetch honours NODE_USE_ENV_PROXY from 24.0 (and 22.21), its http agents from 24.5 (and 22.21),
 * so on a Node in between (the CLI runs on the user's Node) a proxied process keeps fetch, as before.
 */
export function transportFor(env: NodeJS.ProcessEnv = process.env, node = process.versions.node): Fetch {
  const [major = 0, minor = 0] = node.split(".").map(Number);
  const agentsHonourProxy = major === 22 ? minor >= 21 : major === 24 ? minor >= 5 : major >= 25;
  const proxied =
    env["NODE_USE_ENV_PROXY"] === "1" || /--use-env-proxy\b/.test(`${process.execArgv} ${env["NODE_OPTIONS"]}`);
  return proxied && !agentsHonourProxy ? globalThis.fetch : nodeFetch;
}
