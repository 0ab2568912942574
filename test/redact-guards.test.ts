import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLAIN_DETECTORS } from "../src/core/redact/detectors.js";
import { findEncodedSecrets } from "../src/core/redact/encodings.js";
import { AZURE_KEY_NEEDLE, findAzureStorageKeys } from "../src/core/redact/keys-by-neighbour.js";
import { AZURE_KEY_CANDIDATE_RE, URL_CREDENTIALS_RE } from "../src/core/redact/patterns.js";
import { URL_CREDENTIALS_NEEDLE, findUrlCredentials } from "../src/core/redact/secrets.js";

// Two detectors skip text that lacks a string every match of their pattern holds (the pattern is tried at every word
// start, so the scan is what costs). The skip is sound only if that holds for every match: these properties check it on
// text generated from each pattern, and that the detectors still find what the patterns find.
const GUARDS: [string, RegExp, string][] = [
  ["azure storage keys", AZURE_KEY_CANDIDATE_RE, AZURE_KEY_NEEDLE],
  ["URL credentials", URL_CREDENTIALS_RE, URL_CREDENTIALS_NEEDLE],
];

/** Strings from the pattern (lookarounds dropped, so some do not match), spliced with pieces that break them. */
function textNear(pattern: RegExp): fc.Arbitrary<string> {
  const source = pattern.source.replace(/\(\?<?[!=][^()]*\)/g, "");
  const generated = fc.stringMatching(new RegExp(source), { size: "small" });
  const piece = fc.oneof(generated, fc.constantFrom("=", "==", ":", "//", "://", "@", " ", "\n", "a"), fc.string());
  return fc.oneof(
    generated,
    fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("")),
  );
}

describe("redaction's needle guards", () => {
  it.each(GUARDS)("every match of the %s pattern holds its needle", (_name, pattern, needle) => {
    fc.assert(
      fc.property(textNear(pattern), (text) => {
        for (const m of text.matchAll(new RegExp(pattern.source, "g"))) expect(m[0]).toContain(needle);
      }),
      { numRuns: 3_000 },
    );
  });

  it.each(GUARDS)("the %s text the property checks matches the pattern often", (_name, pattern) => {
    const sample = fc.sample(textNear(pattern), { numRuns: 400, seed: 20_261_201 });
    expect(sample.filter((text) => new RegExp(pattern.source).test(text)).length).toBeGreaterThan(40);
  });

  it("the detectors still find their secrets", () => {
    const key = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256)).toString("base64");
    expect(findAzureStorageKeys(`The storage key: ${key}`)).toEqual([
      { start: 17, end: 105, kind: "azure-storage-key" },
    ]);
    expect(findUrlCredentials("postgres://admin:Sup3rS3cretPw@db.internal:5432/app")).toEqual([
      { start: 11, end: 30, kind: "url-credentials" },
    ]);
  });
});

describe("encoded secrets in text without an encoding hint", () => {
  // Decoding is tried only on lines holding a hint (a percent escape, an entity, a tag, `**`, a continuation); text
  // holding none skips the line walk. The findings must be those of the walk.
  const PIECES = [
    "ghp_",
    "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    "%5F",
    "%2",
    "&#95;",
    "&lowbar;",
    "&amp",
    "<!-- -->",
    "<b>",
    "**",
    "*",
    "\\",
    "\\\n",
    "\n",
    " ",
    "dana",
    "@example.com",
    Buffer.from("password=hunter2-Secr3t-Value\n").toString("base64"),
  ];
  const near = fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((parts) => parts.join(""));

  it("finds what decoding every line finds", () => {
    fc.assert(
      fc.property(near, (text) => {
        expect(findEncodedSecrets(text, PLAIN_DETECTORS)).toEqual(findEncodedSecrets(text, PLAIN_DETECTORS, false));
      }),
      { numRuns: 3_000 },
    );
  });

  it("is checked on text where decoding finds secrets", () => {
    const sample = fc.sample(near, { numRuns: 1_000, seed: 20_261_201 });
    expect(sample.filter((text) => findEncodedSecrets(text, PLAIN_DETECTORS, false).length > 0).length).toBeGreaterThan(
      50,
    );
  });
});
