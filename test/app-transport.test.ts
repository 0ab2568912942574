// The App sends its requests over node:http(s) (src/github/http-fetch.ts, the Action's transport), not Node's
// fetch: the same requests and answers for less CPU per request (src/app/request-guard.ts says how much). The
// harness records what reaches GitHub on either transport (nock intercepts both), so this pins which one is used.
import { afterEach, expect, it, vi } from "vitest";
import { commentPayload, delivery } from "./support/payloads.js";
import { documentFixture, loadedProbot, useApp } from "./fixtures/app/harness.js";

const app = useApp();

afterEach(() => {
  vi.restoreAllMocks();
});

it("files a /handoff through node:http, with no repository request through fetch", async () => {
  const viaFetch = vi.spyOn(globalThis, "fetch");
  app.github.permissions.set("Codertocat", "write");
  const probot = await loadedProbot();
  await probot.receive(delivery("issue_comment", commentPayload({ body: `/handoff\n${documentFixture("simple")}` })));

  expect(app.github.ours()).toHaveLength(1);
  const repositoryRequests = app.apiRequests().filter((r) => r.path.startsWith("/repos/"));
  expect(repositoryRequests.length).toBeGreaterThanOrEqual(5);
  const fetched = viaFetch.mock.calls.map(([input]) => String(input instanceof Request ? input.url : input));
  expect(fetched.filter((url) => new URL(url).pathname.startsWith("/repos/"))).toEqual([]);
});
