// The Action's waits between attempts, as production has them. Every other in-process Action test shortens
// these waits to milliseconds (test/action-harness.ts) so that a fault costs no real seconds; this file builds
// the client exactly as run() does and holds the schedule to what it is, on a fake clock.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createGitHub } from "../src/action/octokit.js";
import type { Log } from "../src/github/client.js";
import { defaultErrorBody, secondaryRateLimit } from "./support/fake-github/faults.js";
import { useNock } from "./support/nock.js";

const API = "https://api.github.com";
const ISSUE = "/repos/octo-org/widgets/issues/12";
const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

describe("the Action's GitHub client, on production's schedule", () => {
  useNock();
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * Milliseconds from the first attempt to each, while the fake clock runs 20 s forward. GitHub gives the same
   * answer `attempts` times; an attempt beyond those matches nothing, and useNock fails the test.
   */
  async function attemptTimes(
    answer: { status: number; headers?: Record<string, string>; body: unknown },
    attempts: number,
  ): Promise<{ times: number[]; outcome: unknown }> {
    const times: number[] = [];
    nock(API)
      .get(ISSUE)
      .times(attempts)
      .reply(() => {
        times.push(Date.now());
        return [answer.status, answer.body, answer.headers ?? {}];
      });
    const gh = createGitHub("ghs_test", API, quiet);
    const outcome = gh
      .request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: "octo-org",
        repo: "widgets",
        issue_number: 12,
      })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(20_000);
    return { times: times.map((t) => t - times[0]!), outcome: await outcome };
  }

  it("retries a 5xx three times, after 1 s, 4 s and 9 s, then fails with GitHub's answer", async () => {
    const { times, outcome } = await attemptTimes({ status: 502, body: defaultErrorBody(502) }, 4);
    expect(times).toEqual([0, 1_000, 5_000, 14_000]);
    expect(outcome).toMatchObject({ status: 502 });
  });

  it("waits out a secondary rate limit's retry-after, twice at most, then fails with GitHub's answer", async () => {
    const limit = secondaryRateLimit(3);
    const { times, outcome } = await attemptTimes(
      { status: limit.status!, headers: limit.headers!, body: limit.body },
      3,
    );
    // Three seconds each, give or take the throttling queue's own few milliseconds of bookkeeping.
    expect(times).toHaveLength(3);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(3_000);
      expect(gap).toBeLessThan(3_100);
    }
    expect(outcome).toMatchObject({ status: 403 });
  });
});
