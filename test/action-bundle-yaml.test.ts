// The committed bundle runs `yaml` only when a frontmatter needs it (scripts/bundle.mjs, lazyYaml): a flat
// frontmatter is read without it, and a nested one through a stand-in that loads yaml on first call. The witness
// that yaml ran is its own module code, which asks for `Symbol.for("yaml.alias")` and its siblings; and what the
// stand-in reads must be what yaml itself reads, so the bundle's issue is compared with the one run() files from
// the sources, which import yaml directly.
import { describe, expect, it } from "vitest";
import { commentPayload } from "./support/payloads.js";
import { chunksHolding, recordingPreload, runAction, startGitHub } from "./action-harness.js";

const BODY = ["# Stop the sync worker retrying client errors", "", "## Scope", "Only `src/sync/worker.ts`."];
const FLAT = ["---", "title: Stop retrying client errors", "labels: [sync, reliability]", "---", ...BODY];
// Block lists, a comment and a number: nothing the flat reader takes, so yaml reads it.
const NESTED = [
  "---",
  "title: Stop retrying client errors # the short form",
  "labels:",
  "  - sync",
  "  - reliability",
  "parent: 1",
  "---",
  ...BODY,
];

/** Files the document as a `/handoff` comment on a fresh fake GitHub; the new issue, and whether yaml ran. */
async function file(lines: string[], via: "bundle" | "in-process", config?: string) {
  const github = await startGitHub();
  if (config !== undefined) github.commit({ changes: { ".github/handoff.yml": config } });
  const body = `/handoff\n${lines.join("\n")}\n`;
  const thread = github.seedIssue({ title: "Sync worker loops on 422", user: "alice" });
  const comment = github.seedComment({ issueNumber: thread.number, body, user: "alice" });
  const payload = commentPayload({ body, issueNumber: thread.number, commentId: comment.id, user: { login: "alice" } });
  const symbols = recordingPreload("--import", (seen) => [
    'const { appendFileSync } = process.getBuiltinModule("node:fs");',
    "const symbolFor = Symbol.for;",
    `Symbol.for = (key) => { if (String(key).startsWith("yaml.")) appendFileSync(${seen}, key + "\\n"); return symbolFor(key); };`,
  ]);
  const before = github.state.issues.length;
  const run = await runAction({
    github,
    inputs: { mode: "file" },
    event: { name: "issue_comment", payload },
    env: { NODE_OPTIONS: symbols.nodeOptions },
    via,
  });
  const filed = github.state.issues.length - before;
  expect(github.violations).toEqual([]);
  const issue = github.state.issues.at(-1)!;
  await github.close();
  const errors = run.stdout.split("\n").filter((line) => line.startsWith("::error"));
  return { run, filed, errors, issue, yamlRan: symbols.recorded().includes("yaml.alias") };
}

describe("the Action bundle's yaml", () => {
  it("is a file of its own, which no ES module of the bundle holds, so a run that needs no yaml never compiles it", () => {
    expect(chunksHolding('Symbol.for("yaml.alias")')).toEqual(["yaml.cjs"]);
  });

  it("never runs for a document whose frontmatter is flat", async () => {
    const { run, filed, issue, yamlRan } = await file(FLAT, "bundle");
    expect(run.code, run.stderr).toBe(0);
    expect(filed).toBe(1);
    expect(issue.title).toBe("Stop retrying client errors");
    expect(yamlRan).toBe(false);
  });

  it("runs for a nested frontmatter, and reads it as yaml does from the sources", async () => {
    const bundled = await file(NESTED, "bundle");
    expect(bundled.run.code, bundled.run.stderr).toBe(0);
    expect(bundled.filed).toBe(1);
    expect(bundled.yamlRan).toBe(true);
    expect(bundled.issue.title).toBe("Stop retrying client errors");
    const sources = await file(NESTED, "in-process");
    const shape = (issue: typeof bundled.issue) => ({
      title: issue.title,
      labels: issue.labels,
      body: issue.body,
    });
    expect(shape(bundled.issue)).toEqual(shape(sources.issue));
  });

  it("reads the repository's config with yaml, and reports YAML it cannot read as the sources do", async () => {
    const valid = await file(FLAT, "bundle", "minimum_permission: write\n");
    expect(valid.run.code, valid.run.stderr).toBe(0);
    expect(valid.yamlRan).toBe(true);
    const broken = "trusted: [renovate\n";
    const bundled = await file(FLAT, "bundle", broken);
    const sources = await file(FLAT, "in-process", broken);
    expect(bundled.filed).toBe(0);
    expect(bundled.errors.join("\n")).toContain("could not be read as YAML");
    expect(bundled.errors).toEqual(sources.errors);
  });
});
