// The Action's and the CLI's transport (src/github/http-fetch.ts) against real local servers: what goes on the
// wire, what Octokit reads back, redirects, network errors and aborts, each held to what Node's own fetch does
// with the same server, so that swapping fetch for node:http changes nothing a caller can see.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { Octokit } from "@octokit/core";
import { RequestError } from "@octokit/request-error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetch, nodeFetch, transportFor } from "../src/github/http-fetch.js";
import { fetchWithTimeout } from "../src/github/request-timeout.js";

interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

interface Local {
  url: string;
  received: Received[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

async function listen(): Promise<Local> {
  let handler: Handler = (_request, response) => response.end();
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    handle: (next) => {
      handler = next;
      received.length = 0;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let api: Local;
/** A second origin (another port), for redirects that leave the first. */
let other: Local;

beforeAll(async () => {
  [api, other] = await Promise.all([listen(), listen()]);
});

afterAll(async () => {
  await Promise.all([api.close(), other.close()]);
});

/** What a response looks like to a caller, through either transport. */
async function observe(response: Awaited<ReturnType<typeof httpFetch>> | Response) {
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    url: response.url,
    redirected: response.redirected,
    headers: [...response.headers].filter(([name]) => !["date", "keep-alive", "connection"].includes(name)),
    text: await response.text(),
  };
}

/** Runs the same request through Node's fetch and through ours, against the same handler. */
async function both(path: string, init: RequestInit & { headers?: Record<string, string>; body?: string } = {}) {
  const viaFetch = await observe(await fetch(`${api.url}${path}`, init));
  const fetchRequests = [...api.received];
  api.received.length = 0;
  const viaHttp = await observe(await httpFetch(`${api.url}${path}`, init));
  return { viaFetch, viaHttp, fetchRequests, httpRequests: [...api.received] };
}

/** The request headers both transports send, less those only fetch adds (it asks for compression, we do not). */
function sentHeaders(request: Received) {
  const { "accept-encoding": _e, "accept-language": _l, "sec-fetch-mode": _m, ...rest } = request.headers;
  return rest;
}

describe("the request on the wire", () => {
  it("sends the method, path, query, headers and JSON body Octokit gives it, as fetch sends them", async () => {
    api.handle((_request, response) => response.writeHead(201, { "content-type": "application/json" }).end("{}"));
    const init = {
      method: "POST",
      headers: { authorization: "token ghs_x", "content-type": "application/json; charset=utf-8", "user-agent": "t" },
      body: JSON.stringify({ body: "héllo ✓", labels: ["a"] }),
    };
    const { fetchRequests, httpRequests } = await both("/repos/o/r/issues/1/comments?per_page=100", init);
    expect(httpRequests).toHaveLength(1);
    expect(httpRequests[0]!.method).toBe("POST");
    expect(httpRequests[0]!.url).toBe("/repos/o/r/issues/1/comments?per_page=100");
    expect(httpRequests[0]!.body).toBe(init.body);
    expect(httpRequests[0]!.headers["content-length"]).toBe(String(Buffer.byteLength(init.body)));
    expect(sentHeaders(httpRequests[0]!)).toEqual(sentHeaders(fetchRequests[0]!));
  });

  it("labels a string body without a content type text/plain, as fetch does", async () => {
    api.handle((_request, response) => response.end());
    const { fetchRequests, httpRequests } = await both("/x", { method: "PUT", body: "plain" });
    expect(httpRequests[0]!.headers["content-type"]).toBe("text/plain;charset=UTF-8");
    expect(httpRequests[0]!.headers["content-type"]).toBe(fetchRequests[0]!.headers["content-type"]);
  });

  it("asks for no compression (fetch asks for gzip and decodes it; this transport decodes nothing)", async () => {
    api.handle((_request, response) => response.end());
    const { httpRequests } = await both("/x");
    expect(httpRequests[0]!.headers["accept-encoding"]).toBe("identity");
  });

  it("refuses a body on a GET, as fetch does", async () => {
    await expect(httpFetch(`${api.url}/x`, { method: "GET", body: "x" })).rejects.toThrow(TypeError);
    await expect(fetch(`${api.url}/x`, { method: "GET", body: "x" })).rejects.toThrow(TypeError);
  });
});

describe("the response", () => {
  it("gives status, status text, url and headers (lower-cased, sorted, repeats joined) as fetch does", async () => {
    api.handle((_request, response) => {
      response.writeHead(403, "Forbidden", [
        ["Retry-After", "60"],
        ["X-RateLimit-Remaining", "0"],
        ["X-RateLimit-Reset", "1700000000"],
        ["Content-Type", "application/json; charset=utf-8"],
        ["Vary", "Accept"],
        ["Vary", "Authorization"],
      ]);
      response.end(JSON.stringify({ message: "API rate limit exceeded" }));
    });
    const { viaFetch, viaHttp } = await both("/rate");
    expect(viaHttp).toEqual(viaFetch);
    expect(viaHttp.status).toBe(403);
    expect(viaHttp.headers).toContainEqual(["retry-after", "60"]);
    expect(viaHttp.headers).toContainEqual(["vary", "Accept, Authorization"]);
    expect(viaHttp.headers.map(([name]) => name)).toEqual(viaHttp.headers.map(([name]) => name).sort());
  });

  it("decodes text as UTF-8 without a byte-order mark, as fetch does", async () => {
    api.handle((_request, response) =>
      response.writeHead(200, { "content-type": "text/plain" }).end(Buffer.from("\ufeffzoë ✓\n", "utf8")),
    );
    const { viaFetch, viaHttp } = await both("/text");
    expect(viaHttp.text).toBe("zoë ✓\n");
    expect(viaHttp).toEqual(viaFetch);
  });

  it("gives the exact bytes to arrayBuffer and parses json", async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255, 0x0a]);
    api.handle((request, response) => response.end(request.url === "/bin" ? bytes : '{"id":7}'));
    const binary = await httpFetch(`${api.url}/bin`);
    expect(Buffer.from(await binary.arrayBuffer())).toEqual(bytes);
    expect(await (await httpFetch(`${api.url}/json`)).json()).toEqual({ id: 7 });
  });

  it("reads a chunked body without a length whole, with a character split across chunks", async () => {
    const text = `${"x".repeat(2 * 1024 * 1024)}é${"y".repeat(1000)}`;
    const bytes = Buffer.from(text, "utf8");
    const split = bytes.indexOf(Buffer.from("é", "utf8")) + 1; // between é's two bytes
    api.handle((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8" }); // no length: chunked
      response.write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 10);
    });
    const response = await httpFetch(`${api.url}/big`);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(await response.text()).toBe(text);
  });

