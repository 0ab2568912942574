import { describe, expect, it } from "vitest";
import { checkPattern } from "./support/recheck.js";
import { GATE_PATTERNS } from "../src/core/redact/context/gate.js";
import { CONTEXT_PATTERNS } from "../src/core/redact/context/patterns.js";
import { REDACTION_PATTERNS, redact } from "../src/core/redact/index.js";

const MB = 1024 * 1024;

describe("every hand-written pattern is safe from catastrophic backtracking", () => {
  const gate = GATE_PATTERNS.map((regex) => ({ kind: "env-secret", regex }));
  for (const { kind, regex } of [...REDACTION_PATTERNS, ...CONTEXT_PATTERNS, ...gate]) {
    it(`recheck proves /${regex.source.slice(0, 40)}…/ (${kind}) safe`, async () => {
      const diagnosis = await checkPattern(regex);
      expect(diagnosis.status).toBe("safe");
    }, 60_000);
  }
});

/** Text shaped to make each pattern backtrack, about a megabyte each. */
const adversarial: Record<string, string> = {
  "a long run of a@a.a.a…": `${"a@a.".repeat(MB / 4)}1`,
  "local parts without an @": "a.".repeat(MB / 2),
  "ghp_ followed by a megabyte": `ghp_${"a".repeat(MB)}`,
  "ghs_ followed by dotted runs": `ghs_${"a.".repeat(MB / 2)}`,
  "a BEGIN PRIVATE KEY with no end": `-----BEGIN PRIVATE KEY-----\n${`${"A".repeat(64)}\n`.repeat(MB / 65)}`,
  "BEGIN lines repeated on one line": "-----BEGIN PRIVATE KEY-----".repeat(MB / 27),
  "BEGIN lines repeated on many lines": "-----BEGIN RSA PRIVATE KEY-----\n".repeat(MB / 32),
  "a table-row key with no end": `| -----BEGIN PRIVATE KEY----- |\n${`| ${"A".repeat(64)} |\n`.repeat(MB / 69)}`,
  "quoted blank lines after a BEGIN line": `> -----BEGIN PRIVATE KEY-----\n${"> \n>\n".repeat(MB / 6)}`,
  "soft hyphens between letters": "a\u00AD".repeat(MB / 2),
  "unterminated escape sequences between letters": "a\u001B]8;;".repeat(MB / 6),
  "frontmatter full of placeholders": `---\n${"k: [redacted: x] a: b\n".repeat(MB / 22)}---\n`,
  "a run of digits": "1".repeat(MB),
  "digit groups for phones": "+1 234 ".repeat(MB / 7),
  "dashed digit groups": "555-123-".repeat(MB / 8),
  "/Users/ repeated": "/Users/".repeat(MB / 7),
  "Windows user paths with spaces": "C:\\Users\\a a a ".repeat(MB / 16),
  "one 1 MB line without a newline": `${"word ".repeat(MB / 5)}`,
  "assignments without values": "PASSWORD=".repeat(MB / 9),
  "secret names without separators": "api_key_token_secret_".repeat(MB / 21),
  "Bearer repeated": "Bearer ".repeat(MB / 7),
  "schemes without credentials": "https://a:".repeat(MB / 10),
  "JWT-shaped prefixes": "eyJa.".repeat(MB / 5),
  "a Slack-shaped token that never ends": `xoxb-${"a-".repeat(MB / 2)}`,
  "database URLs without a host": `mongodb://${"a:".repeat(MB / 2)}`,
};

describe("adversarial 1 MB inputs are redacted (hang guard, not a benchmark)", () => {
  for (const [name, text] of Object.entries(adversarial)) {
    it(`completes on ${name}`, async () => {
      const { text: out } = await redact(text);
      expect(out.split("\n").length).toBe(text.split("\n").length);
    }, 30_000);
  }

  it("completes on 1 MB of ordinary markdown with an extra pattern", async () => {
    const doc = "Some prose with `code` and src/a.ts:10-20.\n".repeat(MB / 43);
    const { report } = await redact(doc, { extraPatterns: [{ kind: "corp-id", pattern: "CORP-[0-9]{6}" }] });
    expect(report.total).toBe(0);
  }, 30_000);
});
