import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXTRA_PATTERN_WINDOW,
  compileExtraPatterns,
  findExtraPatterns,
  placeholder,
  redact,
  validateExtraPattern,
} from "../src/core/redact/index.js";

describe("validateExtraPattern", () => {
  it("accepts a simple, linear pattern", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "CORP-[0-9]{6}" })).toBeNull();
  });

  it("accepts allowed flags", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "corp-[0-9]{6}", flags: "i" })).toBeNull();
  });

  it("rejects a pattern that is not a regular expression", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "CORP-(" })).toMatch(/not a valid regular expression/);
  });

  it("rejects an exponential pattern", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "^(a+)+$" })).toMatch(/backtrack/);
  });

  it("rejects a polynomial pattern", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "\\s*a\\s*$" })).toMatch(/backtrack/);
  });

  it("rejects a pattern that matches empty text", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "x*" })).toMatch(/empty/);
  });

  it("rejects a pattern that matches its own placeholder", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "corp-id" })).toMatch(/placeholder/);
  });

  it("rejects flags other than i, m, s and u", () => {
    expect(validateExtraPattern({ kind: "corp-id", pattern: "CORP", flags: "gy" })).toMatch(/flags/);
  });

  it("rejects a kind that would not fit a placeholder", () => {
    expect(validateExtraPattern({ kind: "Corp ID]", pattern: "CORP" })).toMatch(/kind/);
  });

  it("rejects something that is not a pattern object", () => {
    expect(validateExtraPattern("CORP-[0-9]+")).toMatch(/Invalid extra pattern/);
  });
});

describe("redact with extra patterns", () => {
  const corp = [{ kind: "corp-id", pattern: "CORP-[0-9]{6}" }];

  it("redacts matches of an extra pattern under its kind", async () => {
    const { text, report } = await redact("ticket CORP-123456 is done", { extraPatterns: corp });
    expect(text).toBe(`ticket ${placeholder("corp-id")} is done`);
    expect(report.kinds).toEqual({ "corp-id": 1 });
  });

  it("finds a match on a line longer than one window, across a window boundary", async () => {
    const pad = "x".repeat(EXTRA_PATTERN_WINDOW - 5);
    const { text } = await redact(`${pad} CORP-654321 ${pad}`, { extraPatterns: corp });
    expect(text).toBe(`${pad} ${placeholder("corp-id")} ${pad}`);
  });

  it("is idempotent with extra patterns", async () => {
    const once = await redact("CORP-111111 and CORP-222222", { extraPatterns: corp });
    const twice = await redact(once.text, { extraPatterns: corp });
    expect(twice.text).toBe(once.text);
    expect(twice.report.total).toBe(0);
  });
});

describe("extra patterns compiled once per process", () => {
  // A configuration's patterns recur on every document, and a compiled pattern is kept by kind, pattern and flags: the
  // kept one must be what compiling afresh gives, and finding with it (its lastIndex reused) what a fresh one finds.
  const entry = fc.record(
    {
      kind: fc.constantFrom("customer-id", "ticket", "x", "Bad Kind"),
      pattern: fc.constantFrom("CUST-[0-9]{6}", "TKT-[A-Z]{2,4}-\\d+", "cust-\\d+", "a", "(", ""),
      flags: fc.constantFrom("", "i", "m", "ii", "g"),
    },
    { requiredKeys: ["kind", "pattern"] },
  );
  const text = fc
    .array(fc.constantFrom("CUST-123456", "cust-42", "TKT-AB-7", "tkt-ab-7", "a", " ", "\n", "x".repeat(30)), {
      maxLength: 20,
    })
    .map((parts) => parts.join(""));
  const shape = (compiled: ReturnType<typeof compileExtraPatterns>) =>
    typeof compiled === "string" ? compiled : compiled.map(({ kind, regex }) => [kind, regex.source, regex.flags]);

  it("compile to what compiling afresh gives, and find what fresh patterns find", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), text, (patterns, t) => {
        const fresh = compileExtraPatterns(patterns, false);
        for (let round = 0; round < 2; round++) {
          const kept = compileExtraPatterns(patterns);
          expect(shape(kept)).toEqual(shape(fresh));
          if (typeof kept !== "string" && typeof fresh !== "string")
            expect(findExtraPatterns(t, kept)).toEqual(findExtraPatterns(t, fresh));
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
