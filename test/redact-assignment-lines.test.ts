import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findAssignments } from "../src/core/redact/env-secret.js";

// The assignment pattern is tried at every word start, so findAssignments starts it only on lines holding `:` or `=`
// (a match lies within one line and holds one). These properties compare that with the pattern run over every line.
const PIECES = [
  "DB_PASSWORD",
  "api_key",
  "token",
  "secret",
  "password",
  "name",
  "=",
  ":",
  ":=",
  "=>",
  "::",
  "==",
  " ",
  "\t",
  "\n",
  "\r\n",
  '"',
  "'",
  "`",
  "**",
  "]",
  "?",
  "-",
  ".",
  "&",
  "https://h/x?access_token=",
  "s3cR3tVa1ue9Xq7Lm2Pw",
  "Zq8xR2d2C3poT1000Hal9000KittY7w",
  "example",
  "prose words here",
  ">-",
  "\n  ",
];
const assignment = fc
  .tuple(
    fc.constantFrom("DB_PASSWORD", "api_key", "token", "client_secret", "AWS_SECRET_ACCESS_KEY", "note"),
    fc.constantFrom("=", ": ", " := ", " => ", '": "', "=`", ": '"),
    fc.constantFrom("s3cR3tVa1ue9Xq7Lm2Pw", "Zq8xR2d2C3poT1000Hal9000KittY7w", "hunter2", "see the vault", ">-"),
    fc.constantFrom("", '"', "'", "`", "\n", " ", ";"),
  )
  .map((parts) => parts.join(""));
const near = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), assignment), { maxLength: 30 })
  .map((parts) => parts.join(""));

describe("findAssignments on lines holding a separator only", () => {
  it("finds what the pattern finds on every line", () => {
    fc.assert(
      fc.property(near, (text) => {
        expect(findAssignments(text)).toEqual(findAssignments(text, false));
      }),
      { numRuns: 10_000 },
    );
  });

  it("is checked on text where assignments are found", () => {
    const sample = fc.sample(near, { numRuns: 2_000, seed: 20_261_201 });
    expect(sample.filter((text) => findAssignments(text, false).length > 0).length).toBeGreaterThan(200);
  });
});
