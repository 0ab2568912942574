// Proxies, from the committed bundle as a runner starts it, against the fake GitHub behind TLS with a CA of the
// test's own (as a GitHub Enterprise Server with an internal CA, trusted through NODE_EXTRA_CA_CERTS). The Action
// talks to GitHub over node:https (src/github/http-fetch.ts), whose global agents honour HTTPS_PROXY, HTTP_PROXY
// and NO_PROXY when NODE_USE_ENV_PROXY=1, as Node's fetch did before it: a self-hosted runner behind a proxy that
// sets both keeps working, and one that sets only HTTPS_PROXY goes direct, as before.
import { createServer, request as forward, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeGitHub } from "./support/fake-github/index.js";
import { certificate, startTlsFront, type Certificate, type TlsFront } from "./support/tls-front.js";
import { APP_BOT, readyEvent, runAction, seedHandoffIssue, startGitHub } from "./action-harness.js";

/** A forward proxy: CONNECT tunnels (HTTPS) and absolute-form requests (plain HTTP), each recorded. */
async function startProxy(): Promise<{ url: string; carried: string[]; close(): Promise<void> }> {
  const carried: string[] = [];
  const server: Server = createServer((request, response) => {
    carried.push(`${request.method} ${request.url}`);
    const upstream = forward(request.url!, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on("connect", (request, client, head) => {
    carried.push(`CONNECT ${request.url}`);
    const [host, port] = request.url!.split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    carried,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let tls: Certificate;
let github: FakeGitHub;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let front: TlsFront;
beforeAll(() => {
  tls = certificate();
});
beforeEach(async () => {
  [github, proxy] = await Promise.all([startGitHub(), startProxy()]);
  front = await startTlsFront(github.url, tls);
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await Promise.all([github.close(), proxy.close(), front.close()]);
});

async function pickup(apiUrl: string, env: Record<string, string>) {
  const issue = seedHandoffIssue(github, { user: APP_BOT });
  const run = await runAction({
    github,
    inputs: { mode: "pickup", "trusted-bots": APP_BOT },
    event: readyEvent(issue),
    env: { GITHUB_API_URL: apiUrl, NODE_EXTRA_CA_CERTS: tls.certFile, ...env },
    via: "bundle",
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(github.requests.length).toBeGreaterThan(3);
  return run;
}

describe("the Action behind a proxy", () => {
  it("tunnels HTTPS to the API through HTTPS_PROXY when NODE_USE_ENV_PROXY=1", async () => {
    await pickup(front.url, { NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: proxy.url });
    expect(proxy.carried.length).toBeGreaterThan(0);
    expect(new Set(proxy.carried)).toEqual(new Set([`CONNECT ${front.host}`]));
  });

  it("goes direct for a host in NO_PROXY", async () => {
    await pickup(front.url, { NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: proxy.url, NO_PROXY: "127.0.0.1" });
    expect(proxy.carried).toEqual([]);
  });

  it("goes direct without NODE_USE_ENV_PROXY, as Node's fetch did", async () => {
    await pickup(front.url, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    expect(proxy.carried).toEqual([]);
  });

  it("sends a plain-HTTP API's requests through HTTP_PROXY when NODE_USE_ENV_PROXY=1", async () => {
    await pickup(github.url, { NODE_USE_ENV_PROXY: "1", HTTP_PROXY: proxy.url });
    expect(proxy.carried.length).toBeGreaterThan(0);
  });
});