  it("lets a body be read once, as fetch does", async () => {
    api.handle((_request, response) => response.end("once"));
    const response = await httpFetch(`${api.url}/once`);
    expect(await response.text()).toBe("once");
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });
});

describe("redirects", () => {
  it("follows a renamed repository's 301 with the same method and credentials, and reports the final url", async () => {
    api.handle((request, response) => {
      if (request.url === "/repos/old/name/issues/1") response.writeHead(301, { location: "/repositories/9/issues/1" });
      else response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ seen: request.headers.authorization ?? null }));
    });
    const init = { headers: { authorization: "token ghs_x" } };
    const { viaFetch, viaHttp, httpRequests } = await both("/repos/old/name/issues/1", init);
    expect(viaHttp).toEqual(viaFetch);
    expect(viaHttp.url).toBe(`${api.url}/repositories/9/issues/1`);
    expect(viaHttp.redirected).toBe(true);
    expect(JSON.parse(viaHttp.text)).toEqual({ seen: "token ghs_x" });
    expect(httpRequests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /repos/old/name/issues/1",
      "GET /repositories/9/issues/1",
    ]);
  });

  it("repeats a PATCH with its body on a 307, as fetch does", async () => {
    api.handle((request, response, body) => {
      if (request.url === "/old") response.writeHead(307, { location: "/new" }).end();
      else response.end(`${request.method} ${body}`);
    });
    const init = { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"state":"closed"}' };
    const { viaFetch, viaHttp } = await both("/old", init);
    expect(viaHttp.text).toBe('PATCH {"state":"closed"}');
    expect(viaHttp).toEqual(viaFetch);
  });

  it("turns a POST into a GET without its body on a 303, as fetch does", async () => {
    api.handle((request, response, body) => {
      if (request.url === "/post") response.writeHead(303, { location: "/see" }).end();
      else response.end(`${request.method} [${body}] ${request.headers["content-type"] ?? "no type"}`);
    });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };
    const { viaFetch, viaHttp } = await both("/post", init);
    expect(viaHttp.text).toBe("GET [] no type");
    expect(viaHttp).toEqual(viaFetch);
  });

  it("drops the token when a redirect leaves the origin, as fetch does", async () => {
    other.handle((request, response) => response.end(request.headers.authorization ?? "no token"));
    api.handle((_request, response) => response.writeHead(302, { location: `${other.url}/elsewhere` }).end());
    const viaHttp = await httpFetch(`${api.url}/leave`, { headers: { authorization: "token ghs_x" } });
    const viaFetch = await fetch(`${api.url}/leave`, { headers: { authorization: "token ghs_x" } });
    expect(await viaHttp.text()).toBe("no token");
    expect(await viaFetch.text()).toBe("no token");
    expect(viaHttp.url).toBe(`${other.url}/elsewhere`);
  });

  it("gives up after 20 redirects with fetch's error", async () => {
    api.handle((request, response) => {
      const n = Number(request.url!.slice(1));
      response.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const error = await httpFetch(`${api.url}/0`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
    expect(api.received).toHaveLength(21);
  });

  it('returns the 3xx itself with redirect: "manual", and rejects with redirect: "error"', async () => {
    api.handle((_request, response) => response.writeHead(301, { location: "/moved" }).end());
    const manual = await httpFetch(`${api.url}/here`, { redirect: "manual" });
    expect(manual.status).toBe(301);
    expect(manual.headers.get("location")).toBe("/moved");
    await expect(httpFetch(`${api.url}/here`, { redirect: "error" })).rejects.toThrow("fetch failed");
  });
});

describe("failures", () => {
  it("rejects a refused connection with fetch's TypeError, carrying the system error", async () => {
    const closed = await listen();
    await closed.close();
    const viaHttp = await httpFetch(`${closed.url}/x`).catch((e: unknown) => e);
    const viaFetch = await fetch(`${closed.url}/x`).catch((e: unknown) => e);
    expect(viaHttp).toBeInstanceOf(TypeError);
    expect((viaHttp as TypeError).message).toBe((viaFetch as TypeError).message);
    expect((viaHttp as { cause: { code: string } }).cause.code).toBe("ECONNREFUSED");
    expect((viaFetch as { cause: { code: string } }).cause.code).toBe("ECONNREFUSED");
  });

  it("rejects when the connection drops in the middle of the body", async () => {
    api.handle((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write("partial");
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await expect(httpFetch(`${api.url}/cut`)).rejects.toThrow("fetch failed");
  });

  it("rejects a response compressed although it asked for none, rather than hand Octokit the coded bytes", async () => {
    api.handle((_request, response) =>
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync("{}")),
    );
    const error = await httpFetch(`${api.url}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
    expect((error as Error & { cause: Error }).cause.message).toBe("a response compressed with gzip");
  });

  it("speaks TLS to an https URL (a plain HTTP server fails the handshake as a network error)", async () => {
    const error = await httpFetch(api.url.replace("http:", "https:")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error & { cause: Error }).cause.message).toMatch(/SSL|TLS|wrong version/i);
  });

  it("rejects a URL that is not http or https, as fetch does", async () => {
    await expect(httpFetch("ftp://example.invalid/x")).rejects.toThrow("fetch failed");
  });
});

describe("aborts", () => {
  it("rejects with the signal's reason, before or during the request, as fetch does", async () => {
    api.handle(() => undefined); // never answers
    const already = AbortSignal.abort();
    await expect(httpFetch(`${api.url}/x`, { signal: already })).rejects.toBe(already.reason);
    const controller = new AbortController();
    const pending = httpFetch(`${api.url}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
  });

  it("is bounded by request-timeout.ts like fetch, with the message naming the request", async () => {
    api.handle(() => undefined);
    const bounded = fetchWithTimeout(50, nodeFetch);
    await expect(bounded(`${api.url}/repos/o/r?x=1`, { method: "GET" })).rejects.toThrow(
      `GitHub did not answer GET ${api.url}/repos/o/r within 0.05 s`,
    );
  });
});

describe("through Octokit", () => {
  const octokit = (fetchImpl: typeof fetch) =>
    new Octokit({ baseUrl: api.url, auth: "ghs_x", request: { fetch: fetchImpl } });

  /** The parts of a RequestError the retry and throttling plugins and our code read. */
  async function failure(fetchImpl: typeof fetch, route: string) {
    const error = await octokit(fetchImpl)
      .request(route)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    const { status, message, response } = error as RequestError;
    const headers = { ...response?.headers };
    delete headers.date;
    delete headers["keep-alive"];
    delete headers.connection;
    return { status, message, data: response?.data, headers };
  }

  it("raises the same RequestError for a rate limit (status, message, retry-after and x-ratelimit-*)", async () => {
    api.handle((_request, response) =>
      response
        .writeHead(429, {
          "content-type": "application/json; charset=utf-8",
          "retry-after": "1",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": "1700000000",
        })
        .end(JSON.stringify({ message: "slow down", documentation_url: "https://docs.github.com/x" })),
    );
    const viaHttp = await failure(nodeFetch, "GET /repos/o/r");
    expect(viaHttp).toEqual(await failure(fetch, "GET /repos/o/r"));
    expect(viaHttp.status).toBe(429);
    expect(viaHttp.headers["retry-after"]).toBe("1");
    expect(viaHttp.message).toBe("slow down - https://docs.github.com/x");
  });

  it("raises the same status-500 RequestError for a network failure", async () => {
    const closed = await listen();
    await closed.close();
    const refused = (fetchImpl: typeof fetch) =>
      new Octokit({ baseUrl: closed.url, request: { fetch: fetchImpl } }).request("GET /x").then(
        () => expect.unreachable("the request succeeded"),
        (e: unknown) => e as RequestError,
      );
    const [viaHttp, viaFetch] = [await refused(nodeFetch), await refused(fetch)];
    expect(viaHttp).toBeInstanceOf(RequestError);
    expect([viaHttp.status, viaHttp.message]).toEqual([viaFetch.status, viaFetch.message]);
    expect(viaHttp.status).toBe(500);
    expect(viaHttp.message).toMatch(/ECONNREFUSED/);
  });

  it("reads json, text and raw bytes by content type as it does over fetch", async () => {
    const raw = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    api.handle((request, response) => {
      if (request.url === "/json") response.writeHead(200, { "content-type": "application/json" }).end('{"a":1}');
      else if (request.url === "/raw") response.writeHead(200, { "content-type": "application/octet-stream" }).end(raw);
      else response.writeHead(200, { "content-type": "application/vnd.github.raw; charset=utf-8" }).end("# doc\n");
    });
    const [json, bytes, text] = await Promise.all(
      ["/json", "/raw", "/text"].map((path) => octokit(nodeFetch).request(`GET ${path}`)),
    );
    expect(json!.data).toEqual({ a: 1 });
    expect(Buffer.from(bytes!.data as ArrayBuffer)).toEqual(raw);
    expect(text!.data).toBe("# doc\n");
    expect(json!.url).toBe(`${api.url}/json`);
  });

  it("returns a 204 with no data", async () => {
    api.handle((_request, response) => response.writeHead(204).end());
    const response = await octokit(nodeFetch).request("DELETE /repos/o/r/git/refs/x");
    expect([response.status, response.data]).toEqual([204, ""]);
  });
});

describe("the transport a process gets", () => {
  it("is node:http, proxied or not, on a Node whose agents honour NODE_USE_ENV_PROXY", () => {
    for (const node of ["24.5.0", "24.21.0", "22.21.0", "25.1.0", "26.0.0"]) {
      expect(transportFor({}, node)).toBe(nodeFetch);
      expect(transportFor({ NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: "http://proxy:3128" }, node)).toBe(nodeFetch);
    }
  });

  it("stays fetch for a proxied process on a Node whose fetch honours the proxy and whose agents do not", () => {
    for (const node of ["24.0.0", "24.4.1", "22.20.0", "23.11.0"]) {
      expect(transportFor({ NODE_USE_ENV_PROXY: "1" }, node)).toBe(globalThis.fetch);
      expect(transportFor({ NODE_OPTIONS: "--max-old-space-size=512 --use-env-proxy" }, node)).toBe(globalThis.fetch);
      expect(transportFor({}, node)).toBe(nodeFetch);
    }
  });
});
