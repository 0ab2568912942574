import { describe, expect, it } from "vitest";
import { redact } from "../src/core/redact/index.js";
import { PLACEHOLDER_RE } from "../src/core/redact/patterns.js";
import { leakedParts, loadCases, loadFamilies } from "./fixtures/redteam/secrets/load.js";

const cases = loadCases();

describe("the red-team corpus for secrets and personal data", () => {
  it("holds at least 300 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it("covers every family the issue lists, and code that must stay", () => {
    expect(loadFamilies().map((f) => f.family)).toEqual(
      expect.arrayContaining([
        "provider-tokens",
        "aws-secret-keys",
        "named-values",
        "private-keys",
        "encoded-and-split",
        "personal-data",
        "keep",
      ]),
    );
  });

  it("writes a secret in every case that must be redacted, and none in a case that must stay", () => {
    for (const c of cases) expect(c.secrets.length > 0, `${c.family}/${c.name}`).toBe(c.expect === "redact");
  });
});

describe.each(["redact", "keep"] as const)("red-team cases that must %s", (expectation) => {
  for (const c of cases.filter((x) => x.expect === expectation)) {
    it(`${c.family}: ${c.name}`, async () => {
      const { text } = await redact(c.text);
      if (c.expect === "keep") {
        expect(text).toBe(c.text);
        return;
      }
      expect(leakedParts(c.text, text, c.secrets)).toEqual([]);
      expect(text).toMatch(new RegExp(PLACEHOLDER_RE.source));
      expect(text.split("\n").length).toBe(c.text.split("\n").length);
    });
  }
});
