import { describe, expect, it } from "vitest";
import { redact } from "../src/core/redact/index.js";

const secretlintMarks = () => performance.getEntriesByType("mark").filter((m) => m.name.startsWith("@core>")).length;

describe("redact in a long-running process", () => {
  it("does not accumulate secretlint's profiler marks from run to run", async () => {
    const doc = "# Handoff\n\nNothing secret here.\n";
    for (let i = 0; i < 10; i += 1) await redact(doc);
    const afterTen = secretlintMarks();
    for (let i = 0; i < 30; i += 1) await redact(doc);
    expect(afterTen).toBeGreaterThan(0);
    expect(secretlintMarks()).toBe(afterTen);
  });

  it("keeps concurrent redactions correct while runs are serialised", async () => {
    const docs = Array.from({ length: 20 }, (_, i) => `doc ${i}: mail person${i}@example.org`);
    const results = await Promise.all(docs.map((d) => redact(d)));
    results.forEach((r, i) => expect(r.text).toBe(`doc ${i}: mail [redacted: email]`));
  });
});
