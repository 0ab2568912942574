// The Action's client between its requests. Each request passes three of Bottleneck's limiters (the retry plugin's,
// the throttling plugin's retries and all requests; writes one or two more), and each yielded three times per job,
// then ran it, on `setTimeout(…, 0)`, which Node holds for at least 1 ms: 15 to 20 ms of an idle process per request.
// Those zero waits go through setImmediate now; the waits Bottleneck is asked for (a retry-after) still go through
// setTimeout (test/action-retry-schedule.test.ts holds those to production's).
import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createGitHub } from "../src/action/octokit.js";
import type { Log } from "../src/github/client.js";
import { useNock } from "./support/nock.js";

const API = "https://api.github.com";
const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

describe("the Action's GitHub client, between requests", () => {
  useNock();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("sets no zero-delay timer for a request: its limiters' yields and runs are immediates", async () => {
    nock(API).get("/repos/octo-org/widgets/issues/12").reply(200, { number: 12 });
    const gh = createGitHub("ghs_test", API, quiet);
    const timers = vi.spyOn(globalThis, "setTimeout");
    const read = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: "octo-org",
      repo: "widgets",
      issue_number: 12,
    });
    expect(read.status).toBe(200);
    const zeroDelay = timers.mock.calls.filter(([, delay]) => !delay);
    // Three limiters (the retry plugin's, the throttling plugin's retries and all requests), four timers each: twelve
    // when they yielded and ran on timers.
    expect(zeroDelay).toEqual([]);
  });
});
