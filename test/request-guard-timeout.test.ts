// The App's per-attempt bound (src/github/scoped-timeout.ts through src/app/request-guard.ts): a request that never
// answers, or whose body stalls after the headers, is cut off at the bound; a request that finished leaves no timer
// behind to abort it later.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Octokit } from "@octokit/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guardRequests } from "../src/app/request-guard.js";

const BOUND_MS = 100;

let server: Server;
let baseUrl: string;
let answer: (url: string, res: ServerResponse) => void;

beforeEach(async () => {
  server = createServer((req, res) => answer(req.url ?? "", res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A guarded client whose fetch records the signal of each attempt. */
function guarded(signals: AbortSignal[] = []) {
  const octokit = new Octokit({
    baseUrl,
    request: {
      fetch: (input: string, init?: RequestInit) => {
        if (init?.signal) signals.push(init.signal);
        return fetch(input, init);
      },
    },
  });
  guardRequests(octokit as unknown as Parameters<typeof guardRequests>[0], { timeoutMs: BOUND_MS });
  return octokit;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the App's per-attempt request bound", () => {
  it("fails a request that never answers, naming it", async () => {
    answer = () => undefined;
    await expect(guarded().request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" })).rejects.toThrow(
      `GitHub did not answer GET ${baseUrl}/repos/o/r within 0.1 s`,
    );
  });

  it("cuts off a body that stalls after the headers, instead of waiting for it forever", async () => {
    answer = (_url, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
    };
    const started = performance.now();
    const settled = await guarded()
      .request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" })
      .then(
        () => "settled",
        () => "settled",
      );
    expect(settled).toBe("settled");
    expect(performance.now() - started).toBeGreaterThanOrEqual(BOUND_MS - 5);
  });

  it("leaves no timer behind once a request is over: its signal is never aborted afterwards", async () => {
    answer = (_url, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"id":1}');
    const signals: AbortSignal[] = [];
    const { data } = await guarded(signals).request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" });
    expect(data).toEqual({ id: 1 });
    await sleep(BOUND_MS * 3);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
  });
});
