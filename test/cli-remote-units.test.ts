// The pure pieces of publish and wait: where the token comes from, how the id is written, which comments count.
import { describe, expect, it } from "vitest";
import { withFrontmatterField } from "../src/core/frontmatter.js";
import { parseHandoff } from "../src/core/parse.js";
import { renderMarker } from "../src/core/marker.js";
import { classifyComment, type ReturnPolicy } from "../src/cli/returns.js";
import type { PolledComment } from "../src/cli/comment-poller.js";
import { parseDuration } from "../src/cli/duration.js";
import { resolveToken } from "../src/cli/token.js";
import { connect } from "../src/cli/connect.js";

describe("the token", () => {
  const gh = async () => "gho_from_gh\n";
  it("is --token first", async () => {
    expect(await resolveToken("t-flag", { GH_TOKEN: "t-gh", GITHUB_TOKEN: "t-github" }, gh)).toEqual({
      token: "t-flag",
      from: "--token",
    });
  });
  it("is GH_TOKEN before GITHUB_TOKEN", async () => {
    expect(await resolveToken(undefined, { GH_TOKEN: "t-gh", GITHUB_TOKEN: "t-github" }, gh)).toMatchObject({
      from: "GH_TOKEN",
    });
  });
  it("asks gh for the API's host last", async () => {
    const asked: string[][] = [];
    const result = await resolveToken(
      undefined,
      { GITHUB_API_URL: "https://ghe.example.com/api/v3" },
      async (args) => (asked.push(args), "gho_x"),
    );
    expect(result).toEqual({ token: "gho_x", from: "gh auth token" });
    expect(asked).toEqual([["auth", "token", "--hostname", "ghe.example.com"]]);
  });
  it("says how to get one when there is none", async () => {
    await expect(resolveToken(undefined, {}, async () => Promise.reject(new Error("gh: not found")))).rejects.toThrow(
      /--token, set GH_TOKEN or GITHUB_TOKEN, or log in with `gh auth login`/,
    );
  });
});

describe("writing the id into the frontmatter", () => {
  it("adds it as the frontmatter's last line, keeping the other bytes", () => {
    const text = "---\ntitle: A\n---\n\n# A\n";
    expect(withFrontmatterField(text, "id", "x-1")).toBe('---\ntitle: A\nid: "x-1"\n---\n\n# A\n');
  });
  it("creates a frontmatter when there is none, and keeps Windows line endings and a BOM", () => {
    expect(withFrontmatterField("\uFEFF# A\r\nbody\r\n", "id", "x-1")).toBe(
      '\uFEFF---\r\nid: "x-1"\r\n---\r\n# A\r\nbody\r\n',
    );
  });
  it("gives a document the parser reads the id from", () => {
    expect(parseHandoff(withFrontmatterField("---\nkind: handoff\n---\nText\n", "id", "abc")!).id).toBe("abc");
  });
  it("refuses an unclosed frontmatter rather than guessing", () => {
    expect(withFrontmatterField("---\ntitle: A\n\n# A\n", "id", "x")).toBeNull();
  });
});

describe("which comments are returns", () => {
  const policy: ReturnPolicy = { appBot: "handoff-app[bot]", trusted: [], trustedBots: ["claude"] };
  const marker = renderMarker({
    v: 1,
    kind: "return",
    source: { type: "issue", repo: "o/r", number: 2, url: "" },
    hash: "h",
    role: "failure",
  });
  const comment = (login: string, type: string, body: string): PolledComment => ({
    id: 1,
    body,
    html_url: "u",
    user: { login, type },
    created_at: "t",
    updated_at: "t",
  });

  it("counts the Action's marked failure note as status failed", () => {
    expect(classifyComment(comment("github-actions[bot]", "Bot", `${marker}\nNo return.`), policy, [])).toMatchObject({
      kind: "return",
      status: "failed",
    });
  });
  it("ignores a person's comment that pastes our marker", () => {
    expect(classifyComment(comment("mallory", "User", `${marker}\nDone!`), policy, [])).toEqual({ kind: "other" });
  });
  it("reads a trusted name in the configuration as a bot, never as a person", () => {
    const body = "/handoff return\n---\nkind: return\nstatus: done\n---\nDone.";
    expect(classifyComment(comment("claude[bot]", "Bot", body), policy, [])).toMatchObject({
      kind: "return",
      status: "done",
    });
    expect(classifyComment(comment("claude", "User", body), policy, [])).toMatchObject({ kind: "ignored" });
  });
});

describe("durations", () => {
  it("reads 30m, 10s, 250ms and bare seconds", () => {
    expect([
      parseDuration("30m", "--timeout"),
      parseDuration("10s", "x"),
      parseDuration("250ms", "x"),
      parseDuration("5", "x"),
    ]).toEqual([1_800_000, 10_000, 250, 5_000]);
  });
  it("names the option in its error", () => {
    expect(() => parseDuration("soon", "--timeout")).toThrow(/--timeout soon is not a duration/);
  });
});

describe("the CLI's client", () => {
  it("names itself handoff-cli to GitHub, not the Action", async () => {
    const { gh } = await connect({ token: "t-flag", repo: "octo-org/widgets", warn: () => undefined });
    const defaults = (gh.request as unknown as { endpoint: { DEFAULTS: { headers: Record<string, string> } } }).endpoint
      .DEFAULTS;
    expect(defaults.headers["user-agent"]).toMatch(/^handoff-cli /);
  });
});
