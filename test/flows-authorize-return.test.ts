import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeReturn } from "../src/flows/policy.js";
import { startFakeGitHub, type FakeGitHub } from "./support/fake-github/index.js";

const repo = { owner: "octo-org", repo: "widgets" };
let github: FakeGitHub;
let gh: Octokit;

beforeAll(async () => {
  github = await startFakeGitHub({
    repos: [{ owner: "octo-org", name: "widgets", private: true }],
    permissions: { "octo-org/widgets": { alice: "write", claude: "read" } },
  });
  gh = new Octokit({ baseUrl: github.url, auth: "x" });
});
afterAll(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

describe("authorizeReturn", () => {
  const policy = { trusted: ["claude", "Codex-Agent[bot]"], minimum_permission: "write" as const };

  it("trusts the bot an entry names, with or without its [bot] suffix, in any letter case", async () => {
    expect((await authorizeReturn(gh, repo, "claude[bot]", policy)).allowed).toBe(true);
    expect((await authorizeReturn(gh, repo, "codex-agent[bot]", policy)).allowed).toBe(true);
  });

  it("never trusts a person by name: a user called claude needs the minimum permission like anyone", async () => {
    const verdict = await authorizeReturn(gh, repo, "claude", policy);
    expect(verdict).toEqual({ allowed: false, why: "claude has read permission (minimum write)" });
  });

  it("accepts a writer who is not listed", async () => {
    expect((await authorizeReturn(gh, repo, "alice", policy)).allowed).toBe(true);
  });
});
