import { describe, expect, it } from "vitest";
import { applyFindings, mergeFindings, placeholder } from "../src/core/redact/index.js";

describe("mergeFindings", () => {
  it("merges overlapping findings into their union, named by the widest", () => {
    const merged = mergeFindings([
      { start: 10, end: 20, kind: "jwt" },
      { start: 5, end: 40, kind: "github-token" },
    ]);
    expect(merged).toEqual([{ start: 5, end: 40, kind: "github-token" }]);
  });

  it("merges a chain of partial overlaps into one finding", () => {
    const merged = mergeFindings([
      { start: 0, end: 10, kind: "a" },
      { start: 8, end: 30, kind: "b" },
      { start: 25, end: 35, kind: "c" },
    ]);
    expect(merged).toEqual([{ start: 0, end: 35, kind: "b" }]);
  });

  it("keeps touching findings separate", () => {
    const merged = mergeFindings([
      { start: 0, end: 5, kind: "a" },
      { start: 5, end: 9, kind: "b" },
    ]);
    expect(merged).toHaveLength(2);
  });

  it("names an equal-width overlap after the earlier detector", () => {
    const merged = mergeFindings([
      { start: 3, end: 9, kind: "aws-secret-key" },
      { start: 3, end: 9, kind: "env-secret" },
    ]);
    expect(merged).toEqual([{ start: 3, end: 9, kind: "aws-secret-key" }]);
  });

  it("drops empty findings", () => {
    expect(mergeFindings([{ start: 4, end: 4, kind: "a" }])).toEqual([]);
  });
});

describe("applyFindings", () => {
  it("keeps every line break a finding spanned, after its placeholder", () => {
    const text = "a\nSECRET\nMORE\nb";
    const out = applyFindings(text, [{ start: 2, end: 13, kind: "private-key" }]);
    expect(out).toBe(`a\n${placeholder("private-key")}\n\nb`);
  });
});
