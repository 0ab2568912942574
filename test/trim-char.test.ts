import { describe, expect, it } from "vitest";
import { trimChar } from "../src/core/trim-char.js";

describe("trimChar", () => {
  it("removes the runs of the character at both ends and keeps the inner ones", () => {
    expect(trimChar("--claude--code---", "-")).toBe("claude--code");
  });

  it("gives an empty string for a text made only of the character", () => {
    expect(trimChar("''''", "'")).toBe("");
  });

  it("leaves a text without the character at its ends unchanged", () => {
    expect(trimChar("don't", "'")).toBe("don't");
  });
});
