import { describe, expect, it, vi } from "vitest";

// The secret scanner is replaced by one that throws, as a broken rule or an out-of-memory would.
vi.mock("@secretlint/core", () => ({
  lintSource: () => Promise.reject(new Error("rule crashed on ghp_this-is-the-document")),
}));

const { RedactionError, redact } = await import("../src/core/redact/index.js");

describe("redact fails closed when a detector fails", () => {
  it("rejects with a RedactionError when secretlint throws", async () => {
    await expect(redact("hello")).rejects.toBeInstanceOf(RedactionError);
  });

  it("says what happened and what to do, without the content", async () => {
    const error = (await redact("my document body").catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/secretlint.*must not be posted/);
    expect(error.message).not.toContain("my document body");
    expect(error.message).not.toContain("ghp_");
  });
});
