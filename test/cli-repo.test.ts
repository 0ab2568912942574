// The CLI in the repository it runs in: the git remote names the repository, `.github/handoff.yml` sets labels,
// extra patterns and the directory, and lint stops what redaction would remove before it reaches git history.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../src/cli/main.js";
import type { PreviewJson } from "../src/cli/preview.js";
import { parseRemoteUrl } from "../src/cli/repo-context.js";

const exec = promisify(execFile);
const fixtures = path.join(import.meta.dirname, "fixtures", "cli");

async function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(argv, io, cwd);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A fresh git repository with an `origin` remote and, optionally, `.github/handoff.yml`. */
async function repository(remote: string, config?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "handoff-repo-"));
  await exec("git", ["init", "-q", dir]);
  await exec("git", ["-C", dir, "remote", "add", "origin", remote]);
  if (config !== undefined) {
    await mkdir(path.join(dir, ".github"));
    await writeFile(path.join(dir, ".github", "handoff.yml"), config);
  }
  return dir;
}

describe("parseRemoteUrl", () => {
  it.each([
    ["https://github.com/acme/shop.git", "github.com", "acme", "shop"],
    ["https://github.com/acme/shop", "github.com", "acme", "shop"],
    ["https://x-access-token:abc@github.com/acme/shop.git", "github.com", "acme", "shop"],
    ["git@github.com:acme/shop.git", "github.com", "acme", "shop"],
    ["github.com:acme/shop", "github.com", "acme", "shop"],
    ["ssh://git@github.com/acme/shop.git", "github.com", "acme", "shop"],
    ["ssh://git@ghe.example.com:2222/acme/shop.git", "ghe.example.com", "acme", "shop"],
    ["https://GHE.example.com/acme/shop.js.git/", "ghe.example.com", "acme", "shop.js"],
    ["git://github.com/acme/shop.git", "github.com", "acme", "shop"],
  ])("reads %s as %s/%s/%s", (url, host, owner, repo) => {
    expect(parseRemoteUrl(url)).toEqual({ host, owner, repo });
  });

  it.each(["/srv/git/shop.git", "file:///srv/git/shop.git", "C:\\\\repos\\\\shop", "https://github.com/acme", ""])(
    "reads %j as no repository",
    (url) => {
      expect(parseRemoteUrl(url)).toBeNull();
    },
  );
});

describe("handoff preview in a repository", () => {
  it("resolves #41 against the repository of the git remote, not local/repository", async () => {
    const repo = await repository("git@github.com:acme/shop.git");
    await copyFile(path.join(fixtures, "ticket-and-parent.md"), path.join(repo, "handoff.md"));
    const result = await run(repo, "preview", "handoff.md", "--json");
    expect(result.code).toBe(0);
    const preview = JSON.parse(result.out) as PreviewJson;
    expect(preview.parent).toBe("acme/shop#41");
    expect(preview.body).not.toContain("local/repository");
  });

  it("applies the labels and extra patterns of .github/handoff.yml", async () => {
    const config = [
      "labels: [agent-work]",
      "redact:",
      "  extra_patterns:",
      "    - kind: ticket",
      '      pattern: "TCK-[0-9]{5}"',
      "",
    ].join("\n");
    const repo = await repository("https://github.com/acme/shop.git", config);
    await copyFile(path.join(fixtures, "ticket-and-parent.md"), path.join(repo, "handoff.md"));
    const preview = JSON.parse((await run(repo, "preview", "handoff.md", "--json")).out) as PreviewJson;
    expect(preview.labels).toContain("agent-work");
    expect(preview.body).not.toContain("TCK-58213");
    expect(preview.redactions.kinds).toEqual({ ticket: 1 });
  });

  it("refuses, naming the setting, when .github/handoff.yml is invalid, as the App would", async () => {
    const repo = await repository("https://github.com/acme/shop.git", "labels: agent-work\n");
    await copyFile(path.join(fixtures, "ticket-and-parent.md"), path.join(repo, "handoff.md"));
    const result = await run(repo, "preview", "handoff.md");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/\.github\/handoff\.yml.*not valid[\s\S]*`labels`/);
  });
});

