// The committed bundle switches V8's TurboFan off once its first request is out (src/action/v8-tiers.ts): filing
// a 60 KB comment, whose redaction loops run hot enough for TurboFan otherwise, compiles nothing with it, while
// Maglev still compiles hot code. V8's own trace of its compiles, switched on by a preload, is the witness.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FakeGitHub } from "./support/fake-github/index.js";
import { commentPayload } from "./support/payloads.js";
import { realisticHandoff } from "../bench/documents.js";
import { runAction, tempDir } from "./action-harness.js";
import { freshGitHubEachTest } from "./action-fresh-github.js";

let github: FakeGitHub;
freshGitHubEachTest((fresh) => (github = fresh));

describe("the Action's V8 tiers", () => {
  it("compiles hot code with Maglev and none with TurboFan when filing a 60 KB comment", async () => {
    const body = `/handoff\n${realisticHandoff(60 * 1024, 5)}`;
    const thread = github.seedIssue({ title: "Sync worker loops on 422", user: "alice" });
    const comment = github.seedComment({ issueNumber: thread.number, body, user: "alice" });
    const payload = commentPayload({
      body,
      issueNumber: thread.number,
      commentId: comment.id,
      user: { login: "alice" },
    });
    const preload = join(tempDir("handoff-v8-tiers-"), "trace.mjs");
    writeFileSync(preload, 'process.getBuiltinModule("node:v8").setFlagsFromString("--trace-opt");\n');
    const run = await runAction({
      github,
      inputs: { mode: "file" },
      event: { name: "issue_comment", payload },
      env: { NODE_OPTIONS: `--import=${preload}` },
      via: "bundle",
    });
    expect(run.code).toBe(0);
    expect(github.state.issues.length).toBe(2);
    const compiled = run.stdout.split("\n").filter((line) => /^\[completed (compiling|optimizing) /.test(line));
    expect(compiled.filter((line) => line.includes("(target MAGLEV)")).length).toBeGreaterThan(0);
    expect(compiled.filter((line) => line.includes("TURBOFAN"))).toEqual([]);
  });
});
