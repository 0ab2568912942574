import { describe, expect, it } from "vitest";
import { ourFalsePositives, realCodeCorpus } from "./support/redaction-quality.js";

// The real-code corpus (test/fixtures/real-code/, sources and licences in its README) holds no secret. What redaction
// changes there is a false positive, except personal data, which is redacted by policy even in examples
// (`/Users/<name>`, an e-mail address at example.com) and counted apart.
const PERSONAL = /\[redacted: (?:email|phone|username)\]/;
const BUDGET_PER_1000_LINES = 0.2;

const corpus = realCodeCorpus();
const results = await Promise.all(corpus.map(async (file) => ({ file, ...(await ourFalsePositives(file)) })));
const lines = corpus.reduce((n, f) => n + f.lines, 0);

describe("false positives on real code", () => {
  it("reads a corpus of tens of thousands of lines", () => {
    expect(lines).toBeGreaterThan(50_000);
  });

  it(`changes at most ${BUDGET_PER_1000_LINES} lines per 1,000, personal data included`, () => {
    const changed = results.flatMap((r) => r.lines);
    expect((changed.length * 1000) / lines, JSON.stringify(changed.slice(0, 20), null, 1)).toBeLessThanOrEqual(
      BUDGET_PER_1000_LINES,
    );
  });

  it("redacts no secret anywhere in it", () => {
    const secrets = results.flatMap((r) => r.lines).filter((l) => !PERSONAL.test(l.after));
    expect(secrets).toEqual([]);
  });

  it("changes no type annotation: no line of a declaration file outside its comments", () => {
    const annotations = results
      .filter((r) => r.file.declarations)
      .flatMap((r) => r.lines)
      .filter((l) => !/^\s*(?:\*|\/\*|\/\/)/.test(l.before));
    expect(annotations).toEqual([]);
  });
});
