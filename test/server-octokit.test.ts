// The Octokit a fleet builds on: every installation gets its own throttle key (Probot's clustered limiter is
// otherwise shared by all of them under "no-id"), and GitHub's remaining rate limit is reported per installation.
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { clusteredSpacing, fleetOctokit, perInstallationThrottle } from "../src/server/octokit.js";
import { startFakeGitHub, type FakeGitHub } from "./support/fake-github/index.js";

/** Octokit's option types demand the throttle's handlers; these specs only look at the key. */
const options = (o: object) => o as NonNullable<Parameters<typeof perInstallationThrottle>[0]>;

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

it("keys an installation's client by its installation id, keeping the throttle options Probot set", () => {
  const keyed = perInstallationThrottle(
    options({ auth: { installationId: 42 }, throttle: { enabled: true, id: undefined } }),
  );
  expect(keyed.throttle).toEqual({ enabled: true, id: "inst-42" });
});

it("leaves the App's own client (no installation) as it is", () => {
  const app = options({ auth: { appId: 1 }, throttle: { enabled: true } });
  expect(perInstallationThrottle(app)).toBe(app);
});

it("gives two installations different keys, so one's writes never wait for the other's", () => {
  const ids = [42, 43].map(
    (installationId) => perInstallationThrottle(options({ auth: { installationId } })).throttle?.id,
  );
  expect(ids).toEqual(["inst-42", "inst-43"]);
});

it("applies the key after the options Probot passes, whatever they hold", () => {
  const seen: unknown[] = [];
  const Recording = ProbotOctokit.defaults((options: Record<string, unknown>) => {
    seen.push(options["throttle"]);
    return { ...options, auth: { token: "t" }, throttle: { enabled: false } };
  });
  new (fleetOctokit(Recording))(options({ auth: { installationId: 7 }, throttle: { id: "no-id" } }));
  expect(seen).toEqual([{ id: "inst-7" }]);
});

it("reports x-ratelimit-remaining from GitHub's answers", async () => {
  github = await startFakeGitHub({ repos: [{ owner: "octo-org", name: "widgets", id: 186853002 }] });
  const reported: Array<[string, number]> = [];
  const Octokit = fleetOctokit(ProbotOctokit, (installation, remaining) => reported.push([installation, remaining]));
  const octokit = new Octokit({
    auth: { token: "t" },
    baseUrl: github.url,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
  await octokit.rest.repos.get({ owner: "octo-org", repo: "widgets" });
  expect(reported).toEqual([["app", 4999]]);
});

describe("clustered write spacing (REDIS_URL)", () => {
  // Bottleneck's groups touch their connection only when a key's limiter is first used.
  const connection = { clustered: "stand-in" };
  type Group = { limiterOptions: { maxConcurrent: number | null; minTime: number } };

  it("spaces writes 1 s and content-creating writes 3 s apart, with no one-at-a-time slot a dead process could keep", () => {
    const throttle = clusteredSpacing(options({ throttle: { connection } })).throttle as unknown as {
      write: Group;
      notifications: Group;
    };
    expect(throttle.write.limiterOptions).toMatchObject({ maxConcurrent: null, minTime: 1_000 });
    expect(throttle.notifications.limiterOptions).toMatchObject({ maxConcurrent: null, minTime: 3_000 });
  });

  it("leaves plugin-throttling's own groups in place for a single process", () => {
    const single = options({ throttle: { enabled: true } });
    expect(clusteredSpacing(single)).toBe(single);
  });
});
