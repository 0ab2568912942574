import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KIND_PATTERNS } from "../src/core/kind-signs.js";
import { withoutAccents, withoutAccentsByRules } from "../src/core/kind.js";
import { TITLE_PATTERNS, plainText, plainTextByRules } from "../src/core/title.js";

// plainText returns text that none of its rules would change as it is (TITLE_PATTERNS.notPlain). The shortcut may only
// take text the rules leave alone: these properties compare it with the rules on text near every rule's edge.
const PIECES = [
  ..."abcXYZ09é日ß.:,!()]-/|\\'\"",
  ..."[<#*~`_",
  " ",
  "  ",
  "\t",
  "\n",
  "\r",
  "\u00a0",
  "\u2003",
  "\u3000",
  "\ufeff",
  "\u200b",
  "word",
  "snake_case",
  "__bold__",
  "**b**",
  "~~s~~",
  "`code`",
  "[text](url)",
  "![alt](img)",
  "<b>",
  "## ",
  " ##",
  "#",
];
const near = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(""));
const plainish = fc
  .array(fc.constantFrom("a", "Z", "9", "é", "日", ".", ":", "(", ")", "-", " ", "!"), { maxLength: 30 })
  .map((parts) => parts.join(""));

describe("plainText's shortcut for text that is plain already", () => {
  it("gives what the rules give", () => {
    fc.assert(
      fc.property(fc.oneof(near, plainish, fc.string({ maxLength: 20 })), (text) => {
        expect(plainText(text)).toBe(plainTextByRules(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("is taken for plain headings and skipped for long text, which the rules cut", () => {
    const sample = fc.sample(plainish, { numRuns: 1_000, seed: 20_261_201 });
    expect(sample.filter((text) => !TITLE_PATTERNS.notPlain.test(text)).length).toBeGreaterThan(300);
    const long = "a ".repeat(3_000) + "b";
    expect(TITLE_PATTERNS.notPlain.test(long)).toBe(false);
    expect(plainText(long)).toBe(plainTextByRules(long));
    expect(plainText(long).length).toBe(4_095);
  });
});

describe("withoutAccents' shortcut for ASCII", () => {
  // ASCII has no marks to drop and is its own normal form; anything else (a mark, a ligature, the Ångström sign that
  // NFC turns into Å) takes the rules.
  const letters = fc
    .array(fc.constantFrom(..."aZ9 -:#", "é", "e\u0301", "\u212b", "ﬁ", "日", "ß", "\u0308", "ö", "\x7f", "\x80"), {
      maxLength: 10,
    })
    .map((parts) => parts.join(""));

  it("gives what the rules give", () => {
    fc.assert(
      fc.property(fc.oneof(letters, fc.string({ maxLength: 12, unit: "binary" })), (text) => {
        expect(withoutAccents(text)).toBe(withoutAccentsByRules(text));
      }),
      { numRuns: 10_000 },
    );
  });

  it("is taken for ASCII headings", () => {
    const sample = fc.sample(letters, { numRuns: 1_000, seed: 20_261_201 });
    expect(sample.filter((text) => !KIND_PATTERNS.nonAscii.test(text)).length).toBeGreaterThan(100);
  });
});
