// `handoff lint`'s warnings about what a handoff says (src/core/lint/structure.ts): no reason, no next step, a
// generic title.
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../src/cli/lint.js";
import { genericKey, GENERIC_TITLES, structureWarnings } from "../src/core/lint/structure.js";
import { parseHandoff } from "../src/core/parse.js";

const path = (name: string): string => fileURLToPath(new URL(`fixtures/lint/${name}`, import.meta.url));
const codes = (name: string): string[] =>
  structureWarnings(parseHandoff(readFileSync(path(name), "utf8"))).map((d) => d.code);

describe("structure warnings", () => {
  it("finds nothing in a handoff with a reason, a next step and a specific title", () => {
    expect(codes("complete.md")).toEqual([]);
  });

  it("warns when a handoff does not say why it is handed off", () => {
    expect(codes("no-reason.md")).toEqual(["no-reason"]);
  });

  it("counts a frontmatter reason as a stated reason", () => {
    expect(codes("no-next-step.md")).not.toContain("no-reason");
  });

  it("warns when a handoff names no next step", () => {
    expect(codes("no-next-step.md")).toEqual(["no-next-step"]);
  });

  it("warns on a generic title, on the line of its heading", () => {
    const [finding] = structureWarnings(parseHandoff(readFileSync(path("generic-title.md"), "utf8")));
    expect(finding).toMatchObject({ code: "generic-title", severity: "warning", line: 5, column: 1 });
  });

  it("reads titles such as `HANDOFF.md`, `Handoff 2025-01-12` and `Status:` as generic, and a named piece of work as not", () => {
    for (const title of ["HANDOFF.md", "Handoff 2025-01-12", "Status:", "SESSION_HANDOFF", "Übergabe"]) {
      expect(GENERIC_TITLES.has(genericKey(title)), title).toBe(true);
    }
    expect(GENERIC_TITLES.has(genericKey("Handoff: webhook signatures"))).toBe(false);
  });

  it("leaves a return alone: it reports back, it hands nothing off", () => {
    expect(codes("return.md")).toEqual([]);
  });
});

describe("handoff lint", () => {
  it("prints each warning as file:line:col with its hint and code, and counts it as a warning", async () => {
    const outcome = await lintFiles([path("no-reason.md")]);
    expect(outcome).toMatchObject({ errors: 0, warnings: 1 });
    expect(outcome.lines).toEqual([
      `${path("no-reason.md")}:1:1 warning The handoff does not say why the work is handed off (add a \`## Reason\` section or \`reason:\` to the frontmatter, in a sentence or two) [no-reason]`,
    ]);
  });
});
