import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guarded } from "../src/core/guarded.js";
import { KIND_NEEDLES, KIND_PATTERNS, KIND_SIGNS } from "../src/core/kind-signs.js";
import { METADATA_NEEDLES, METADATA_PATTERNS } from "../src/core/metadata.js";
import { TITLE_NEEDLES, TITLE_PATTERNS } from "../src/core/title.js";

// Each large pattern runs behind a substring check (src/core/guarded.ts), so that text which cannot match never
// compiles it. The check may only skip text the pattern would not match: these properties compare the guarded test
// with the bare pattern on text built from the pattern itself.
const SETS: [string, Record<string, RegExp>, Record<string, string>][] = [
  ["kind", KIND_PATTERNS, KIND_NEEDLES],
  ["metadata", METADATA_PATTERNS, METADATA_NEEDLES],
  ["title", TITLE_PATTERNS, TITLE_NEEDLES],
];
const GUARDED: [string, RegExp, string][] = SETS.flatMap(([set, patterns, needles]) =>
  Object.entries(needles).map(([name, list]): [string, RegExp, string] => [`${set}.${name}`, patterns[name]!, list]),
);

// Characters where lower-casing and a case-insensitive match part ways (Kelvin sign, long s, dotted I), and the
// punctuation the patterns read.
const ODD = ["\u212A", "\u017F", "\u0130", "ß", " ", "\t", ":", "：", "→", "-", "#", "**", "\n", "。", "é"];

/** Text near a pattern: strings generated from it (mixed case for an `i` pattern), its own words, odd characters. */
function textNear(pattern: RegExp): fc.Arbitrary<string> {
  // stringMatching supports neither `\b`, lookarounds nor the `i` flag: the generator drops them (so some of its
  // strings do not match), and the case is mixed below.
  const source = pattern.source.replaceAll("\\b", "").replace(/\(\?<?[!=][^()]*\)/g, "");
  const generator = new RegExp(source, pattern.flags.replace("i", ""));
  const words = pattern.source.match(/[\p{L}\p{N}]+/gu) ?? [];
  const generated = fc
    .tuple(fc.stringMatching(generator, { size: "small" }), fc.nat())
    .map(([text, bits]) =>
      pattern.ignoreCase ? [...text].map((c, i) => ((bits >> (i % 30)) & 1 ? c.toUpperCase() : c)).join("") : text,
    );
  const piece = fc.oneof(generated, fc.constantFrom(...words), fc.constantFrom(...ODD), fc.string({ maxLength: 4 }));
  return fc.oneof(
    generated,
    fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("")),
  );
}

const sameAnswers =
  (pattern: RegExp, needles: string[]) =>
  (text: string): boolean => {
    const guard = guarded(pattern, needles);
    return guard.test(text) === pattern.test(text) && guard.exec(text)?.[0] === pattern.exec(text)?.[0];
  };

describe("guarded patterns", () => {
  it.each(GUARDED)("%s answers as its bare pattern does", (_name, pattern, needles) => {
    fc.assert(fc.property(textNear(pattern), sameAnswers(pattern, needles.split("|"))), { numRuns: 2_000 });
  });

  it.each(GUARDED)("%s: the text it is checked on matches the pattern often", (_name, pattern) => {
    const sample = fc.sample(textNear(pattern), { numRuns: 400, seed: 20_261_201 });
    expect(sample.filter((text) => pattern.test(text)).length).toBeGreaterThan(40);
  });

  // Every needle is needed, and the property above sees a guard that is wrong: without any one needle it fails.
  it.each(GUARDED)("%s: a guard missing any one needle is caught", (_name, pattern, needles) => {
    const all = needles.split("|");
    const missed = all.filter((needle) => {
      const fewer = all.filter((n) => n !== needle);
      return !fc.check(fc.property(textNear(pattern), sameAnswers(pattern, fewer)), { numRuns: 4_000 }).failed;
    });
    expect(missed).toEqual([]);
  });

  it("kind.ts reads the guarded patterns, each with its needles", () => {
    for (const [name, needles] of Object.entries(KIND_NEEDLES))
      expect(KIND_SIGNS[name as keyof typeof KIND_SIGNS].needles).toEqual(needles.split("|"));
    expect(KIND_SIGNS.fence.needles).toBeNull();
  });

  it("lower-cases the text for an i pattern, and refuses guards that could not be right", () => {
    expect(guarded(/\breport to\b/i, ["report"]).test("A REPORT TO the lead")).toBe(true);
    expect(guarded(/report/, ["report"]).test("REPORT")).toBe(false);
    expect(() => guarded(/report/i, ["Report"])).toThrow(/lower case/);
    expect(() => guarded(/k/iu, ["k"])).toThrow(/u folds/);
    expect(() => guarded(/report/g, ["report"])).toThrow(/g or y/);
    expect(() => guarded(/report/, [])).toThrow();
  });
});
