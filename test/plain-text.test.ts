import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  NORMALISE_PATTERNS,
  foldHeading,
  foldHeadingByRules,
  normaliseHeading,
} from "../src/core/headings/normalise.js";
import { KIND_PATTERNS } from "../src/core/kind-signs.js";
import { withoutAccents, withoutAccentsByRules } from "../src/core/kind.js";
import { TITLE_PATTERNS, collapseWhitespace, plainText, plainTextByRules } from "../src/core/title.js";

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

describe("collapseWhitespace", () => {
  it("gives what replacing every whitespace run with a space gives, and the text itself when that changes nothing", () => {
    const spaced = fc
      .array(
        fc.constantFrom("a", "é", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\u3000", "\ufeff", "\u200b"),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(spaced, fc.string({ maxLength: 12 })), (text) => {
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, " "));
      }),
      { numRuns: 10_000 },
    );
    const sample = fc.sample(spaced, { numRuns: 1_000, seed: 20_261_201 });
    expect(sample.filter((text) => !TITLE_PATTERNS.notCollapsed.test(text)).length).toBeGreaterThan(50);
  });
});

describe("plainText's underscores", () => {
  // The rule, character by character: a run of underscores is emphasis, and goes, unless a letter or digit stands on
  // both sides of it (`snake_case`).
  const byCharacter = (text: string): string => {
    const word = (c: string): boolean => c !== "" && (/[0-9]/.test(c) || c.toLowerCase() !== c.toUpperCase());
    let out = "";
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== "_") {
        out += text[i];
        continue;
      }
      let j = i;
      while (text[j] === "_") j++;
      if (word(text[i - 1] ?? "") && word(text[j] ?? "")) out += text.slice(i, j);
      i = j - 1;
    }
    return out;
  };

  it("go as the rule says, with or without a run of two", () => {
    const text = fc
      .array(fc.constantFrom("a", "Z", "1", "é", "-", ".", "_", "__"), { maxLength: 12 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(plainTextByRules(t)).toBe(byCharacter(t));
      }),
      { numRuns: 5_000 },
    );
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

describe("normaliseHeading's shortcuts for ASCII and for headings without brackets", () => {
  // The definition, step by step: every Unicode folding, then parentheticals dropped by a walk over the characters.
  const byDefinition = (cleaned: string): { key: string; words: string[]; compact: string } => {
    const folded = foldHeadingByRules(cleaned.slice(0, 300));
    let unqualified = "";
    let depth = 0;
    for (const ch of folded) {
      if (ch === "(" || ch === "[") depth++;
      else if ((ch === ")" || ch === "]") && depth > 0) {
        depth--;
        unqualified += " ";
      } else if (depth === 0) unqualified += ch;
    }
    const words = (unqualified.trim() === "" ? folded : unqualified)
      .split(NORMALISE_PATTERNS.separator)
      .map((w) => w.replace(/^'+|'+$/g, ""))
      .filter((w) => w !== "");
    return { key: words.join(" "), words, compact: words.join("") };
  };
  const heading = fc
    .array(
      fc.constantFrom(
        ..."aZ9 -:&'()[]",
        "Next Steps",
        "R&D",
        "’",
        "é",
        "Ｎｅｘｔ",
        "ﬁ",
        "\u212a",
        "İ",
        "ß",
        "日本",
        "(state)",
        "[wip]",
        "\x7f",
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(""));

  it("folds as every Unicode step does", () => {
    fc.assert(
      fc.property(fc.oneof(heading, fc.string({ maxLength: 12, unit: "binary" })), (text) => {
        expect(foldHeading(text)).toBe(foldHeadingByRules(text));
        expect(normaliseHeading(text)).toEqual(byDefinition(text));
      }),
      { numRuns: 10_000 },
    );
  });

  it("is taken for ASCII headings", () => {
    const sample = fc.sample(heading, { numRuns: 1_000, seed: 20_261_201 });
    expect(sample.filter((text) => !NORMALISE_PATTERNS.nonAscii.test(text)).length).toBeGreaterThan(100);
  });
});
