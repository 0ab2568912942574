import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  EXCLUDED_SECRETLINT_RULE,
  RedactionError,
  placeholder,
  redact,
  secretlintConfig,
} from "../src/core/redact/index.js";
import { MAX_DOCUMENT_BYTES } from "../src/core/limits.js";
import { fakeExamples, seeded } from "./fixtures/redact/fakes.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/redact/${name}`, import.meta.url), "utf8");
const lines = (text: string) => text.split("\n").length;

describe("redact: one example of every kind", () => {
  const seed = 20240517;
  for (const ex of fakeExamples(seeded(seed))) {
    it(`replaces a ${ex.name} with [redacted: ${ex.kind}] and counts it`, async () => {
      const { text, report } = await redact(`Before.\n${ex.text}\nAfter.\n`);
      expect(text).toContain(placeholder(ex.kind));
      for (const secret of ex.secrets) expect(text).not.toContain(secret);
      expect(report.kinds).toEqual({ [ex.kind]: 1 });
      expect(report.total).toBe(1);
      expect(text.startsWith("Before.\n")).toBe(true);
      expect(text.endsWith("\nAfter.\n")).toBe(true);
    });
  }
});

describe("redact: what it must leave alone", () => {
  const untouched = [
    "ordinary code: `const total = items.reduce((sum, x) => sum + x.price, 0);`",
    "a pointer with a line range: src/a.ts:10-20 and src/a.ts#L10-L20",
    "dates and times: 2024-05-17, 17/05/2024, 14:32:05, 2024-05-17T14:32:05Z",
    "a commit SHA: 3f2a1bc9e4d5f6a7b8c9d0e1f2a3b4c5d6e7f8a9 and a short one 9fceb02",
    "a UUID: 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
    "a local server: http://localhost:3000/healthz and 127.0.0.1:8080",
    "settings: PORT=3000 DEBUG=true NODE_ENV=production TOKEN_TTL=3600",
    "an empty value: PASSWORD=",
    "a placeholder key: API_KEY=<your key here>",
    "a workflow secret reference: token: ${{ secrets.GITHUB_TOKEN }}",
    "versions: v1.2.3, 2.4.0-rc.1, ^11.7.1, node@20.11.1, @types/node@24.0.0",
    "issue numbers and counts: #418, octo/repo#77, +12 -3, 1,234,567 rows",
    "an IP address and a duration: 10.0.12.7, 192.168.1.100, 3h 20m, 12.5s, 30000 ms",
    "a range of numbers: 10-20, 100-200, 1000-2000",
    "a git remote: git@github.com:octo-org/octo-repo.git",
    "service addresses: noreply@github.com, Claude <noreply@anthropic.com>",
    "CI paths: /home/runner/work/repo/repo and /Users/Shared/build and /root/.npm",
    "a URL without credentials: https://github.com/octo-org/octo-repo/blob/main/src/a.ts#L10",
    "a retina image: logo@2x.png",
    "a TypeScript field: password: string;",
    "code reading a password: password=os.environ['DB_PASSWORD']",
    "a feature flag: passwordless: enabled",
    "a workflow password reference: DB_PASSWORD: ${{ secrets.DB_PASSWORD }}",
    "a shell substitution: SECRET_KEY_BASE=$(openssl rand -hex 64)",
    "prose: the token expires after an hour; Bearer authentication is required",
  ];
  for (const text of untouched) {
    it(`leaves ${text.slice(0, text.indexOf(":"))} untouched`, async () => {
      const result = await redact(text);
      expect(result.text).toBe(text);
      expect(result.report).toEqual({ total: 0, kinds: {} });
    });
  }

  it("finds nothing in a realistic code-heavy handoff", async () => {
    const doc = fixture("code-heavy.md");
    const result = await redact(doc);
    expect(result.report).toEqual({ total: 0, kinds: {} });
    expect(result.text).toBe(doc);
  });
});

describe("redact: the document cannot switch redaction off", () => {
  // A Slack token is caught by secretlint alone, so these also prove its comment filter is off.
  const slack = () => `xoxb-${"4".repeat(11)}-${"7".repeat(12)}-${seeded(7)().toString(36).slice(2).padEnd(24, "Q")}`;
  const bypasses = [
    (t: string) => `<!-- secretlint-disable -->\n${t}\n<!-- secretlint-enable -->`,
    (t: string) => `// secretlint-disable-next-line\n${t}`,
    (t: string) => `${t} // secretlint-disable-line`,
    (t: string) => `${t} # gitleaks:allow`,
    (t: string) => `<!-- secretlint-disable @secretlint/secretlint-rule-slack -->\n${t}`,
  ];
  for (const wrap of bypasses) {
    const sample = wrap("TOKEN");
    it(`redacts a token despite ${JSON.stringify(sample.replace("TOKEN", "…"))}`, async () => {
      const secret = slack();
      const { text, report } = await redact(wrap(secret));
      expect(text).not.toContain(secret);
      expect(report.kinds["slack-token"]).toBe(1);
    });
  }

  it("builds secretlint's configuration without the rule that reads disable comments", () => {
    const ids = secretlintConfig().rules.map((r) => r.id);
    expect(ids).not.toContain(EXCLUDED_SECRETLINT_RULE);
    expect(ids.length).toBeGreaterThan(10);
  });
});

