import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../src/cli/main.js";
import type { PreviewJson } from "../src/cli/preview.js";

const fixtures = path.join(import.meta.dirname, "fixtures", "cli");

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A document with a pasted .env, an email address and a Windows home path; secrets made fresh each run. */
async function leakyDocument() {
  const secret = randomBytes(24).toString("base64url");
  const dbPassword = randomBytes(12).toString("hex");
  const text = [
    "# Deploy the staging fix",
    "",
    "## Context",
    "Ping carol.nguyen@example.org if the deploy fails. My checkout is in",
    "C:\\Users\\Carol Nguyen\\src\\shop\\deploy.ps1 and the log is next to it.",
    "",
    "```env",
    `STRIPE_SECRET_KEY=${secret}`,
    `DATABASE_PASSWORD=${dbPassword}`,
    "PORT=3000",
    "```",
    "",
    "## Next steps",
    "1. Re-run `deploy.ps1` against staging.",
    "",
  ].join("\n");
  const dir = await mkdtemp(path.join(tmpdir(), "handoff-cli-"));
  const file = path.join(dir, "leaky.md");
  await writeFile(file, text);
  return { file, secret, dbPassword };
}

describe("handoff lint", () => {
  it("passes a valid document and exits 0", async () => {
    const result = await run("lint", path.join(fixtures, "valid.md"));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/0 error\(s\)/);
  });

  it("prints file:line:col for malformed frontmatter and exits 1", async () => {
    const file = path.join(fixtures, "bad-yaml.md");
    const result = await run("lint", file);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+ error `, "m"));
  });

  it("reports an unreadable file as an error instead of crashing", async () => {
    const result = await run("lint", path.join(fixtures, "does-not-exist.md"));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/does-not-exist\.md:1:1 error cannot read the file/);
  });

  it("needs at least one file", async () => {
    const result = await run("lint");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/lint needs at least one file/);
  });
});

describe("handoff preview", () => {
  it("prints a redacted issue and a report of what was redacted", async () => {
    const { file, secret, dbPassword } = await leakyDocument();
    const result = await run("preview", file);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Title: +Deploy the staging fix$/m);
    expect(result.out).toMatch(/^Redacted \d+: .*email.*$/m);
    expect(result.out).toMatch(/username/);
    for (const value of [secret, dbPassword, "carol.nguyen@example.org", "Carol Nguyen"]) {
      expect(result.out).not.toContain(value);
    }
    expect(result.out).toContain("PORT=3000");
  });

  it("--json prints one object with the documented keys", async () => {
    const { file, secret } = await leakyDocument();
    const result = await run("preview", file, "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as PreviewJson;
    expect(Object.keys(json).sort()).toEqual([
      "body",
      "kind",
      "kindReason",
      "labels",
      "parent",
      "placements",
      "redactions",
      "sections",
      "title",
      "warnings",
    ]);
    expect(json.kind).toBe("handoff");
    expect(json.labels).toContain("handoff");
    expect(Object.keys(json.sections)).toEqual(expect.arrayContaining(["context", "next-steps"]));
    expect(json.redactions.kinds.email).toBe(1);
    expect(json.redactions.total).toBeGreaterThanOrEqual(3);
    expect(result.out).not.toContain(secret);
  });

  it("--json says which rule placed each section, and why the kind is what it is", async () => {
    const result = await run("preview", path.join(fixtures, "valid.md"), "--json");
    const json = JSON.parse(result.out) as PreviewJson;
    expect(json.placements).toEqual([
      { line: 9, heading: "Reason", section: "reason", rule: 'alias "reason"' },
      { line: 12, heading: "Next steps", section: "next-steps", rule: 'alias "next steps"' },
    ]);
    expect(json.kindReason).toBe("no sign of a return (no `kind: return`, return title, verdict or report back)");
  });

  it("resolves a #12 parent against --repo", async () => {
    const result = await run("preview", path.join(fixtures, "valid.md"), "--json", "--repo", "octo-org/widgets");
    expect((JSON.parse(result.out) as PreviewJson).parent).toBe("octo-org/widgets#12");
  });
});

describe("handoff new", () => {
  it("writes a template under the directory that lints clean", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "handoff-new-")), ".handoffs");
    const result = await run("new", "Fix the flaky login test", "--dir", dir);
    expect(result.code).toBe(0);
    const file = /Wrote (.*)$/.exec(result.out)?.[1] ?? "";
    expect(path.basename(file)).toMatch(/^\d{4}-\d{2}-\d{2}-fix-the-flaky-login-test\.md$/);
    expect(await readFile(file, "utf8")).toMatch(/^title: "Fix the flaky login test"$/m);
    expect((await run("lint", "--strict", file)).code).toBe(0);
  });

  it("never overwrites an existing handoff: the same title on the same day gets a numbered suffix", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "handoff-new-"));
    const first = /Wrote (.*)$/.exec((await run("new", "Same title", "--dir", dir)).out)?.[1] ?? "";
    await writeFile(first, "my own notes\n");
    const second = await run("new", "Same title", "--dir", dir);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/\d{4}-\d{2}-\d{2}-same-title-2\.md$/);
    expect(await readFile(first, "utf8")).toBe("my own notes\n");
  });
});

describe("the installed bin", () => {
  const bin = path.join(import.meta.dirname, "..", "bin", "handoff.js");
  const built = existsSync(path.join(import.meta.dirname, "..", "lib", "src", "cli", "main.js"));

  it.runIf(built)("runs from the compiled library and exits with lint's code", async () => {
    const exec = promisify(execFile);
    const failure = await exec(process.execPath, [bin, "lint", path.join(fixtures, "bad-yaml.md")]).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect("code" in failure ? failure.code : 0).toBe(1);
    const ok = await exec(process.execPath, [bin, "--version"]);
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
