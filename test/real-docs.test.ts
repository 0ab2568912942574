import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REAL_DOCS, loadExpected, measure, ratio } from "./support/real-docs.js";

// The measure of the parser: real handoff documents from public repositories (sources in SOURCES.md), each with the
// title, kind and sections a reader sees written down before the parser ran on it (expected.jsonl).
const expected = loadExpected();
const files = readdirSync(REAL_DOCS).filter((f) => f.endsWith(".md") && f !== "SOURCES.md");

describe("the real-document corpus", () => {
  it("has an expectation and a recorded source for every document, and a document for every expectation", () => {
    const sources = readFileSync(new URL("SOURCES.md", REAL_DOCS), "utf8");
    expect(expected.map((d) => d.file).sort()).toEqual([...files].sort());
    for (const file of files) expect(sources, file).toContain(`| ${file} |`);
  });

  it("holds at least 60 documents in at least 8 languages, both kinds, each from its own source", () => {
    expect(expected.length).toBeGreaterThanOrEqual(60);
    expect(new Set(expected.map((d) => d.lang)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(expected.map((d) => d.kind))).toEqual(new Set(["handoff", "return"]));
  });
});

describe("the parser on the real-document corpus", () => {
  const result = measure(expected);
  const report = (): string => result.misses.join("\n");

  it("recalls at least 95% of the sections a reader is sure of", () => {
    expect(ratio(result.overall.recallHits, result.overall.recallTotal), report()).toBeGreaterThanOrEqual(0.95);
  });

  it("is right about at least 95% of the sections it places", () => {
    expect(ratio(result.overall.precisionHits, result.overall.precisionTotal), report()).toBeGreaterThanOrEqual(0.95);
  });

  it("tells a return from a handoff in at least 95% of the documents", () => {
    expect(ratio(result.kindRight, result.docs), report()).toBeGreaterThanOrEqual(0.95);
  });
});