describe("redact: shape of the output", () => {
  it("turns a multi-line private key into one placeholder line and empty lines", async () => {
    const [key] = fakeExamples(seeded(1)).filter((e) => e.kind === "private-key");
    const doc = `# Key\n\n${key?.text}\n\nDone.\n`;
    const { text } = await redact(doc);
    expect(lines(text)).toBe(lines(doc));
    expect(text).toBe(`# Key\n\n${placeholder("private-key")}${"\n".repeat(lines(key?.text ?? "") - 1)}\n\nDone.\n`);
  });

  it("keeps code fences and the text around a secret intact", async () => {
    const [ex] = fakeExamples(seeded(2));
    const doc = `\`\`\`sh\nexport GH=${ex?.secrets[0]}\n\`\`\`\n`;
    const { text } = await redact(doc);
    expect(text).toBe(`\`\`\`sh\nexport GH=${placeholder("github-token")}\n\`\`\`\n`);
  });

  it("keeps scheme and host of a URL with a password", async () => {
    const { text } = await redact("https://deploy:Zx9Q2mWp7LrT@git.example.com/o/r.git");
    expect(text).toBe(`https://${placeholder("url-credentials")}@git.example.com/o/r.git`);
  });

  it("keeps the shape of a home-directory path", async () => {
    const { text } = await redact("open /Users/janedoe/src/app and C:\\Users\\Jane Doe\\AppData");
    expect(text).toBe(
      `open /Users/${placeholder("username")}/src/app and C:\\Users\\${placeholder("username")}\\AppData`,
    );
  });

  it("keeps a secret-named key and replaces only its value", async () => {
    const { text } = await redact("AWS_SECRET_ACCESS_KEY=Qk3mZ8xW1vR7tY2uI9oP4aS6dF0gH5jK3lZ7xC1v");
    expect(text).toBe(`AWS_SECRET_ACCESS_KEY=${placeholder("aws-secret-key")}`);
  });

  it("redacts an AWS secret key that secretlint misses (ending in /) as an env secret", async () => {
    const { text } = await redact("AWS_SECRET_ACCESS_KEY=Qk3mZ8xW1vR7tY2uI9oP4aS6dF0gH5jK3lZ7xC1/");
    expect(text).toBe(`AWS_SECRET_ACCESS_KEY=${placeholder("env-secret")}`);
  });

  it("preserves Windows line endings", async () => {
    const [key] = fakeExamples(seeded(3)).filter((e) => e.kind === "private-key");
    const doc = `a\r\n${key?.text.replaceAll("\n", "\r\n")}\r\nb\r\n`;
    const { text } = await redact(doc);
    expect(text.split("\r\n").length).toBe(doc.split("\r\n").length);
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
  });

  it("reports counts by kind and never a value", async () => {
    const examples = fakeExamples(seeded(4));
    const doc = examples.map((e) => e.text).join("\n\n");
    const { report } = await redact(doc);
    expect(report.total).toBe(examples.length);
    const serialised = JSON.stringify(report);
    for (const e of examples) for (const s of e.secrets) expect(serialised).not.toContain(s);
  });
});

describe("redact: fails closed", () => {
  it("rejects a document over MAX_DOCUMENT_BYTES with a RedactionError", async () => {
    await expect(redact("a".repeat(MAX_DOCUMENT_BYTES + 1))).rejects.toBeInstanceOf(RedactionError);
  });

  it("counts bytes, not characters, against the limit", async () => {
    const justOverInBytes = "é".repeat(MAX_DOCUMENT_BYTES / 2 + 1);
    await expect(redact(justOverInBytes)).rejects.toThrow(/limit/);
  });

  it("never echoes the document in its error", async () => {
    const secret = `ghp_${"k".repeat(36)}`;
    const error = await redact(`${secret}\n${"a".repeat(MAX_DOCUMENT_BYTES)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedactionError);
    expect(String((error as Error).message)).not.toContain(secret);
  });

  it("rejects when an extra pattern cannot be compiled", async () => {
    await expect(redact("text", { extraPatterns: [{ kind: "corp", pattern: "(" }] })).rejects.toBeInstanceOf(
      RedactionError,
    );
  });
});