describe("handoff new in a repository", () => {
  it("writes under the directory: of .github/handoff.yml, from the top of the working tree", async () => {
    const repo = await repository("https://github.com/acme/shop.git", "directory: docs/handoffs/\n");
    await mkdir(path.join(repo, "src"));
    const result = await run(path.join(repo, "src"), "new", "Fix the flaky login test");
    expect(result.code).toBe(0);
    expect(await readdir(path.join(repo, "docs", "handoffs"))).toEqual([
      expect.stringMatching(/-fix-the-flaky-login-test\.md$/),
    ]);
  });

  it("keeps a non-ASCII title readable in the file name", async () => {
    const repo = await repository("https://github.com/acme/shop.git");
    expect((await run(repo, "new", "ログインのテストを直す")).code).toBe(0);
    expect((await run(repo, "new", "Café: überprüfen")).code).toBe(0);
    expect((await readdir(path.join(repo, ".handoffs"))).sort()).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}-cafe-uberprufen\.md$/),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}-ログインのテストを直す\.md$/),
    ]);
  });

  it("gives a second non-ASCII title of the same day a suffix instead of failing", async () => {
    const repo = await repository("https://github.com/acme/shop.git");
    expect((await run(repo, "new", "修复登录测试")).code).toBe(0);
    const second = await run(repo, "new", "修复登录测试");
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/-修复登录测试-2\.md$/);
  });
});

describe("handoff lint, the gate before git history", () => {
  /** A pasted .env with fresh values, so no real-looking secret is committed as a fixture. */
  async function pastedEnv(dir: string) {
    const values = {
      stripe: `sk_live_${randomBytes(18).toString("hex")}`,
      github: `ghp_${randomBytes(27).toString("base64url").replace(/[-_]/g, "q").slice(0, 36)}`,
      password: randomBytes(12).toString("hex"),
    };
    const text = [
      "# Deploy the fix",
      "",
      "## Context",
      "My .env, for reference:",
      "",
      "```",
      `STRIPE_SECRET_KEY=${values.stripe}`,
      `GITHUB_TOKEN=${values.github}`,
      `DATABASE_PASSWORD=${values.password}`,
      "PORT=3000",
      "```",
      "",
    ].join("\n");
    await writeFile(path.join(dir, "deploy.md"), text);
    return values;
  }

  it("fails with file:line:col and the kind of each secret, and never prints a value", async () => {
    const repo = await repository("https://github.com/acme/shop.git");
    const values = await pastedEnv(repo);
    const result = await run(repo, "lint", "deploy.md");
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^deploy\.md:7:\d+ error Would be redacted: [a-z-]+.* \[redaction\]$/m);
    expect(result.out).toMatch(/^deploy\.md:8:\d+ error Would be redacted: github-token.* \[redaction\]$/m);
    expect(result.out).toMatch(/^deploy\.md:9:\d+ error Would be redacted: [a-z-]+.* \[redaction\]$/m);
    expect(result.out).not.toMatch(/^deploy\.md:10:/m);
    for (const value of Object.values(values)) expect(result.out + result.err).not.toContain(value);
  });

  it("points at the column where the secret starts", async () => {
    const repo = await repository("https://github.com/acme/shop.git");
    await pastedEnv(repo);
    const result = await run(repo, "lint", "deploy.md");
    expect(result.out).toMatch(/^deploy\.md:8:14 error /m);
  });

  it("uses the repository's extra patterns", async () => {
    const config = ["redact:", "  extra_patterns:", "    - kind: ticket", '      pattern: "TCK-[0-9]{5}"', ""].join(
      "\n",
    );
    const repo = await repository("https://github.com/acme/shop.git", config);
    await copyFile(path.join(fixtures, "ticket-and-parent.md"), path.join(repo, "handoff.md"));
    const result = await run(repo, "lint", "handoff.md");
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^handoff\.md:7:17 error Would be redacted: ticket\. /m);
  });

  it("warns on an empty file", async () => {
    const result = await run(fixtures, "lint", "empty.md");
    expect(result.out).toMatch(/^empty\.md:1:1 warning The file is empty\..* \[empty\]$/m);
    expect((await run(fixtures, "lint", "--strict", "empty.md")).code).toBe(1);
  });

  it("warns on a binary file instead of reading it as a document", async () => {
    const result = await run(fixtures, "lint", "screenshot.md");
    expect(result.out).toMatch(/^screenshot\.md:1:1 warning The file is not UTF-8 text.* \[binary\]$/m);
    expect(result.out).toMatch(/0 error\(s\), 1 warning\(s\)/);
  });

  it("warns on a status the tools do not act on, at its line", async () => {
    const result = await run(fixtures, "lint", "status-finished.md");
    expect(result.out).toMatch(
      /^status-finished\.md:3:1 warning Unknown status "finished"\. \(Use `done`, `partial`, `blocked`; only `done` closes the handoff issue\) \[unknown-status\]$/m,
    );
  });
});
