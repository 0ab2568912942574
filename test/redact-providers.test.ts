import { describe, expect, it } from "vitest";
import { placeholder, redact } from "../src/core/redact/index.js";
import {
  PROVIDER_RULES,
  base62,
  crc32,
  findProviderTokens,
  githubChecksumHolds,
} from "../src/core/redact/providers/index.js";
import { seeded } from "./fixtures/redact/fakes.js";
import { expandShape } from "./fixtures/redteam/secrets/shapes.js";
import { checkPattern } from "./support/recheck.js";

describe("the provider table", () => {
  it("gives every rule a unique id, a source link and at least one anchor", () => {
    expect(new Set(PROVIDER_RULES.map((r) => r.id)).size).toBe(PROVIDER_RULES.length);
    for (const rule of PROVIDER_RULES) {
      expect(rule.source, rule.id).toMatch(/^https:\/\//);
      expect(rule.anchors.length, rule.id).toBeGreaterThan(0);
    }
  });

  it("covers every provider family the issue names", () => {
    const ids = new Set(PROVIDER_RULES.map((r) => r.id));
    for (const id of [
      "stripe-access-token",
      "gcp-api-key",
      "azure-storage-account-key",
      "azure-sas-signature",
      "gitlab-token",
      "huggingface-access-token",
      "digitalocean-token",
      "age-secret-key",
      "slack-webhook-url",
      "discord-webhook-url",
    ])
      expect(ids, id).toContain(id);
  });
});

describe("every provider rule is safe from catastrophic backtracking", () => {
  for (const rule of PROVIDER_RULES) {
    it(`recheck proves ${rule.id} safe`, async () => {
      expect((await checkPattern(rule.regex)).status).toBe("safe");
    }, 60_000);
  }
});

describe("each rule's positive example is found by shape alone, with no secret-like name before it", () => {
  for (const rule of PROVIDER_RULES) {
    it(`finds a ${rule.id} in prose and redacts it as [redacted: ${rule.kind}]`, async () => {
      const token = expandShape(rule.examples.positive, seeded(rule.id.length * 7919));
      const text = `We pasted ${token} into the notes.`;
      const findings = findProviderTokens(text);
      expect(findings.some((f) => f.kind === rule.kind)).toBe(true);
      const { text: out } = await redact(text);
      expect(out).toContain(placeholder(rule.kind));
      // What the rule calls secret (the whole token, or its value after a readable name) is gone.
      for (const f of findings) expect(out).not.toContain(text.slice(f.start, f.end));
    });
  }
});

describe("each rule's negative example, a near miss, is left to other layers", () => {
  for (const rule of PROVIDER_RULES) {
    it(`does not take ${rule.examples.negative} for a ${rule.id}`, () => {
      const token = expandShape(rule.examples.negative, seeded(rule.id.length * 104729));
      expect(findProviderTokens(`We pasted ${token} into the notes.`).filter((f) => f.kind === rule.kind)).toEqual([]);
    });
  }
});

describe("GitHub's checksum", () => {
  it("holds for a token whose last six characters are the base62 CRC32 of the thirty before them", () => {
    expect(githubChecksumHolds(expandShape("ghp_{an:30}{crc}", seeded(1)))).toBe(true);
  });

  it("fails when one character of the random part changes", () => {
    const token = expandShape("ghp_{an:30}{crc}", seeded(2));
    const changed = `${token.slice(0, 10)}${token[10] === "a" ? "b" : "a"}${token.slice(11)}`;
    expect(githubChecksumHolds(changed)).toBe(false);
  });

  it("vouches for a low-entropy token that carries a valid checksum", () => {
    const body = "a".repeat(30);
    const token = `ghp_${body}${base62(crc32(body), 6)}`;
    expect(findProviderTokens(`x ${token} y`)).toHaveLength(1);
  });

  it("leaves a documentation placeholder whose checksum fails (ghp_ and 36 x's)", () => {
    expect(findProviderTokens(`export GH_TOKEN=ghp_${"x".repeat(36)}`)).toEqual([]);
  });

  it("still redacts a random token whose checksum fails: a pasted token may have been edited", () => {
    expect(findProviderTokens(`x ${expandShape("ghp_{an:36}", seeded(4))} y`)).toHaveLength(1);
  });
});

describe("boundaries", () => {
  const key = expandShape("AIza{b64u:35}", seeded(5));

  it("finds a token after a JSON string's \\n escape", () => {
    expect(findProviderTokens(`"line\\n${key}"`)).toHaveLength(1);
  });

  it("does not find a token glued to the end of a longer word", () => {
    expect(findProviderTokens(`xyz${key}`)).toEqual([]);
  });

  it("does not find a fixed-length token that runs on into more letters", () => {
    expect(findProviderTokens(`${key}abc`)).toEqual([]);
  });
});
