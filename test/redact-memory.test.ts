import { secretLintProfiler } from "@secretlint/profiler";
import { describe, expect, it } from "vitest";
import { redact } from "../src/core/redact/index.js";

// secretlint's profiler names every mark and measure `@core>…`; it is switched off in secretlint-profiler.ts.
const isSecretlint = (entry: { name: string }) => entry.name.startsWith("@core>");
const timelineMarks = () => performance.getEntriesByType("mark").filter(isSecretlint).length;
const timelineMeasures = () => performance.getEntriesByType("measure").filter(isSecretlint).length;
// Node delivers PerformanceObserver entries on setImmediate; the profiler's own lists fill only after that hop.
const profilerEntries = async () => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return (await secretLintProfiler.getEntries()).filter(isSecretlint).length;
};

describe("redact in a long-running process", () => {
  it("records nothing in secretlint's profiler, even for a document with secrets", async () => {
    const result = await redact("token: ghp_16C7e42F292c6912E7710c838347Ae178B4a\n");
    expect(result.text).not.toContain("ghp_16C7e42F292c6912E7710c838347Ae178B4a");
    expect(timelineMarks()).toBe(0);
    expect(timelineMeasures()).toBe(0);
    expect(await profilerEntries()).toBe(0);
  });

  it("keeps the profiler and the performance timeline empty over many calls", async () => {
    const doc = "# Handoff\n\nNothing secret here.\n";
    for (let i = 0; i < 200; i += 1) await redact(doc);
    expect(timelineMarks()).toBe(0);
    expect(await profilerEntries()).toBe(0);
    expect((await secretLintProfiler.getMeasures()).filter(isSecretlint)).toHaveLength(0);
  });

  it("keeps concurrent redactions correct", async () => {
    const docs = Array.from({ length: 20 }, (_, i) => `doc ${i}: mail person${i}@example.org`);
    const results = await Promise.all(docs.map((d) => redact(d)));
    results.forEach((r, i) => expect(r.text).toBe(`doc ${i}: mail [redacted: email]`));
  });
});
