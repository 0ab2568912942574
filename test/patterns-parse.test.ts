import { describe, expect, it } from "vitest";
import { checkPattern } from "./support/recheck.js";
import { PARSE_PATTERNS } from "../src/core/parse.js";

// Every hand-written pattern of the parser runs on untrusted text; recheck proves none of them backtracks
// catastrophically (exponential or polynomial), the way the classic e-mail pattern did.
describe("parser patterns", () => {
  it("include the patterns of every parser module", () => {
    const modules = new Set(Object.keys(PARSE_PATTERNS).map((name) => name.split(".")[0]));
    expect([...modules].sort()).toEqual([
      "classify",
      "frontmatter",
      "kind",
      "labels",
      "metadata",
      "normalise",
      "pointers",
      "schema",
      "sections",
      "title",
    ]);
  });

  it.each(Object.entries(PARSE_PATTERNS))("%s is safe from catastrophic backtracking", async (_name, pattern) => {
    const diagnostics = await checkPattern(pattern);
    expect(
      diagnostics.status === "vulnerable"
        ? { status: diagnostics.status, attack: diagnostics.attack.pattern }
        : diagnostics.status,
    ).toBe("safe");
  });
});
