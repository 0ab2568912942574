import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findMatches, lexiconTerms } from "../src/core/headings/classify.js";
import { LEXICON } from "../src/core/headings/lexicon.js";
import { normaliseHeading, normaliseTerm } from "../src/core/headings/normalise.js";
import { SECTION_NAMES } from "../src/core/types.js";

const sources = SECTION_NAMES.flatMap((s) => [...LEXICON[s].strong, ...LEXICON[s].medium, ...LEXICON[s].weak]);
const rawWords = sources.flatMap((s) => s.split(" ").map((w) => w.replace(/\*$/, "")));

describe("the lexicon's words, folded the cheap way", () => {
  it("come out as the full folding of a heading makes them", () => {
    for (const raw of rawWords) expect(normaliseTerm(raw), raw).toBe(normaliseHeading(raw).key);
  });

  // Characters next to plain lower-case ASCII that the folding changes or splits on.
  const near = fc.constantFrom(..."azAZ09'’&é Ｎｅ-(）\u0301ß_");
  it("agree with the full folding on any short string", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 12, unit: "grapheme" }), fc.string({ maxLength: 8, unit: near })),
        (s) => {
          expect(normaliseTerm(s)).toBe(normaliseHeading(s).key);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe("matching lexicon terms in a heading", () => {
  // Heading words from the lexicon's own words, inflected, compounded, negated and mixed with others.
  const termWords = [...new Set(lexiconTerms().flatMap((t) => (t.words ?? []).map((w) => w.text)))];
  const compacts = lexiconTerms().flatMap((t) => (t.compact ? [t.compact] : []));
  const word = fc.oneof(
    fc.constantFrom(...termWords),
    fc
      .tuple(fc.constantFrom(...termWords), fc.constantFrom("s", "es", "e", "n", "en", "ing", "ed", "x"))
      .map(([w, e]) => w + e),
    fc.tuple(fc.constantFrom("nutzer", "ver", "a", "un", "re"), fc.constantFrom(...termWords)).map(([p, w]) => p + w),
    fc.constantFrom(...termWords).map((w) => w.slice(0, Math.max(1, w.length - 2))),
    fc.constantFrom(...compacts),
    fc.constantFrom("not", "no", "nicht", "is", "the", "and", "2026", "x"),
    fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzéü完了未") }),
  );

  it("finds the same terms, in the same order, with the first screen as without it", () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const all = findMatches(words, false);
        found += all.length;
        expect(findMatches(words)).toStrictEqual(all);
      }),
      { numRuns: 5_000 },
    );
    // Not vacuous: most generated headings hold some term.
    expect(found).toBeGreaterThan(5_000);
  });
});
